// Starts the reference number server: `node dist/server.mjs [--demo] [company.json ...]`.
// Environment: HOST, PORT, DATA_DIR (":memory:" for a throwaway store), CALLTRK_API_TOKEN,
// LEASE_IDLE_SECONDS, CALLTRK_FIXTURES (a folder served at /fixtures/, for the e2e suite),
// CALLTRK_ECHO=1 (the bench's baseline route), RATE_LIMIT_PER_MINUTE and RATE_LIMIT_BURST
// (per client address on /v1; 0 turns it off), TRUST_PROXY=1 (client addresses from
// X-Forwarded-For), RETENTION_DAYS (visitor data kept; default 180). See README "Server"
// and "Security and privacy".
import { serve } from "@hono/node-server";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { createApp } from "./app";
import { loadCompanyFile } from "./companies";
import { DEFAULT_LIMIT } from "./protect";

declare const __CALLTRK_VERSION__: string;

/** The documented demo token; a production start without CALLTRK_API_TOKEN refuses to run. */
export const DEMO_TOKEN = "demo-token-change-me";

function main(): void {
  const env = process.env;
  const args = process.argv.slice(2);
  const demo = args.includes("--demo");
  const files = args.filter((a) => a != "--demo");
  if (!files.length && demo) files.push("demo/company.json");
  const token = env.CALLTRK_API_TOKEN || (demo ? DEMO_TOKEN : "");
  if (!token) throw new Error("set CALLTRK_API_TOKEN (the demo uses " + DEMO_TOKEN + ")");
  const host = env.HOST || "127.0.0.1";
  const port = Number(env.PORT || 3000);
  const dataDir = env.DATA_DIR == ":memory:" ? ":memory:" : resolve(env.DATA_DIR || "data");
  const root = resolve(new URL("..", import.meta.url).pathname);
  const { app, services, close } = createApp({
    dataDir,
    token,
    root,
    demo,
    idleSeconds: Number(env.LEASE_IDLE_SECONDS || 1800),
    companies: files.map((f) => loadCompanyFile(resolve(f))),
    fixturesDir: env.CALLTRK_FIXTURES && existsSync(env.CALLTRK_FIXTURES) ? resolve(env.CALLTRK_FIXTURES) : undefined,
    echo: env.CALLTRK_ECHO == "1",
    rateLimit:
      env.RATE_LIMIT_PER_MINUTE == "0"
        ? null
        : {
            perMinute: Number(env.RATE_LIMIT_PER_MINUTE) || DEFAULT_LIMIT.perMinute,
            burst: Number(env.RATE_LIMIT_BURST) || DEFAULT_LIMIT.burst,
          },
    trustProxy: env.TRUST_PROXY == "1",
    version: typeof __CALLTRK_VERSION__ == "string" ? __CALLTRK_VERSION__ : "dev",
  });
  // Idle leases also end when nobody claims: a sweep every 30 s keeps the dashboard true.
  setInterval(() => services.leases.expire(Date.now()), 30000).unref();
  // Visitor data older than RETENTION_DAYS goes, at start and every 6 hours (0 keeps it all).
  const retention = Number(env.RETENTION_DAYS ?? 180);
  const purge = () =>
    retention > 0 && services.write(() => services.records.purge(Date.now() - retention * 864e5)).catch(() => {});
  purge();
  setInterval(purge, 6 * 3600e3).unref();
  const server = serve({ fetch: app.fetch, hostname: host, port }, () => {
    const base = `http://${host}:${port}`;
    console.log(
      `CallTrk server ${base}/  data: ${dataDir == ":memory:" ? "in memory" : dataDir + "/calltrk.sqlite"}  companies: ${[...services.companies.keys()].join(", ")}`,
    );
    // The token is printed only when it is the documented demo one: secrets never reach a log.
    if (demo)
      console.log(
        `Demo site: ${base}/   Dashboard: ${base}/dashboard   API token: ${token == DEMO_TOKEN ? token : "(from CALLTRK_API_TOKEN)"}`,
      );
    for (const c of services.companies.values())
      if (!c.site_origins)
        console.warn(
          `company ${c.id}: no site_origins, so only pages on this server's own host may use it (list your sites there)`,
        );
  });
  // A clean stop closes the store, which checkpoints the WAL into the database file.
  const stop = () => {
    server.close();
    close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main();
