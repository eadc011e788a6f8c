// "Simulate a call" in the demo's panel: calls the tracking number this visitor sees, the way a
// carrier would (the server signs and sends its own voice webhook and status callbacks, see
// docs/telephony.md#try-it-without-a-carrier), then points to the attributed call.
(function () {
  "use strict";
  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }
  function shownNumber() {
    var a = document.querySelector("header .call");
    var m = a && /^tel:(\+?\d+)$/.exec(a.getAttribute("href") || "");
    return m ? m[1] : null;
  }
  function start() {
    var panel = document.getElementById("simulator");
    if (!panel) {
      panel = el("aside", null, { id: "simulator", "data-calltrk-noswap": "" });
      document.body.appendChild(panel);
    }
    var box = el("section", null, { id: "simulate-call" });
    box.appendChild(el("h2", "Simulate a call"));
    var button = el("button", "Call the number on this page", { type: "button" });
    var out = el("p", "", { "aria-live": "polite" });
    box.appendChild(button);
    box.appendChild(out);
    panel.appendChild(box);
    button.addEventListener("click", function () {
      var number = shownNumber();
      if (!number) {
        out.textContent = "No number on this page yet.";
        return;
      }
      out.textContent = "Calling " + number + "…";
      fetch("/demo/simulate-call", {
        method: "POST",
        headers: { "Content-Type": "text/plain" },
        body: JSON.stringify({ tracking_number: number }),
      })
        .then(function (r) {
          return r.json();
        })
        .then(function (a) {
          var dialed = a.voice && /<Dial/.test(a.voice.twiml || "");
          out.textContent = "";
          out.appendChild(
            document.createTextNode(
              dialed
                ? "Connected to the business and stored as call " + a.call_sid.slice(0, 10) + "… "
                : "The carrier was told to reject it: no active tracker owns " + number + ". ",
            ),
          );
          var link = el("a", "See it on the dashboard", { href: "/dashboard" });
          out.appendChild(link);
        })
        .catch(function () {
          out.textContent = "The server did not answer.";
        });
    });
  }
  if (document.readyState == "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
