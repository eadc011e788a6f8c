// The endpoints the bundle calls (docs/protocol.md#5-server-endpoints-used-by-the-bundle):
// config, session numbers, page views, form submissions; plus call intake (token). CORS is
// limited to the company's origins. Each answers within BUNDLE_DEADLINE_MS: a store that is
// down or slow gives 503, and the page keeps its numbers.
import { Hono, type Context, type Next } from "hono";
import { HTTPException } from "hono/http-exception";
import { timeout } from "hono/timeout";
import { bodyPending, fail, jsonBody, optString, uuidField, checkToken } from "../http";
import { originAllowed, publicConfig, type Company } from "../companies";
import { e164 } from "../calls";
import { readForm } from "../intake/form";
import { isoTime } from "../intake/time";
import { scrubUrl } from "../intake/url";
import { cleanVisitor } from "../intake/visitor";
import type { Services } from "../services";
import { CONFIG_CACHE } from "./static";
import { FormQuotaReached } from "../store";
import { browserOf, deviceOf } from "../reports";
import { isCrawler } from "../../src/bots";

type Env = { Variables: { company: Company } };

/** Bundle-facing answers come within this, whatever the store does (docs/operations.md#when-the-database-is-down-or-slow). */
export const BUNDLE_DEADLINE_MS = 1500;

/** Form submissions a company may store in 24 hours (FORM_DAILY_QUOTA, docs/security.md#limits-and-quotas). */
export const DEFAULT_FORM_QUOTA = 5000;

export interface BundleOptions {
  /** Form submissions stored per company in 24 hours; 0: no quota (default DEFAULT_FORM_QUOTA). */
  formDailyQuota?: number;
}

/** An optional page URL, stored without form fields or personal data in its query (docs/security.md#page-urls). */
const pageUrl = (body: Record<string, unknown>, key: string) => {
  const v = optString(body, key, 4096);
  return v == null ? null : scrubUrl(v);
};

export function bundleRoutes(s: Services, o: BundleOptions = {}): Hono<Env> {
  const r = new Hono<Env>();
  const formQuota = o.formDailyQuota ?? DEFAULT_FORM_QUOTA;

  // A body still arriving at the deadline is the client's slowness (408, which the bundle
  // retries), not the store's (503).
  r.use(
    "/:company/*",
    timeout(BUNDLE_DEADLINE_MS, (c) =>
      bodyPending(c)
        ? new HTTPException(408, { message: "request body not received in time" })
        : new HTTPException(503, { message: "the store did not answer in time" }),
    ),
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
    c.header("Cache-Control", CONFIG_CACHE);
    return c.json(publicConfig(c.get("company")));
  });

  // Known crawlers never take a pool number (docs/protocol.md#5-server-endpoints-used-by-the-bundle):
  // the bundle does not ask, and the server refuses those that ask anyway. They still see
  // source-tracker numbers, which need no request.
  const noCrawlers = async (c: Context<Env>, next: Next) => {
    if (isCrawler(c.req.header("user-agent") || "")) fail(403, "crawlers get no session numbers");
    await next();
  };
  r.use("/:company/sessions", noCrawlers);
  r.use("/:company/sessions/*", noCrawlers);

  r.post("/:company/sessions", async (c) => {
    const company = c.get("company");
    const body = await jsonBody(c);
    const sessionId = uuidField(body, "session_id");
    const ids = body.tracker_ids;
    if (!Array.isArray(ids) || ids.length > 50 || !ids.every((t) => typeof t == "string" && t.length <= 64))
      fail(400, "tracker_ids must be an array of at most 50 tracker ids");
    // A visitor that does not fit is dropped field by field, never refused (docs/security.md#what-the-server-keeps-of-a-visitor).
    const visitor = cleanVisitor(body.visitor);
    const page = pageUrl(body, "page_url");
    const title = optString(body, "title", 1024);
    const claimed = await s.store.claim({
      company,
      sessionId,
      trackerIds: ids as string[],
      visitor,
      // The page that asked is the session's page view (the bundle reports later ones).
      page: page ? { page_url: page, title } : null,
      now: s.now(),
      client: s.client(c),
    });
    return c.json({
      session_id: sessionId,
      numbers: claimed.numbers,
      lease_seconds: s.store.leaseSeconds,
      exhausted: claimed.exhausted,
      // Refused by the per-client cap (docs/security.md#session-numbers): also exhausted for
      // this visitor, named apart so that explain() can say why.
      ...(claimed.capped.length ? { capped: claimed.capped } : {}),
    });
  });

  r.post("/:company/sessions/:session/page_views", async (c) => {
    const company = c.get("company");
    const sessionId = uuidField({ s: c.req.param("session") }, "s");
    const body = await jsonBody(c);
    const view = {
      page_url: pageUrl(body, "page_url"),
      referrer_url: pageUrl(body, "referrer_url"),
      title: optString(body, "title", 1024),
    };
    // A page view names its page: one without (an empty body, sent only to keep a number)
    // is answered and ignored, and renews nothing (docs/security.md#session-numbers).
    if (view.page_url) await s.store.pageView(company.id, sessionId, view, s.now());
    return c.body(null, 204);
  });

  r.post("/:company/form_submissions", async (c) => {
    const company = c.get("company");
    const form = readForm(await jsonBody(c), company.ignored_fields);
    // Coarse device and browser for the lead's milestones; the user agent itself is not kept.
    const ua = c.req.header("user-agent");
    const facts = { device: deviceOf(ua), browser: browserOf(ua) };
    try {
      const created = await s.store.addForm(company, form, facts, s.now(), formQuota);
      if (created) s.nudgeWebhooks();
      return c.json({ id: form.id }, created ? 201 : 200);
    } catch (e) {
      if (!(e instanceof FormQuotaReached)) throw e;
      // The bundle keeps a submission answered 429 in its outbox and sends it again later.
      c.header("Retry-After", "3600");
      return fail(429, e.message);
    }
  });

  // Call intake from the telephony side (token): attributed to the session or tracker.
  r.post("/:company/calls", async (c) => {
    checkToken(c, s.token);
    const body = await jsonBody(c);
    const tracking = e164(body.tracking_number);
    const customer = e164(body.customer_phone_number);
    if (!tracking) fail(400, "tracking_number must be a North American or E.164 phone number");
    if (!customer) fail(400, "customer_phone_number must be a North American or E.164 phone number");
    const start =
      body.start_time == null ? s.now() : typeof body.start_time == "string" ? isoTime(body.start_time) : null;
    if (start == null) fail(400, "start_time must be an ISO 8601 time such as 2026-11-22T10:00:00Z");
    const input = { tracking_number: tracking!, customer_phone_number: customer!, start_time: start! };
    // A call recorded after the fact: it is over, so its webhook is the post-call one.
    const { call } = await s.store.addCall(c.get("company"), input, s.now(), "post_call_webhook");
    s.nudgeWebhooks();
    return c.json(call, 201);
  });

  return r;
}
