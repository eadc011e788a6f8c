// npm run bench: how soon the forms part is there to capture a submit
// (docs/forms.md#loaded-on-demand). A submit before it arrives waits in memory; a page that
// navigates away in that window loses that one submission. In Chromium against the built
// server on loopback, plain and with 100 ms of emulated round-trip latency: the fixture
// e2e/fixtures/forms.html (async script tag, config requested from the server), a first
// view (nothing cached) and a repeat view (the bundle and the part from the browser's
// cache). Printed: ms from navigation start to the first contentful paint, and to the moment
// the part had run (its script element is removed once it announced itself), medians of RUNS.
import { startServer } from "./server.mjs";
import { launch, median, pageWithLatency } from "./browser.mjs";

const PORT = Number(process.env.BENCH_PORT || 4392);
const RUNS = Number(process.env.BENCH_RUNS || 15);
const BASE = `http://127.0.0.1:${PORT}`;

const server = await startServer({
  args: ["--demo", "e2e/fixtures/company.json"],
  port: PORT,
  env: { DATA_DIR: ":memory:", CALLTRK_FIXTURES: "e2e/fixtures" },
});

// Runs before the page's scripts: notes when the part's script element goes (it ran).
const WATCH = `new MutationObserver(function (records, mo) {
  records.forEach(function (r) { r.removedNodes.forEach(function (n) {
    if (n.src && /swap-forms\\.js/.test(n.src)) { window.__part = performance.now(); mo.disconnect(); }
  }); });
}).observe(document, { subtree: true, childList: true });`;

async function view(context, latency) {
  const page = await pageWithLatency(context, latency);
  await page.addInitScript(WATCH);
  await page.goto(BASE + "/fixtures/forms.html");
  await page.waitForFunction(() => window.__part, null, { timeout: 10000 });
  const t = await page.evaluate(() => ({
    part: window.__part,
    fcp: (performance.getEntriesByName("first-contentful-paint")[0] || { startTime: NaN }).startTime,
  }));
  await page.close();
  return t;
}

const browser = await launch();
try {
  console.log(`\nThe forms part, ms from navigation start (median of ${RUNS} visitors)`);
  console.log("  round trip      view     first paint   part ran   part ran - first paint");
  for (const latency of [0, 100]) {
    const first = [];
    const repeat = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext(); // a new visitor, empty cache
      first.push(await view(context, latency));
      repeat.push(await view(context, latency));
      await context.close();
    }
    for (const [name, runs] of [
      ["first", first],
      ["repeat", repeat],
    ]) {
      const fcp = median(runs.map((r) => r.fcp));
      const part = median(runs.map((r) => r.part));
      const gap = median(runs.map((r) => r.part - r.fcp));
      console.log(
        `  ${(latency ? latency + " ms" : "loopback").padEnd(12)} ${name.padEnd(7)} ${fcp.toFixed(1).padStart(12)}   ${part.toFixed(1).padStart(8)}   ${gap.toFixed(1).padStart(22)}`,
      );
    }
  }
} finally {
  await browser.close();
  server.stop();
}
