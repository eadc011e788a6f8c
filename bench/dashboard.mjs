// The dashboard's render time on a big store (docs/dashboard.md#limits): DASH_CALLS calls
// (default 10,000), DASH_VIEWS page views (50,000), sessions and leads spread over DASH_DAYS
// days (default 7: all inside the default range of the last 7 days; more: a history the range
// must not read), seeded by test/server/dashboardSeed.ts, on SQLite and on a throwaway
// PostgreSQL cluster. Each page is asked in-process (app.request, no socket) RUNS times; the
// median is printed beside GET /health in the same run. Run: node bench/dashboard.mjs
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { importBundled } from "./bundle.mjs";

const SIZE = {
  days: Number(process.env.DASH_DAYS || 7),
  calls: Number(process.env.DASH_CALLS || 10000),
  pageViews: Number(process.env.DASH_VIEWS || 50000),
  sessions: Number(process.env.DASH_SESSIONS || 12000),
  leads: Number(process.env.DASH_LEADS || 3000),
};
const RUNS = Number(process.env.BENCH_RUNS || 7);
const STORES = (process.env.DASH_STORES || "sqlite,postgres").split(",");

const { createApp, loadCompanyFile, seedDashboard, startPostgres } = await importBundled("dashboard", {
  stdin: {
    contents: `export { createApp } from "./server/app";
      export { loadCompanyFile } from "./server/companies";
      export { seedDashboard } from "./test/server/dashboardSeed";
      export { startPostgres } from "./test/server/pgCluster";`,
    resolveDir: resolve("."),
    loader: "ts",
  },
});

const AUTH = { Authorization: "Token token=bench" };
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

async function measure(store) {
  const dir = mkdtempSync(join(tmpdir(), "calltrk-bench-dash-"));
  const cluster = store == "postgres" ? await startPostgres() : null;
  const company = loadCompanyFile("demo/company.json");
  const now = Date.now();
  const made = await createApp({
    dataDir: dir,
    databaseUrl: cluster ? cluster.database("bench") : undefined,
    token: "bench",
    root: process.cwd(),
    companies: [company],
    rateLimit: null,
  });
  try {
    const t0 = Date.now();
    await seedDashboard(made.services.store, company, now, SIZE);
    console.log(`${store}: seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const paths = {
      "GET /health (baseline)": "/health",
      overview: "/dashboard?company=demo",
      "call log": "/dashboard/calls?company=demo",
      "call log, one source": "/dashboard/calls?company=demo&source=Google+Ads",
      leads: "/dashboard/leads?company=demo",
      visitors: "/dashboard/visitors?company=demo",
      "a lead": "/dashboard/leads/b2e4d7a0-0000-4000-8000-000000000007?company=demo",
      "a journey": "/dashboard/journeys/6f1c2d3e-0000-4000-8000-000000000007?company=demo",
    };
    const times = {};
    for (const [name, path] of Object.entries(paths)) {
      times[name] = [];
      for (let run = 0; run <= RUNS; run++) {
        const t = process.hrtime.bigint();
        const r = await made.app.request(path, { headers: AUTH });
        const body = await r.text();
        if (r.status != 200) throw new Error(`${path}: ${r.status} ${body.slice(0, 200)}`);
        if (run > 0) times[name].push(Number(process.hrtime.bigint() - t) / 1e6); // the first warms up
      }
    }
    const base = median(times["GET /health (baseline)"]);
    console.log(
      `${store}: ${SIZE.calls} calls, ${SIZE.pageViews} page views, ${SIZE.sessions} sessions, ${SIZE.leads} leads in ${SIZE.days} days; median of ${RUNS}`,
    );
    for (const [name, xs] of Object.entries(times))
      console.log(
        `  ${name.padEnd(24)} ${median(xs).toFixed(1).padStart(8)} ms  ${(median(xs) / base).toFixed(0)}× baseline`,
      );
  } finally {
    await made.close();
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const store of STORES) await measure(store);
