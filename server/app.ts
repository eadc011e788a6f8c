// The number server as one Hono app over the services (store, company map, token). createApp
// is what tests and main.ts use; nothing here listens on a port.
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { methodNotAllowed } from "hono/method-not-allowed";
import { DEFAULT_LIMIT, protect } from "./protect";
import { createServices, type ServerOptions, type Services } from "./services";
import { StoreUnavailable } from "./store";
import { bundleRoutes } from "./routes/bundle";
import { v3Routes } from "./routes/v3/index";
import { Invalid } from "./config/fields";
import { dashboardRoutes } from "./routes/dashboard";
import { staticRoutes } from "./routes/static";
import { TELEPHONY_PREFIX, telephonyRoutes } from "./routes/telephony";
import { demoRoutes } from "./routes/demo";
import { createWriter, type Writer } from "./telephony/writer";
import { apiHeaders } from "./headers";

export type { ServerOptions, Services } from "./services";

/** The routes over services made by createServices; carrier writes go through `writer`. */
export function createRoutes(s: Services, o: ServerOptions, writer: Writer): Hono {
  const version = o.version || "0";
  const app = new Hono();
  const guard = protect(app, {
    rateLimit: o.rateLimit === undefined ? DEFAULT_LIMIT : o.rateLimit,
    trustProxy: !!o.trustProxy,
    now: s.now,
  });

  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      if (err.status == 401) guard.badToken(c);
      return c.json({ error: err.message }, err.status);
    }
    if (err instanceof Invalid) return c.json({ error: err.message }, 422);
    if (err instanceof StoreUnavailable) {
      // Not the client's fault, and it may pass: the bundle keeps its numbers and tries later.
      c.header("Retry-After", "5");
      return c.json({ error: "the store is unavailable, try again later" }, 503);
    }
    console.error("[calltrk] " + (err && err.stack ? err.stack.split("\n")[0] : String(err)));
    return c.json({ error: "internal error" }, 500);
  });
  app.notFound((c) => c.json({ error: "not found" }, 404));
  // A known path asked with another method: 405 with Allow (RFC 9110 §15.5.6).
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        c.json({ error: "method not allowed: use " + methods.join(", ") }, 405, { Allow: methods.join(", ") }),
    }),
  );

  // Before the guard, so that its refusals carry the headers too.
  app.use("/v3/*", apiHeaders());
  guard.before();
  app.get("/health", (c) => c.json({ ok: true, version }));
  if (o.echo) app.post("/echo", async (c) => c.body(await c.req.text(), 200, { "Content-Type": "text/plain" }));

  app.route("/v1/companies", bundleRoutes(s, o));
  app.route(TELEPHONY_PREFIX, telephonyRoutes(s, writer));
  app.route("/v3/a", v3Routes(s));
  app.route("/", dashboardRoutes(s, o, guard));
  if (o.demo)
    app.route(
      "/",
      demoRoutes(s, (request) => app.fetch(request)),
    );
  app.route("/", staticRoutes(s, { root: o.root, version, demo: o.demo, fixturesDir: o.fixturesDir }));
  return app;
}

/** Opens the store and builds the app: `close()` closes the store. */
export async function createApp(o: ServerOptions) {
  const services = await createServices(o);
  // Carrier writes run after the carrier has its answer; each one may have queued webhooks.
  const writer = createWriter({ onWritten: () => services.nudgeWebhooks() });
  const app = createRoutes(services, o, writer);
  return {
    app,
    services,
    writer,
    close: async () => {
      await writer.idle();
      await services.store.close();
    },
  };
}
