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
const CLIENTS = Number(process.env.BENCH_CLIENTS || 32);
const PORT = Number(process.env.BENCH_PORT || 4390);
const POOL = 150000;

const dir = mkdtempSync(join(tmpdir(), "calltrk-bench-"));
const companyFile = join(dir, "bench.json");
writeFileSync(companyFile, JSON.stringify({
  company_id: "bench", site_origins: ["*"],
  trackers: [{ id: "POOL", type: "session", status: "active", source: "all",
    tracking_numbers: Array.from({ length: POOL }, (_, i) => "+1404" + String(1000000 + i)) }],
}));

const server = spawn(process.execPath, [...(process.env.BENCH_PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []), "dist/server.mjs", companyFile], {
  env: { ...process.env, PORT: String(PORT), DATA_DIR: join(dir, "data"), CALLTRK_API_TOKEN: "bench", CALLTRK_ECHO: "1" },
  stdio: ["ignore", "pipe", "inherit"],
});
await new Promise((resolve) => server.stdout.on("data", (d) => String(d).includes("CallTrk server") && resolve()));

/**
 * Requests per second over SECONDS with CLIENTS keep-alive connections (autocannon, one
 * request in flight per connection); each request gets a fresh body (a new session).
 */
async function rate(path, body) {
  const r = await autocannon({
    url: `http://127.0.0.1:${PORT}${path}`,
    connections: CLIENTS,
    duration: SECONDS,
    requests: [{ method: "POST", headers: { "Content-Type": "text/plain" }, setupRequest: (req) => ({ ...req, body: body() }) }],
  });
  if (r.non2xx || r.errors) throw new Error(`${path}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return r.requests.average;
}

const visitor = { source: "google", medium: "cpc", search_engine: "google", search_type: "paid", landing_page_url: "https://site.example/?gclid=x", utm: {}, click_ids: { gclid: "x" } };
const claim = () => JSON.stringify({ session_id: randomUUID(), tracker_ids: ["POOL"], visitor, page_url: "https://site.example/", title: "Home" });

try {
  await rate("/echo", claim); // warm up both paths
  const rows = [];
  for (let i = 0; i < 2; i++) {
    const echo = await rate("/echo", claim);
    const leases = await rate("/v1/companies/bench/sessions", claim);
    rows.push({ echo, leases });
  }
  const best = rows.reduce((a, b) => (b.leases > a.leases ? b : a));
  console.log(`\nLeases (${CLIENTS} concurrent keep-alive clients, ${SECONDS} s per pass, best of 2; client and server share the machine's cores)`);
  console.log(`  POST /echo (baseline)          ${Math.round(best.echo).toLocaleString("en")} req/s`);
  console.log(`  POST .../sessions (new lease)  ${Math.round(best.leases).toLocaleString("en")} leases/s   ratio to echo: ${(best.leases / best.echo).toFixed(2)}`);
  console.log(`  target: >= 5,000 leases/s on 2 cores`);
} finally {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
