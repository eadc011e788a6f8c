// npm run bench (soak part): the long soak, SOAK_VISITORS (default 20,000)
// simulated visitors over loopback against a pool of 100, on a simulated clock
// (test/server/soak.ts, bundled here by esbuild; npm test runs a 2,000-visitor version).
// Prints the counts and the heap after GC at each quarter of the arrivals.
import { build } from "esbuild";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const visitors = Number(process.env.SOAK_VISITORS || 20000);
// Inside node_modules, so that the bundle's external packages resolve from the project.
const out = resolve("node_modules/.cache/calltrk-bench/soak.mjs");
await build({
  entryPoints: ["test/server/soak.ts"],
  outfile: out,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
const { soak } = await import(pathToFileURL(out).href);

const r = await soak({ visitors, pool: 100, idleSeconds: 300, concurrency: 64, seed: 42 });
console.log(
  `\nSoak: ${r.visitors} visitors, ${r.requests} requests over loopback in ${(r.ms / 1000).toFixed(1)} s (pool of 100, 5 min idle, simulated clock)`,
);
console.log(
  `  new leases ${r.leased}, exhausted answers ${r.exhausted} (server counted ${r.serverExhausted}), non-2xx ${r.failures}`,
);
console.log(
  `  double leases ${r.doubleLeases}, numbers lost by a live session ${r.lostNumbers}, live after everyone left ${r.liveAfter}, pool numbers still marked ${r.leasedAfter}`,
);
console.log(`  heap after GC at 25/50/75/100% of arrivals: ${r.heapMB.join(" / ")} MB`);
const bad =
  r.failures || r.doubleLeases || r.lostNumbers || r.liveAfter || r.leasedAfter || r.serverExhausted != r.exhausted;
if (bad) {
  console.error("soak: an invariant broke");
  process.exitCode = 1;
}
