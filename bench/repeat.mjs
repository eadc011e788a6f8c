// npm run bench: time until a session number is on the page, first view (lease
// asked from the server, the page waits for it) against a repeat view (lease cached in
// localStorage: no network wait). Both in one run, in Chromium, against the built server
// on loopback, plain and with 100 ms of emulated round-trip latency. The fixture is
// e2e/fixtures/session.html?pool=1; the time is performance.now() at the mutation that
// put the pool number in, read by an init script (medians of RUNS).
import { startServer } from "./server.mjs";
import { launch, median, pageWithLatency } from "./browser.mjs";

const PORT = Number(process.env.BENCH_PORT || 4391);
const RUNS = Number(process.env.BENCH_RUNS || 15);
const BASE = `http://127.0.0.1:${PORT}`;

const server = await startServer({
  args: ["--demo", "e2e/fixtures/company.json"],
  port: PORT,
  env: { DATA_DIR: ":memory:", CALLTRK_FIXTURES: "e2e/fixtures" },
});

// Runs before the page's scripts: notes when the pool number first appears.
const WATCH = `new MutationObserver(function (_, mo) {
  var p = document.getElementById("pool");
  if (p && /^404-555-20/.test(p.textContent)) { window.__swapped = performance.now(); mo.disconnect(); }
}).observe(document, { subtree: true, childList: true, characterData: true });`;

async function view(context, latency) {
  const page = await pageWithLatency(context, latency);
  await page.addInitScript(WATCH);
  await page.goto(BASE + "/fixtures/session.html?pool=1");
  await page.waitForFunction(() => window.__swapped, null, { timeout: 10000 });
  const t = await page.evaluate(() => window.__swapped);
  await page.close();
  return t;
}

const browser = await launch();
try {
  console.log(
    `\nSession number on the page: ms from navigation start (median of ${RUNS}; first view asks the server, repeat view uses the cached lease)`,
  );
  console.log("  round trip      first view   repeat view   repeat / first");
  for (const latency of [0, 100]) {
    const first = [];
    const repeat = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext(); // a new visitor
      first.push(await view(context, latency));
      repeat.push(await view(context, latency));
      await context.close();
    }
    const f = median(first);
    const r = median(repeat);
    console.log(
      `  ${(latency ? latency + " ms" : "loopback").padEnd(12)} ${f.toFixed(1).padStart(10)}   ${r.toFixed(1).padStart(11)}   ${(r / f).toFixed(2).padStart(14)}`,
    );
  }
} finally {
  await browser.close();
  server.stop();
}
