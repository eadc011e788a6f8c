// Starts the number server: `node dist/server.mjs [--demo] [company.json ...]`, or checks company
// files without starting: `node dist/server.mjs check company.json ...`. Settings come
// from the environment (docs/operations.md#settings). A start that cannot go on (bad
// DATABASE_URL, database down, broken company file) prints one line naming the cause and
// exits with status 1.
import { serve } from "@hono/node-server";
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { createApp } from "./app";
import { loadCompanyFile } from "./companies";
import { checkCompanyFiles, clashesAcross } from "./check";
import { Invalid } from "./config/fields";
import { connectionLimits, limitConnections, serverOptions } from "./connections";
import { startMaintenance } from "./maintenance";
import { startWebhookWorker } from "./webhooks/worker";
import { DEFAULT_LIMIT } from "./protect";
import { safeUrl } from "./store/postgres";

declare const __CALLTRK_VERSION__: string;

/** The documented demo token; a production start without CALLTRK_API_TOKEN refuses to run. */
export const DEMO_TOKEN = "demo-token-change-me";
/** The demo's carrier token, so that "Simulate a call" can sign its requests; never used without --demo. */
export const DEMO_TWILIO_TOKEN = "demo-twilio-token-change-me";

class StartError extends Error {}

async function main(): Promise<void> {
  const env = process.env;
  const args = process.argv.slice(2);
  if (args[0] == "check") {
    const result = checkCompanyFiles(args.slice(1));
    for (const line of result.lines) console.log(line);
    process.exit(result.ok ? 0 : 1);
  }
  const demo = args.includes("--demo");
  const files = args.filter((a) => a != "--demo");
  if (!files.length && demo) files.push("demo/company.json");
  const token = env.CALLTRK_API_TOKEN || (demo ? DEMO_TOKEN : "");
  if (!token) throw new StartError("set CALLTRK_API_TOKEN (the demo uses " + DEMO_TOKEN + ")");
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\/[^/]/.test(databaseUrl))
    throw new StartError(`DATABASE_URL must look like postgres://user:password@host:5432/database`);
  const host = env.HOST || "127.0.0.1";
  const port = count(env, "PORT", "") ?? 3000;
  if (port > 65535) throw new StartError("PORT must be a port number, 1 to 65535 (0: any free port)");
  const idleSeconds = count(env, "LEASE_IDLE_SECONDS", "0 means the default, 1800") || 1800;
  const retentionDays = count(env, "RETENTION_DAYS", "0 keeps everything") ?? 180;
  const twilioToken = env.TWILIO_AUTH_TOKEN || (demo ? DEMO_TWILIO_TOKEN : null);
  const publicUrl = env.PUBLIC_URL || `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  if (!/^https?:\/\/[^/]+(\/.*)?$/.test(publicUrl))
    throw new StartError("PUBLIC_URL must look like https://numbers.example.com (the URL the carrier calls)");
  // The demo keeps its own store, so that its company, calls and open dashboard never mix
  // with a company of one's own started later from the same checkout.
  const dataDir = env.DATA_DIR == ":memory:" ? ":memory:" : resolve(env.DATA_DIR || (demo ? "data/demo" : "data"));
  const root = resolve(new URL("..", import.meta.url).pathname);
  const read = files.map((path) => ({ path, company: loadCompanyFile(resolve(path)) }));
  const clash = [...clashesAcross(read)][0];
  if (clash) throw new StartError(`${clash[0]}: ${clash[1]}`);
  const companies = read.map((r) => r.company);
  const trustProxy = env.TRUST_PROXY == "1";
  let limits: ReturnType<typeof connectionLimits>;
  try {
    limits = connectionLimits(env, trustProxy);
  } catch (e) {
    throw new StartError(firstLine(e));
  }
  const formDailyQuota = count(env, "FORM_DAILY_QUOTA");
  const formRetentionDays = count(env, "FORM_RETENTION_DAYS") ?? 0;
  // Before the store is opened: a second start on a port in use (another server running) must
  // not import its company files over what the running one holds.
  if (port) await portFree(host, port);
  let made: Awaited<ReturnType<typeof createApp>>;
  try {
    made = await createApp({
      dataDir,
      databaseUrl,
      postgres: {
        max: Number(env.DATABASE_POOL_SIZE) || undefined,
        statementTimeoutMs: Number(env.DATABASE_STATEMENT_TIMEOUT_MS) || undefined,
      },
      token,
      root,
      demo,
      idleSeconds,
      companies,
      fixturesDir: env.CALLTRK_FIXTURES && existsSync(env.CALLTRK_FIXTURES) ? resolve(env.CALLTRK_FIXTURES) : undefined,
      echo: env.CALLTRK_ECHO == "1",
      rateLimit:
        env.RATE_LIMIT_PER_MINUTE == "0"
          ? null
          : {
              perMinute: Number(env.RATE_LIMIT_PER_MINUTE) || DEFAULT_LIMIT.perMinute,
              burst: Number(env.RATE_LIMIT_BURST) || DEFAULT_LIMIT.burst,
            },
      trustProxy,
      formDailyQuota,
      leasesPerAddress: count(env, "LEASES_PER_ADDRESS"),
      leaseMaxSeconds: count(env, "LEASE_MAX_SECONDS"),
      publicUrl,
      twilioToken,
      allowPrivateWebhooks: env.WEBHOOKS_ALLOW_PRIVATE == "1",
      version: typeof __CALLTRK_VERSION__ == "string" ? __CALLTRK_VERSION__ : "dev",
    });
  } catch (e) {
    // A company file that clashes with what the store holds (a number of a company the API added).
    if (e instanceof Invalid) throw new StartError(`company files: ${firstLine(e)}`);
    const where = databaseUrl ? "database " + safeUrl(databaseUrl) : "data folder " + dataDir;
    throw new StartError(`cannot open the ${where}: ${firstLine(e)}`);
  }
  const { app, services, close } = made;
  const stopMaintenance = startMaintenance(services, {
    retentionDays,
    formRetentionDays,
  });
  const worker = startWebhookWorker(services);
  services.nudgeWebhooks = () => void worker.tick();
  const server = serve({ fetch: app.fetch, hostname: host, port, serverOptions: serverOptions(limits) }, () => {
    const base = `http://${host}:${port}`;
    const store = databaseUrl
      ? safeUrl(databaseUrl)
      : dataDir == ":memory:"
        ? "in memory"
        : dataDir + "/calltrk.sqlite";
    console.log(`CallTrk server ${base}/  store: ${store}  companies: ${[...services.companies.keys()].join(", ")}`);
    // The token is printed only when it is the documented demo one: secrets never reach a log.
    if (demo)
      console.log(
        `Demo site: ${base}/   Dashboard: ${base}/dashboard   API token: ${token == DEMO_TOKEN ? token : "(from CALLTRK_API_TOKEN)"}   Carrier token: ${twilioToken == DEMO_TWILIO_TOKEN ? twilioToken : "(from TWILIO_AUTH_TOKEN)"}`,
      );
    if (!twilioToken) console.warn("carrier webhooks are off until TWILIO_AUTH_TOKEN is set (docs/telephony.md)");
    for (const c of services.companies.values())
      if (!c.site_origins)
        console.warn(
          `company ${c.id}: no site_origins, so only pages on this server's own host may use it (list your sites there)`,
        );
  });
  limitConnections(server as Server, limits);
  server.on("error", (e) => fatal(new StartError(`cannot listen on ${host}:${port}: ${firstLine(e)}`)));
  // A clean stop: no new connections, the requests in flight answered (at most 5 s), then the
  // store closed (SQLite checkpoints its WAL; PostgreSQL connections end after their queries).
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    stopMaintenance();
    void worker.stop();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    Promise.race([closed, new Promise((r) => setTimeout(r, 5000))])
      .then(() => close())
      .finally(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** A whole number setting (0 and up), or undefined when unset; `zero` says what 0 means. */
function count(env: NodeJS.ProcessEnv, name: string, zero = "0 turns it off"): number | undefined {
  const raw = env[name];
  if (raw == null || raw === "") return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n))
    throw new StartError(`${name} must be a whole number${zero ? ` (${zero})` : ""}`);
  return n;
}

/** Resolves when `host:port` can be listened on; else a StartError naming it. */
function portFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (e) => reject(new StartError(`cannot listen on ${host}:${port}: ${firstLine(e)}`)));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message || e).split("\n")[0];
}

function fatal(e: unknown): never {
  console.error("calltrk: " + (e instanceof StartError ? e.message : firstLine(e)));
  process.exit(1);
}

main().catch(fatal);
