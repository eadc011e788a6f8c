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
  // standing in for the referrer (PROTOCOL §4).
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
      location.href = location.pathname + (a[1] ? "?" + a[1].replace("CLICK", Date.now()) : "");
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
  // Which tracker won each swap target, and why (PROTOCOL §3), worked out with the pure
  // rules of the ESM build on the same config and first touch the bundle used.
  var won = el("pre", "", { id: "winners" });
  panel.insertBefore(won, out);
  var TIERS = ["", "landing page rule (tier 1)", "referring site rule (tier 2)", "search / direct rule (tier 3)",
    "session tracker rule (tier 4)", "session tracker for everyone (tier 5)", "everyone (tier 6)"];
  var config = fetch("/v1/companies/demo/config").then(function (r) { return r.json(); });
  // Tracker names are not part of the published config (docs/protocol.md#3-company-config):
  // the demo reads them from its own company file, which the demo server serves.
  var file = fetch("/demo/company.json").then(function (r) { return r.json(); }).catch(function () { return { trackers: [] }; });
  function explain(v) {
    Promise.all([import("/swap.mjs"), config, file]).then(function (x) {
      var m = x[0], c = x[1];
      var names = {};
      c.trackers.forEach(function (t) { names[t.id] = t.id; });
      x[2].trackers.forEach(function (t) { if (names[t.id]) names[t.id] = t.name || t.id; });
      var rules = m.readRules(m.readConfig(c));
      var lines = m.winners(rules, v, v.session_id != null).map(function (w) {
        var target = w.target.nsn.replace(/(\d{3})(\d{3})(\d{4})/, "$1-$2-$3");
        var also = rules.filter(function (r) {
          return r !== w.rule && m.matches(r, v) && r.targets.some(function (t) { return t.nsn == w.target.nsn; });
        }).map(function (r) { return names[r.id]; });
        var shown = window.CallTrk.getSwapNumbers([w.target.nsn])[w.target.nsn];
        return target + " \u2192 " + (shown || "(original: no number yet or pool exhausted)") + "\n  won by " + names[w.rule.id] +
          ": " + TIERS[w.rule.tier] + ", rule " + JSON.stringify(w.rule.source) + (also.length ? "\n  also matched: " + also.join(", ") : "");
      });
      won.textContent = "Which tracker won:\n" + (lines.join("\n") || "(none)");
    }).catch(function () { won.textContent = ""; });
  }
  var last = "";
  function show() {
    var v = window.CallTrk && window.CallTrk.getVisitor && window.CallTrk.getVisitor();
    out.textContent = v ? "Your first touch:\n" + JSON.stringify(v, null, 2) : "CallTrk is loading\u2026";
    var key = v ? JSON.stringify(v) + JSON.stringify(window.CallTrk.getSwapNumbers(["5553104554"])) : "";
    if (v && key != last) {
      last = key;
      explain(v);
    }
  }
  // Refreshed, since the config's overrides apply once it has arrived.
  addEventListener("load", function () { show(); setInterval(show, 500); });
})();
