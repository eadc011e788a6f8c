// npm run bench (server part): new session leases per second with concurrent keep-alive
// clients (autocannon), beside a bare POST /echo route on the same server processes in the same
// run, for each store: SQLite, PostgreSQL with one server process, PostgreSQL with two (the
// clients split between them, as behind a load balancer). The servers are the built
// dist/server.mjs on loopback; PostgreSQL is a throwaway cluster on this machine
// (test/server/pgCluster.ts, bundled here by esbuild). The pool is large enough that every
// claim takes a new number; the ratio to echo is what to compare across machines.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import autocannon from "autocannon";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { importBundled } from "./bundle.mjs";
import { poolFor, sessionTrackers } from "./pools.mjs";
import { startServer } from "./server.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS || 4);
/** Concurrent keep-alive connections, one request in flight each: a busy site, a busier one. */
const LEVELS = (process.env.BENCH_CLIENTS || "32,128").split(",").map(Number);
/** Which runs: sqlite, pg1, pg2 (BENCH_STORES=sqlite to skip PostgreSQL). */
const STORES = (process.env.BENCH_STORES || "sqlite,pg1,pg2").split(",");
/** 150 pools of 1,000 numbers (bench/pools.mjs). */
const POOLS = 150;

const { startPostgres } = await importBundled("pgCluster", { entryPoints: ["test/server/pgCluster.ts"] });

const dir = mkdtempSync(join(tmpdir(), "calltrk-bench-"));
const companyFile = join(dir, "bench.json");
writeFileSync(
  companyFile,
  JSON.stringify({
    company_id: "bench",
    site_origins: ["*"],
    trackers: sessionTrackers(POOLS),
  }),
);

/** Starts one server process on a free port, with the echo route; resolves with its port and a stop function. */
const serverWith = (env) =>
  startServer({
    args: [companyFile],
    env: { CALLTRK_ECHO: "1", ...env },
    nodeArgs: process.env.BENCH_PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : [],
  });

/**
 * Requests per second over SECONDS with `connections` keep-alive connections (one request in
 * flight each), split evenly over the ports; each request gets a fresh body (a new session).
 */
async function rate(ports, path, body, connections) {
  const runs = await Promise.all(
    ports.map((port) =>
      autocannon({
        url: `http://127.0.0.1:${port}${path}`,
        connections: Math.max(1, Math.round(connections / ports.length)),
        duration: SECONDS,
        requests: [
          {
            method: "POST",
            headers: { "Content-Type": "text/plain" },
            setupRequest: (req) => ({ ...req, body: body() }),
          },
        ],
      }),
    ),
  );
  for (const r of runs)
    if (r.non2xx || r.errors) throw new Error(`${path}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return runs.reduce((sum, r) => sum + r.requests.average, 0);
}

const visitor = {
  source: "google",
  medium: "cpc",
  search_engine: "google",
  search_type: "paid",
  landing_page_url: "https://site.example/?gclid=x",
  utm: {},
  click_ids: { gclid: "x" },
};
let claims = 0;
const claim = () =>
  JSON.stringify({
    session_id: randomUUID(),
    tracker_ids: [poolFor(claims++, POOLS)],
    visitor,
    page_url: "https://site.example/",
    title: "Home",
  });

const f = (n) => Math.round(n).toLocaleString("en").padStart(7);
let cluster = null;
try {
  console.log(
    `\nLeases: new sessions per second, beside POST /echo on the same server processes (autocannon, ${SECONDS} s per pass, best of 2;`,
  );
  console.log(
    "client, servers and PostgreSQL share the machine's cores; targets on 2 cores: SQLite >= 5,000, PostgreSQL >= 3,000)",
  );
  console.log(
    "  store                connections   POST /echo (baseline)   POST .../sessions (new lease)   ratio to echo",
  );
  for (const store of STORES) {
    let env = { DATA_DIR: join(dir, "data-" + store) };
    if (store != "sqlite") {
      cluster = cluster || (await startPostgres());
      env = { DATABASE_URL: cluster.database("bench_" + store) };
    }
    const count = store == "pg2" ? 2 : 1;
    // One at a time: the first imports the pool, the second finds it there.
    const servers = [];
    for (let i = 0; i < count; i++) servers.push(await serverWith(env));
    const ports = servers.map((s) => s.port);
    try {
      await rate(ports, "/echo", claim, LEVELS[0]); // warm up
      await rate(ports, "/v1/companies/bench/sessions", claim, LEVELS[0]);
      for (const connections of LEVELS) {
        let best = { echo: 0, leases: 0 };
        for (let i = 0; i < 2; i++) {
          const echo = await rate(ports, "/echo", claim, connections);
          const leases = await rate(ports, "/v1/companies/bench/sessions", claim, connections);
          if (leases > best.leases) best = { echo, leases };
        }
        const name = { sqlite: "SQLite", pg1: "PostgreSQL, 1 proc", pg2: "PostgreSQL, 2 procs" }[store] || store;
        console.log(
          `  ${name.padEnd(20)} ${String(connections).padStart(11)}   ${f(best.echo)} req/s           ${f(best.leases)} leases/s               ${(best.leases / best.echo).toFixed(2)}`,
        );
      }
    } finally {
      servers.forEach((s) => s.stop());
    }
  }
} finally {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}
