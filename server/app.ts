// The reference number server (issue 6): one Hono app over the SQLite store. createApp is
// what tests and main.ts use; nothing here listens on a port.
import { Hono, type Context } from "hono";
import { join } from "node:path";
import { openDb, type Db } from "./db";
import { loadCompanies, publicConfig, saveCompany, type Company } from "./companies";
import { createLeases, type Leases } from "./leases";
import { createRecords, type Records } from "./records";
import { createCalls } from "./calls";
import { createBatcher } from "./batch";
import { HttpError, checkToken, fail, sameSecret } from "./http";
import { publicRoutes } from "./public";
import { readRoutes } from "./readApi";
import { renderDashboard } from "./dashboard";
import { DEFAULT_LIMIT, peer, protect } from "./protect";
import type { LimitOptions } from "./limit";
import { bundleReader, sendFile, sendJs } from "./files";

export interface ServerOptions {
  /** Folder of the SQLite file, or ":memory:". */
  dataDir: string;
  /** API token for calls, the read API and the dashboard. */
  token: string;
  /** Lease idle time in seconds (default 1800). */
  idleSeconds?: number;
  /** Project root: dist/ (bundle) and demo/ are found under it. */
  root: string;
  /** Company files stored (and updated) at start. */
  companies?: Company[];
  /** Demo mode: the dashboard opens without a token from loopback. */
  demo?: boolean;
  /** Also serve this folder at /fixtures/ (the e2e pages). */
  fixturesDir?: string;
  /** Add POST /echo, the bench's baseline route. */
  echo?: boolean;
  version?: string;
  /** Clock, for tests. */
  now?: () => number;
  /** Per-client limit on the public endpoints (default DEFAULT_LIMIT); null: none. */
  rateLimit?: LimitOptions | null;
  /** Client addresses from X-Forwarded-For (only behind your own proxy). */
  trustProxy?: boolean;
}

export interface Services {
  db: Db;
  companies: Map<string, Company>;
  leases: Leases;
  records: Records;
  calls: ReturnType<typeof createCalls>;
  /** Runs a write in the next group commit (batch.ts). */
  write: <T>(run: () => T) => Promise<T>;
  token: string;
  now: () => number;
}

export function createApp(o: ServerOptions) {
  const db = openDb(o.dataDir);
  for (const c of o.companies || []) saveCompany(db, c);
  const leases = createLeases(db, { idleSeconds: o.idleSeconds || 1800 });
  const records = createRecords(db);
  const s: Services = {
    db,
    leases,
    records,
    token: o.token,
    now: o.now || Date.now,
    companies: loadCompanies(db),
    calls: createCalls(db, leases, records),
    write: createBatcher(db),
  };
  const version = o.version || "0";
  const bundle = bundleReader(join(o.root, "dist/swap.js"));
  const esm = bundleReader(join(o.root, "dist/swap.mjs"));
  const app = new Hono();
  const guard = protect(app, {
    rateLimit: o.rateLimit === undefined ? DEFAULT_LIMIT : o.rateLimit,
    trustProxy: !!o.trustProxy,
    now: s.now,
  });

  app.onError((err, c) => {
    if (err instanceof HttpError) {
      if (err.status == 401) guard.badToken(c);
      return c.json({ error: err.message }, err.status);
    }
    console.error("[calltrk] " + (err && err.stack ? err.stack.split("\n")[0] : String(err)));
    return c.json({ error: "internal error" }, 500);
  });
  app.notFound((c) => c.json({ error: "not found" }, 404));

  guard.before();
  app.get("/health", (c) => c.json({ ok: true, version }));
  if (o.echo) app.post("/echo", async (c) => c.body(await c.req.text(), 200, { "Content-Type": "text/plain" }));

  // The bundle: a day's cache, revalidated by ETag (the version is in the tag and a header).
  app.get("/swap.js", (c) => {
    const js = bundle() ?? fail(404, "bundle not built (npm run build)");
    return sendJs(c, js, "public, max-age=86400, stale-while-revalidate=604800", version);
  });
  // The ESM build (createCallTrk and the pure rules), for module users and the demo's tracker panel.
  app.get("/swap.mjs", (c) =>
    sendJs(
      c,
      esm() ?? fail(404, "bundle not built (npm run build)"),
      "public, max-age=86400, stale-while-revalidate=604800",
      version,
    ),
  );
  // Bundle + config in one response, cached briefly so config edits show soon (PROTOCOL §1).
  app.get("/companies/:company/swap.js", (c) => {
    const company = s.companies.get(c.req.param("company")) ?? fail(404, "unknown company");
    const js = bundle() ?? fail(404, "bundle not built (npm run build)");
    const config = JSON.stringify(publicConfig(company)).replace(/</g, "\\u003c");
    return sendJs(c, js + "\nCallTrk.configure(" + config + ");\n", "public, max-age=300", version);
  });

  // Parts of the bundle loaded on demand (dist/swap-<part>.js) are fetched relative to the
  // bundle's own URL (docs/protocol.md#1-embedding), so they are served beside both bundle URLs.
  const parts = new Map<string, () => string | null>();
  const sendPart = (c: Context) => {
    const file = c.req.param("file")!;
    if (!parts.has(file)) parts.set(file, bundleReader(join(o.root, "dist", file)));
    const js = parts.get(file)!() ?? fail(404, "not found");
    return sendJs(c, js, "public, max-age=86400, stale-while-revalidate=604800", version);
  };
  app.get("/:file{swap-[a-z0-9-]+\\.js}", sendPart);
  app.get("/companies/:company/:file{swap-[a-z0-9-]+\\.js}", sendPart);

  app.route("/v1/companies", publicRoutes(s));
  app.route("/v3/a", readRoutes(s));

  app.get("/dashboard", (c) => {
    // Loopback only: an in-process request (no socket) is not local.
    const local = !!o.demo && /^(127\.|::1$|::ffff:127\.)/.test(peer(c) || "");
    const q = c.req.query("token");
    if (!local && !(q && sameSecret(q, s.token))) checkToken(c, s.token);
    c.header("Cache-Control", "no-store");
    return c.html(renderDashboard(s));
  });

  app.get("/favicon.ico", (c) => c.body(null, 204));
  app.get("/", (c) => sendFile(c, join(o.root, "demo"), "index.html") ?? fail(404, "no demo site"));
  app.get("/demo/*", (c) => sendFile(c, join(o.root, "demo"), c.req.path.slice(6)) ?? fail(404, "not found"));
  if (o.fixturesDir) {
    const dir = o.fixturesDir;
    app.get("/fixtures/*", (c) => sendFile(c, dir, c.req.path.slice(10)) ?? fail(404, "not found"));
  }

  guard.after();
  return { app, services: s, close: () => db.close() };
}
