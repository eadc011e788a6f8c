// The demo site's own script: content that arrives late, a tiny single-page app, and the
// arrival simulator. Everything is built with DOM calls and textContent, never innerHTML.
(function () {
  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }

  // Home: reviews loaded on demand.
  var more = document.getElementById("more");
  if (more) more.addEventListener("click", function () {
    document.getElementById("more-reviews").appendChild(el("blockquote", "\u201cBest service in town, call them: 555-310-4554.\u201d \u2014 Pat R."));
  });

  // Book online: a three-step single-page app on pushState.
  var app = document.getElementById("app");
  var STEPS = {
    1: ["Step 1: what needs fixing?", "Not sure? Call us at (555) 310-4554 and describe it."],
    2: ["Step 2: pick a time", "No slot that suits you? Call 555-310-4554."],
    3: ["Booked!", "We will confirm by phone from (555) 310-4554 within the hour."],
  };
  function render(step) {
    while (app.firstChild) app.removeChild(app.firstChild);
    app.appendChild(el("h2", STEPS[step][0]));
    app.appendChild(el("p", STEPS[step][1], { "class": "step-text" }));
    if (step < 3) {
      var next = el("button", "Next", { type: "button", id: "next" });
      next.addEventListener("click", function () {
        history.pushState({ step: step + 1 }, "", "/demo/book.html?step=" + (step + 1));
        render(step + 1);
      });
      app.appendChild(next);
    }
  }
  if (app) {
    render(Number(new URLSearchParams(location.search).get("step")) || 1);
    addEventListener("popstate", function (e) { render((e.state && e.state.step) || 1); });
  }

  // The arrival simulator: real referrers cannot be faked from a page, so each button
  // reloads with the landing parameters an ad or link would carry, and utm_referrer
  // standing in for the referrer (docs/protocol.md#4-visitor-attribution).
  var ARRIVALS = [
    ["Google Ads click", "gclid=demo-CLICK&utm_referrer=https%3A%2F%2Fwww.google.com%2F"],
    ["Google organic", "utm_referrer=https%3A%2F%2Fwww.google.com%2F"],
    ["Bing Ads click", "msclkid=demo-CLICK&utm_referrer=https%3A%2F%2Fwww.bing.com%2F"],
    ["Facebook post", "utm_referrer=https%3A%2F%2Fl.facebook.com%2F"],
    ["Newsletter (landing parameter)", "utm_source=newsletter&utm_medium=email&utm_campaign=spring"],
    ["Direct", ""],
  ];
  function forget() {
    ["calltrk_referrer", "calltrk_landing", "calltrk_session_id"].forEach(function (n) {
      var d = location.hostname.split(".");
      for (var i = 0; i < d.length; i++) document.cookie = n + "=; path=/; max-age=0; domain=" + d.slice(i).join(".");
      document.cookie = n + "=; path=/; max-age=0";
    });
    try { localStorage.removeItem("calltrk_first_touch"); } catch { /* storage blocked */ }
  }
  var panel = el("aside", null, { id: "simulator", "data-calltrk-noswap": "", "aria-label": "Arrival simulator" });
  panel.appendChild(el("h2", "Simulate an arrival"));
  var label = el("label", " as a returning visitor (keep my first touch: only overrides replace it)");
  var returning = el("input", null, { type: "checkbox", id: "returning" });
  label.insertBefore(returning, label.firstChild);
  panel.appendChild(label);
  ARRIVALS.forEach(function (a) {
    var b = el("button", a[0], { type: "button" });
    b.addEventListener("click", function () {
      if (!returning.checked) forget();
      // calltrk_debug=1: the debug report in the console, and the trackers in the panel.
      location.href = location.pathname + "?" + (a[1] ? a[1].replace("CLICK", Date.now()) + "&" : "") + "calltrk_debug=1";
    });
    panel.appendChild(b);
  });
  var reset = el("button", "Forget me", { type: "button", id: "forget" });
  reset.addEventListener("click", function () {
    forget();
    location.href = location.pathname;
  });
  panel.appendChild(reset);
  var out = el("pre", "", { id: "visitor" });
  panel.appendChild(out);
  document.body.appendChild(panel);
  // Which tracker won each swap target, and why: CallTrk.explain(), with the debug report's
  // trackers (the simulator opens pages with ?calltrk_debug=1) for names and what else matched.
  var won = el("pre", "", { id: "winners" });
  panel.insertBefore(won, out);
  var exhausted = el("p", "", { id: "exhausted", "class": "exhausted", role: "status" });
  exhausted.hidden = true;
  panel.insertBefore(exhausted, won);
  // Tracker names are not part of the published config (docs/protocol.md#3-company-config):
  // the demo reads them from its own company file, which the demo server serves.
  var names = {};
  fetch("/demo/company.json").then(function (r) { return r.json(); }).then(function (c) {
    c.trackers.forEach(function (t) { names[t.id] = t.name || t.id; });
  }).catch(function () {});
  function explain() {
    var e = window.CallTrk.explain();
    var trackers = (e && e.trackers) || [];
    var name = function (id) {
      var t = trackers.filter(function (x) { return x.id == id; })[0];
      return names[id] || (t && t.name) || id;
    };
    var lines = (e && e.targets ? e.targets : []).map(function (t) {
      var target = /^\d{10}$/.test(t.target) ? t.target.replace(/(\d{3})(\d{3})(\d{4})/, "$1-$2-$3") : t.target;
      var shown = t.number ? t.number.replace(/^(\d{3})(\d{3})(\d{4})$/, "($1) $2-$3") : "the page's own number";
      var also = trackers.filter(function (x) {
        return x.matched && x.id != t.tracker && x.targets.indexOf(t.target) >= 0;
      }).map(function (x) { return name(x.id); });
      return target + " \u2192 " + shown + "\n  " + t.reason +
        (t.tracker ? "\n  won by " + name(t.tracker) : "") + (also.length ? "\n  also matched: " + also.join(", ") : "");
    });
    won.textContent = "Which tracker won (CallTrk.explain()):\n" + (lines.join("\n") || "(no config)");
    // A pool with no free number: the visitor sees the tracker's fallback number (or the page's own).
    // Or this machine already holds its share of the pool (LEASES_PER_ADDRESS), which trying
    // many arrivals from one browser soon does (docs/security.md#session-numbers).
    var empty = (e && e.targets ? e.targets : []).filter(function (t) {
      return /no free number|holds its share/.test(t.reason);
    });
    var share = empty.length && /holds its share/.test(empty[0].reason);
    exhausted.hidden = !empty.length;
    exhausted.textContent = empty.length
      ? (share
          ? "This machine already holds its share of the session pool (LEASES_PER_ADDRESS, 4 live numbers per address): "
          : "The session pool is exhausted: ") +
        "this visitor sees " +
        (empty[0].number ? "the fallback number, and calls to it are not tied to this visit." : "the page's own number.") +
        (share ? " Leases end after 30 minutes without a page view." : "")
      : "";
  }
  var last = "";
  function show() {
    var ct = window.CallTrk;
    var v = ct && ct.getVisitor && ct.getVisitor();
    out.textContent = v ? "Your first touch:\n" + JSON.stringify(v, null, 2) : "CallTrk is loading\u2026";
    var key = v && ct.explain ? JSON.stringify(ct.explain()) : "";
    if (key && key != last) {
      last = key;
      explain();
    }
  }
  // Refreshed, since the config's overrides apply once it has arrived.
  addEventListener("load", function () { show(); setInterval(show, 500); });
})();
