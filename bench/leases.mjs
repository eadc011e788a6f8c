// npm run bench (server part): new session leases per second with concurrent keep-alive
// clients (autocannon), beside a bare POST /echo route on the same server in the same run. The server
// runs as its own process (built dist/server.mjs) on loopback, with a pool large enough
// that every claim takes a new number; the ratio is what to compare across machines.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import autocannon from "autocannon";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";

const SECONDS = Number(process.env.BENCH_SECONDS || 4);
/** Concurrent keep-alive connections, one request in flight each: a busy site, a busier one. */
const LEVELS = (process.env.BENCH_CLIENTS || "32,128").split(",").map(Number);
const PORT = Number(process.env.BENCH_PORT || 4390);
const POOL = 150000;

const dir = mkdtempSync(join(tmpdir(), "calltrk-bench-"));
const companyFile = join(dir, "bench.json");
writeFileSync(
  companyFile,
  JSON.stringify({
    company_id: "bench",
    site_origins: ["*"],
    trackers: [
      {
        id: "POOL",
        type: "session",
        status: "active",
        source: "all",
        tracking_numbers: Array.from({ length: POOL }, (_, i) => "+1404" + String(1000000 + i)),
      },
    ],
  }),
);

const server = spawn(
  process.execPath,
  [...(process.env.BENCH_PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []), "dist/server.mjs", companyFile],
  {
    env: {
      ...process.env,
      PORT: String(PORT),
      DATA_DIR: join(dir, "data"),
      CALLTRK_API_TOKEN: "bench",
      CALLTRK_ECHO: "1",
      RATE_LIMIT_PER_MINUTE: "0",
    },
    stdio: ["ignore", "pipe", "inherit"],
  },
);
await new Promise((resolve) => server.stdout.on("data", (d) => String(d).includes("CallTrk server") && resolve()));

/**
 * Requests per second over SECONDS with CLIENTS keep-alive connections (autocannon, one
 * request in flight per connection); each request gets a fresh body (a new session).
 */
async function rate(path, body, connections) {
  const r = await autocannon({
    url: `http://127.0.0.1:${PORT}${path}`,
    connections,
    duration: SECONDS,
    requests: [
      { method: "POST", headers: { "Content-Type": "text/plain" }, setupRequest: (req) => ({ ...req, body: body() }) },
    ],
  });
  if (r.non2xx || r.errors) throw new Error(`${path}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return r.requests.average;
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
const claim = () =>
  JSON.stringify({
    session_id: randomUUID(),
    tracker_ids: ["POOL"],
    visitor,
    page_url: "https://site.example/",
    title: "Home",
  });

try {
  await rate("/echo", claim, LEVELS[0]); // warm up
  console.log(
    `\nLeases: new sessions per second, beside POST /echo on the same server (autocannon, ${SECONDS} s per pass, best of 2;`,
  );
  console.log(`client and server share the machine's cores; target >= 5,000 leases/s on 2 cores)`);
  console.log("  connections   POST /echo (baseline)   POST .../sessions (new lease)   ratio to echo");
  for (const connections of LEVELS) {
    let best = { echo: 0, leases: 0 };
    for (let i = 0; i < 2; i++) {
      const echo = await rate("/echo", claim, connections);
      const leases = await rate("/v1/companies/bench/sessions", claim, connections);
      if (leases > best.leases) best = { echo, leases };
    }
    const f = (n) => Math.round(n).toLocaleString("en").padStart(7);
    console.log(
      `  ${String(connections).padStart(11)}   ${f(best.echo)} req/s           ${f(best.leases)} leases/s               ${(best.leases / best.echo).toFixed(2)}`,
    );
  }
} finally {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
