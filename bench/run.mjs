// npm run bench: times a full CallTrk.swap() on a large page in real Chromium, as a
// ratio to a bare TreeWalker pass that rewrites one known format, both in the same run
// on the same page. Ratios, not milliseconds, are what to compare across machines.
import { readFileSync } from "node:fs";
import { benchConfig, bigPage } from "./page.mjs";
import { launch, median } from "./browser.mjs";

const RUNS = Number(process.env.BENCH_RUNS || 31);
const bundle = readFileSync(new URL("../dist/swap.js", import.meta.url), "utf8");
const config = benchConfig;

/** Both passes, alternating, on fresh copies of `html`; the bundle is live on the page. */
async function measure({ html, runs }) {
  const reset = () => {
    document.body.innerHTML = html;
    // Collect the old page now, so that no pass pays for the garbage of a reset.
    if (window.gc) window.gc();
  };
  const baseline = () => {
    // The least possible work: one walk over text nodes, one literal format.
    const re = /555-123-1234/g;
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let n;
    while ((n = w.nextNode())) {
      const d = n.data;
      if (re.test(d)) n.data = d.replace(re, "404-555-9999");
      re.lastIndex = 0;
    }
  };
  // The same writes as ours with the least matching: every format of the one number,
  // known in advance, as one literal alternation.
  const formats =
    /555-123-1234|\(555\) ?123-1234|555\.123\.1234|555[ \u00a0]123[ \u00a0]1234|5551231234|555 123 1234|1-555-123-1234|\+1 \(555\) 123-1234|\+1\.555\.123\.1234|\+1 555 123 1234/g;
  const sameWrites = () => {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let n;
    while ((n = w.nextNode())) {
      const d = n.data;
      if (formats.test(d))
        n.data = d.replace(formats, (m) => m.replace(/555/, "404").replace(/123/, "555").replace(/1234/, "9999"));
      formats.lastIndex = 0;
    }
    const links = document.body.querySelectorAll('a[href^="tel:"]');
    for (let i = 0; i < links.length; i++) links[i].setAttribute("href", "tel:+14045559999");
  };
  const ours = () => window.CallTrk.swap();
  // After each pass, the mutation records it made (CallTrk's observer sees the
  // baselines' writes too) are delivered, in a microtask, so they are not billed to the
  // next pass. Not a task: between tasks Chromium would lay out and paint the 32k
  // elements (~0.5 s a time on this machine), which is no part of any pass.
  const time = async (f) => {
    reset();
    const t0 = performance.now();
    f();
    const t = performance.now() - t0;
    await Promise.resolve();
    return t;
  };
  reset();
  const elements = document.body.getElementsByTagName("*").length;
  let texts = 0;
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (w.nextNode()) texts++;
  ours();
  const left =
    document.body.textContent.includes("555-123-1234") || document.querySelector('a[href="tel:+15551231234"]');
  // Late DOM: the same page inserted at once, swapped by CallTrk's observer in the
  // microtask that delivers the records (what a framework render costs).
  const observed = async () => {
    reset();
    const t0 = performance.now();
    await Promise.resolve();
    return performance.now() - t0;
  };
  // Warm up the JIT.
  for (let i = 0; i < 5; i++) {
    await time(baseline);
    await time(ours);
    await observed();
  }
  const b = [];
  const o = [];
  const s = [];
  const l = [];
  for (let i = 0; i < runs; i++) {
    const order =
      i % 2
        ? [
            [b, baseline],
            [s, sameWrites],
            [o, ours],
          ]
        : [
            [o, ours],
            [s, sameWrites],
            [b, baseline],
          ];
    for (const [list, f] of order) list.push(await time(f));
    l.push(await observed());
  }
  reset();
  await Promise.resolve();
  const lateLeft = document.body.textContent.includes("555-123-1234");
  return { elements, texts, b, o, s, l, ok: !left && !lateLeft };
}

const browser = await launch(["--js-flags=--expose-gc"]);
const page = await browser.newPage();
await page.setContent("<!doctype html><html><head></head><body></body></html>");
await page.evaluate((c) => (window.CallTrkConfig = { config: c }), config);
await page.addScriptTag({ content: bundle });

let failed = false;
console.log(`swap benchmark (Chromium, ${RUNS} alternating runs each, medians)`);
for (const [name, links] of [
  ["full page", true],
  ["text only", false],
]) {
  const { html, numbers } = bigPage(2000, { links });
  const r = await page.evaluate(measure, { html, runs: RUNS });
  const mb = median(r.b);
  const mo = median(r.o);
  failed ||= !r.ok;
  console.log(
    `  ${name}: ${r.elements} elements, ${r.texts} text nodes, ${numbers} numbers in 12 formats` +
      (links ? " (half of them tel: links)" : ""),
  );
  const ms = median(r.s);
  console.log(
    `    baseline (TreeWalker, one literal format): ${mb.toFixed(2)} ms; CallTrk.swap(): ${mo.toFixed(2)} ms`,
  );
  console.log(
    `    ratio CallTrk/baseline: ${(mo / mb).toFixed(2)} (target <= 1.30)  every target swapped: ${r.ok ? "yes" : "NO"}`,
  );
  console.log(
    `    reference with the same writes (every format known in advance, links too): ${ms.toFixed(2)} ms; ratio CallTrk/reference: ${(mo / ms).toFixed(2)}`,
  );
  const ml = median(r.l);
  console.log(
    `    late DOM (the page inserted at once, swapped by the observer): ${ml.toFixed(2)} ms; ratio to baseline: ${(ml / mb).toFixed(2)}`,
  );
}
await browser.close();
if (failed) process.exitCode = 1;
