// The endpoints the bundle calls (docs/protocol.md#5-server-endpoints-used-by-the-bundle):
// config, session numbers, page views, form submissions; plus call intake (token). CORS is
// limited to the company's origins. Each answers within BUNDLE_DEADLINE_MS: a store that is
// down or slow gives 503, and the page keeps its numbers.
import { Hono, type Context, type Next } from "hono";
import { HTTPException } from "hono/http-exception";
import { timeout } from "hono/timeout";
import { fail, jsonBody, optObject, optString, uuidField, checkToken } from "../http";
import { originAllowed, publicConfig, type Company } from "../companies";
import { e164 } from "../calls";
import type { Services } from "../services";
import type { FormBody, Visitor } from "../store";
import { browserOf, deviceOf } from "../reports";

type Env = { Variables: { company: Company } };

/** Bundle-facing answers come within this, whatever the store does (docs/operations.md#failure). */
export const BUNDLE_DEADLINE_MS = 1500;

export function bundleRoutes(s: Services): Hono<Env> {
  const r = new Hono<Env>();

  r.use(
    "/:company/*",
    timeout(BUNDLE_DEADLINE_MS, () => new HTTPException(503, { message: "the store did not answer in time" })),
  );

  // Company lookup and CORS for every route below (unknown company → 404).
  r.use("/:company/*", async (c: Context<Env>, next: Next) => {
    const found = s.companies.get(c.req.param("company")!);
    // A disabled company (DELETE companies/{id}.json) no longer tracks: it is unknown here.
    const company = found && found.status != "disabled" ? found : undefined;
    const origin = c.req.header("origin");
    const allowed = !!company && originAllowed(company, origin, c.req.header("host"));
    if (origin) {
      // A refused origin still gets CORS on the error answer, so that the page (and the bundle's
      // debug report) can read the server's reason; the answer carries nothing but that reason.
      c.header("Access-Control-Allow-Origin", allowed && (company!.site_origins || []).includes("*") ? "*" : origin);
      c.header("Vary", "Origin");
    }
    if (c.req.method == "OPTIONS") {
      c.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      c.header("Access-Control-Allow-Headers", "Content-Type, Authorization");
      c.header("Access-Control-Max-Age", "86400");
      return c.body(null, 204);
    }
    if (!company) fail(404, "unknown company");
    if (!allowed) fail(403, "origin not allowed for this company (site_origins)");
    c.set("company", company!);
    await next();
  });

  r.get("/:company/config", (c) => {
    c.header("Cache-Control", "public, max-age=300");
    return c.json(publicConfig(c.get("company")));
  });

  r.post("/:company/sessions", async (c) => {
    const company = c.get("company");
    const body = await jsonBody(c);
    const sessionId = uuidField(body, "session_id");
    const ids = body.tracker_ids;
    if (!Array.isArray(ids) || ids.length > 50 || !ids.every((t) => typeof t == "string" && t.length <= 64))
      fail(400, "tracker_ids must be an array of at most 50 tracker ids");
    const visitor = optObject(body, "visitor", 16384) as Visitor | null;
    const page = optString(body, "page_url", 4096);
    const title = optString(body, "title", 1024);
    const claimed = await s.store.claim({
      company,
      sessionId,
      trackerIds: ids as string[],
      visitor,
      // The page that asked is the session's page view (the bundle reports later ones).
      page: page ? { page_url: page, title } : null,
      now: s.now(),
    });
    return c.json({
      session_id: sessionId,
      numbers: claimed.numbers,
      lease_seconds: s.store.leaseSeconds,
      exhausted: claimed.exhausted,
    });
  });

  r.post("/:company/sessions/:session/page_views", async (c) => {
    const company = c.get("company");
    const sessionId = uuidField({ s: c.req.param("session") }, "s");
    const body = await jsonBody(c);
    const view = {
      page_url: optString(body, "page_url", 4096),
      referrer_url: optString(body, "referrer_url", 4096),
      title: optString(body, "title", 1024),
    };
    await s.store.pageView(company.id, sessionId, view, s.now());
    return c.body(null, 204);
  });

  r.post("/:company/form_submissions", async (c) => {
    const company = c.get("company");
    const body = await jsonBody(c);
    const id = uuidField(body, "id");
    if (body.session_id != null) uuidField(body, "session_id");
    const data = optObject(body, "form_data", 60000);
    if (!data) fail(400, "form_data must be an object");
    for (const v of Object.values(data!))
      if (typeof v != "string" && !(Array.isArray(v) && v.every((x) => typeof x == "string")))
        fail(400, "form_data values must be strings or arrays of strings");
    for (const k of ["form_url", "form_name", "landing_page_url", "referrer", "referring_url", "submitted_at"])
      optString(body, k, 4096);
    optObject(body, "visitor", 16384);
    // Coarse device and browser for the lead's milestones; the user agent itself is not kept.
    const ua = c.req.header("user-agent");
    const facts = { device: deviceOf(ua), browser: browserOf(ua) };
    const created = await s.store.addForm(company, { ...body, id } as FormBody, facts, s.now());
    if (created) s.nudgeWebhooks();
    return c.json({ id }, created ? 201 : 200);
  });

  // Call intake from the telephony side (token): attributed to the session or tracker.
  r.post("/:company/calls", async (c) => {
    checkToken(c, s.token);
    const body = await jsonBody(c);
    const tracking = e164(body.tracking_number);
    const customer = e164(body.customer_phone_number);
    if (!tracking) fail(400, "tracking_number must be a phone number");
    if (!customer) fail(400, "customer_phone_number must be a phone number");
    const start = body.start_time == null ? s.now() : Date.parse(body.start_time);
    if (typeof body.start_time != "string" && body.start_time != null) fail(400, "start_time must be an ISO 8601 time");
    if (!Number.isFinite(start)) fail(400, "start_time must be an ISO 8601 time");
    const input = { tracking_number: tracking!, customer_phone_number: customer!, start_time: start };
    // A call recorded after the fact: it is over, so its webhook is the post-call one.
    const { call } = await s.store.addCall(c.get("company"), input, s.now(), "post_call_webhook");
    s.nudgeWebhooks();
    return c.json(call, 201);
  });

  return r;
}
