// npm run bench: a long page (27,000 elements) loaded in Chromium with the script-tag
// bundle in <head>, against a reference script that does one TreeWalker pass at
// DOMContentLoaded, and against the page with no script at all, alternating, medians.
// Printed: the time from navigation start until every number is swapped (ratio to the
// reference), and how much each script delays the `load` event beyond the bare page
// (ratio to the reference's delay). docs/performance.md#a-long-page explains the numbers.
import { readFileSync } from "node:fs";
import { benchConfig, bigPage } from "./page.mjs";
import { launch, median } from "./browser.mjs";

const RUNS = Number(process.env.BENCH_RUNS || 15);
/** BENCH_OTHER_BUNDLE=path: also time another build of the bundle (an older one), same page, same rounds. */
const OTHER = process.env.BENCH_OTHER_BUNDLE;
const SECTIONS = 1700; // ~27,000 elements
const bundle = readFileSync(new URL("../dist/swap.js", import.meta.url), "utf8");
const config = benchConfig;
const { html: body } = bigPage(SECTIONS, { links: true });

// The reference: one TreeWalker pass at DOMContentLoaded rewriting one literal format.
const REFERENCE = `<script>document.addEventListener("DOMContentLoaded", function () {
  var re = /555-123-1234/g, w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), n;
  while ((n = w.nextNode())) { var d = n.data; if (re.test(d)) n.data = d.replace(re, "404-555-9999"); re.lastIndex = 0; }
  window.__done = performance.now();
});</script>`;
// CallTrk with its config inline (no config request), the bundle inline too so that no
// fetch is timed (a site's cached swap.js costs the same parse and run), then a listener
// registered after the bundle's own, which runs when the bundle's DOMContentLoaded work is over.
const CALLTRK =
  `<script>window.CallTrkConfig = ${JSON.stringify({ config })};</script><script>${bundle.replace(/<\/script/g, "<\\/script")}</script>` +
  `<script>document.addEventListener("DOMContentLoaded", function () { window.__done = performance.now(); });</script>`;
const other = OTHER ? readFileSync(OTHER, "utf8") : "";
const OTHER_PAGE =
  `<script>window.CallTrkConfig = ${JSON.stringify({ config })};</script><script>${other.replace(/<\/script/g, "<\\/script")}</script>` +
  `<script>document.addEventListener("DOMContentLoaded", function () { window.__done = performance.now(); });</script>`;
const NONE = `<script>document.addEventListener("DOMContentLoaded", function () { window.__done = performance.now(); });</script>`;
const pageOf = (head) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Long page</title>${head}</head><body>${body}</body></html>`;
const PAGES = { reference: pageOf(REFERENCE), calltrk: pageOf(CALLTRK), none: pageOf(NONE), other: pageOf(OTHER_PAGE) };

const browser = await launch();
const context = await browser.newContext();
await context.route("http://bench.test/**", (r) => {
  const path = new URL(r.request().url()).pathname;
  return r.fulfill({ contentType: "text/html", body: PAGES[path.slice(1)] });
});

async function visit(name) {
  const page = await context.newPage();
  await page.goto("http://bench.test/" + name, { waitUntil: "load" });
  const r = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return {
      done: window.__done,
      load: nav.loadEventStart,
      dcl: nav.domContentLoadedEventStart,
      elements: document.getElementsByTagName("*").length,
      left:
        document.body.textContent.split("555-123-1234").length -
        1 +
        document.querySelectorAll('a[href="tel:+15551231234"]').length,
    };
  });
  await page.close();
  return r;
}

const runs = OTHER ? { reference: [], calltrk: [], none: [], other: [] } : { reference: [], calltrk: [], none: [] };
for (let i = 0; i < 3; i++) for (const n of Object.keys(runs)) await visit(n); // warm up
for (let i = 0; i < RUNS; i++) {
  const names = Object.keys(runs);
  const order = i % 2 ? names : names.slice().reverse();
  // One fresh page each, the three back to back.
  for (const n of order) runs[n].push(await visit(n));
}
await browser.close();

const m = (n, k) => median(runs[n].map((r) => r[k]));
// Paired per round (none, reference, CallTrk loaded back to back), so that the machine's
// drift between rounds, larger than the effect, cancels out.
const pairs = (f) => median(runs.calltrk.map((c, i) => f(c, runs.reference[i], runs.none[i])));
const c = runs.calltrk[0];
console.log(
  `\nLong page: ${c.elements} elements, loaded with the script in <head> (Chromium, ${RUNS} rounds, medians)`,
);
console.log(`  every CallTrk target swapped: ${runs.calltrk.every((r) => r.left == 0) ? "yes" : "NO"}`);
console.log("  page        all swapped (ms)   DOMContentLoaded (ms)   load (ms)");
for (const n of Object.keys(runs))
  console.log(
    `  ${n.padEnd(10)} ${(n == "none" ? "-" : m(n, "done").toFixed(1)).padStart(16)}   ${m(n, "dcl").toFixed(1).padStart(21)}   ${m(n, "load").toFixed(1).padStart(9)}`,
  );
const ratio = pairs((o, r) => o.done / r.done);
const ours = pairs((o, r, n) => o.load - n.load);
const ref = pairs((o, r, n) => r.load - n.load);
const diff = pairs((o, r) => o.load - r.load);
console.log(`  all swapped, CallTrk / reference (median of rounds): ${ratio.toFixed(3)} (target <= 1.05)`);
console.log(
  `  load delayed beyond the bare page (median of rounds): CallTrk ${ours.toFixed(1)} ms, reference ${ref.toFixed(1)} ms; CallTrk load - reference load: ${diff.toFixed(1)} ms (target <= 0)`,
);
if (OTHER) {
  const r2 = median(runs.other.map((o, i) => o.done / runs.reference[i].done));
  const d2 = median(runs.other.map((o, i) => o.load - runs.reference[i].load));
  console.log(
    `  the other bundle (${OTHER}): all swapped / reference ${r2.toFixed(3)}; its load - reference load: ${d2.toFixed(1)} ms`,
  );
}
if (!runs.calltrk.every((r) => r.left == 0)) process.exitCode = 1;
