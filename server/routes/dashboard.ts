// The dashboard (docs/dashboard.md): server-rendered pages under /dashboard, its stylesheet,
// and signing in and out. Every page answers with the dashboard's headers (server/headers.ts);
// the pages need a signed-in browser, the API token in the Authorization header, or the demo's
// local browser.
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { checkToken, fail, sameSecret } from "../http";
import { dashboardHeaders } from "../headers";
import type { Guard } from "../protect";
import type { Services } from "../services";
import {
  COOKIE,
  LOGIN_MS,
  cookieLogin,
  demoLocal,
  loginId,
  newLoginValue,
  nextPath,
  overHttps,
} from "../dashboard/auth";
import { callsPage } from "../dashboard/calls";
import { callsIn, leadsIn, pageOf, visitorsIn } from "../dashboard/data";
import { companyOrder, readFilters, type Filters } from "../dashboard/filters";
import type { Html } from "../dashboard/html";
import { CSS_PATH, page } from "../dashboard/layout";
import { leadPage, leadsPage } from "../dashboard/leads";
import { loginPage, messageBody, messagePage } from "../dashboard/login";
import { namer } from "../dashboard/naming";
import { overviewPage } from "../dashboard/overview";
import { poolSeries } from "../dashboard/pools";
import { STYLESHEET } from "../dashboard/style";
import { VISITORS_PER_PAGE, journeyPage, visitorsPage } from "../dashboard/visitors";

type Env = { Variables: { cookie: boolean } };

/** Most page views, leases, leads and calls one journey shows. */
const JOURNEY_LIMIT = 500;

export function dashboardRoutes(s: Services, o: { demo?: boolean; trustProxy?: boolean }, guard: Guard): Hono<Env> {
  const r = new Hono<Env>();
  const store = s.store.dashboard;
  const cookie = (c: Context) => ({
    path: "/dashboard",
    httpOnly: true,
    sameSite: "Strict" as const,
    secure: overHttps(c, !!o.trustProxy),
  });

  r.use("/dashboard/*", dashboardHeaders());
  r.get(CSS_PATH, (c) => c.body(STYLESHEET, 200, { "Content-Type": "text/css; charset=utf-8" }));

  // After too many wrong tokens a client waits (protect.ts), on the form as with the header.
  r.use("/dashboard/*", async (c, next) => {
    if (!guard.locked(c)) return next();
    c.header("Retry-After", "60");
    if (c.req.header("authorization") !== undefined) fail(429, "too many requests: retry after 60 s");
    return c.html(messagePage("Too many wrong tokens", "Wait a minute, then sign in again."), 429);
  });

  // Forms post only from this server's own pages: the browser says so in Sec-Fetch-Site, or
  // its Origin has this request's host (what a reverse proxy keeps when it passes Host on).
  const sameOrigin: MiddlewareHandler = async (c, next) => {
    const check = csrf({
      origin: (origin, c) => URL.canParse(origin) && new URL(origin).host === c.req.header("host"),
    });
    await check(c, async () => {}).catch(() =>
      fail(403, "a form from another site: sign in from the dashboard's own page"),
    );
    await next();
  };
  const small = bodyLimit({ maxSize: 8192, onError: () => fail(413, "body larger than 8192 bytes") });

  r.get("/dashboard/login", (c) => c.html(loginPage(nextPath(c.req.query("next")), null)));
  r.post("/dashboard/login", sameOrigin, small, async (c) => {
    const form = await c.req.parseBody();
    const next = nextPath(form.next);
    const token = typeof form.token == "string" ? form.token : "";
    if (!token || !sameSecret(token, s.token)) {
      guard.badToken(c);
      return c.html(loginPage(next, "That is not the API token."), 401);
    }
    const value = newLoginValue();
    await store.addLogin(loginId(s.token, value), s.now(), s.now() + LOGIN_MS);
    setCookie(c, COOKIE, value, { ...cookie(c), maxAge: LOGIN_MS / 1000 });
    return c.redirect(next, 303);
  });
  r.post("/dashboard/logout", sameOrigin, async (c) => {
    const id = cookieLogin(c, s.token);
    if (id) await store.endLogin(id);
    deleteCookie(c, COOKIE, cookie(c));
    return c.redirect("/dashboard/login", 303);
  });

  // Every route below needs a signed-in browser, the token in the header, or the demo's local browser.
  r.use("/dashboard/*", async (c, next) => {
    const id = cookieLogin(c, s.token);
    const signedIn = !!id && (await store.loginValid(id, s.now()));
    if (c.req.header("authorization") !== undefined) checkToken(c, s.token);
    else if (!signedIn && !demoLocal(c, o)) {
      const url = new URL(c.req.url);
      return c.redirect("/dashboard/login?next=" + encodeURIComponent(url.pathname + url.search), 303);
    }
    c.set("cookie", signedIn);
    await next();
  });

  /** The filters of the query, or null (the page says there is no company yet). */
  const filtersOf = (c: Context<Env>) => readFilters(c.req.query(), companyOrder(s.companies.values()), s.now());
  const show = (c: Context<Env>, path: string, f: Filters, title: string, body: Html, status: 200 | 404 = 200) =>
    c.html(page(title, body, { path, filters: f, logout: c.get("cookie") }), status);
  const noCompany = (c: Context) =>
    c.html(messagePage("No company yet", "Start the server with a company file, or add one through the API."), 404);
  const companies = () => companyOrder(s.companies.values());

  r.get("/dashboard", async (c) => {
    const f = filtersOf(c);
    if (!f) return noCompany(c);
    const n = namer(f.company);
    const [calls, leads, visitors, pageViews, history] = await Promise.all([
      callsIn(store, f, n),
      leadsIn(store, f, n),
      visitorsIn(store, f, n),
      store.pageViewsPerSlot(f.company.id, f.start, f.end),
      store.poolHistory(f.company.id, f.start, f.end),
    ]);
    const sessionTrackers = [...n.trackers.values()].filter((t) => t.type == "session" && t.status == "active");
    const pools = poolSeries(
      history,
      sessionTrackers.map((t) => t.id),
      f.start,
      Math.min(f.end, s.now() + 1), // what happened at this very millisecond is drawn too
    );
    const data = { calls, leads, visitors, pageViews, pools };
    return show(c, "/dashboard", f, "Overview", overviewPage(f, data, n, companies()));
  });

  r.get("/dashboard/calls", async (c) => {
    const f = filtersOf(c);
    if (!f) return noCompany(c);
    const n = namer(f.company);
    return show(c, "/dashboard/calls", f, "Calls", callsPage(f, await callsIn(store, f, n), n, companies()));
  });

  r.get("/dashboard/leads", async (c) => {
    const f = filtersOf(c);
    if (!f) return noCompany(c);
    const leads = await leadsIn(store, f, namer(f.company));
    return show(c, "/dashboard/leads", f, "Form leads", leadsPage(f, leads, companies()));
  });

  r.get("/dashboard/leads/:id", async (c) => {
    const f = filtersOf(c);
    if (!f) return noCompany(c);
    const id = c.req.param("id");
    const lead = id.length <= 200 ? await store.formById(f.company.id, id) : undefined;
    if (!lead)
      return show(
        c,
        "/dashboard/leads",
        f,
        "Not found",
        messageBody("Not found", "No such lead for this company."),
        404,
      );
    return show(c, "/dashboard/leads", f, "Form lead", leadPage(f, lead, namer(f.company).lead(lead.body)));
  });

  r.get("/dashboard/visitors", async (c) => {
    const f = filtersOf(c);
    if (!f) return noCompany(c);
    const visitors = await visitorsIn(store, f, namer(f.company));
    const shown = pageOf(visitors.rows, f, VISITORS_PER_PAGE).map((v) => v.session_id);
    const views = await store.pageViewCounts(f.company.id, shown);
    return show(c, "/dashboard/visitors", f, "Visitors", visitorsPage(f, visitors, views, companies()));
  });

  r.get("/dashboard/journeys/:session", async (c) => {
    const f = filtersOf(c);
    if (!f) return noCompany(c);
    const session = c.req.param("session");
    const j = session.length <= 200 ? await store.journey(f.company.id, session, JOURNEY_LIMIT) : null;
    if (!j || (!j.session && !j.pages.length && !j.forms.length && !j.calls.length))
      return show(
        c,
        "/dashboard/visitors",
        f,
        "Not found",
        messageBody("Not found", "No such visitor for this company."),
        404,
      );
    return show(
      c,
      "/dashboard/visitors",
      f,
      "Visitor journey",
      journeyPage(f, session, j, namer(f.company), { now: s.now(), idle: s.store.leaseSeconds * 1000 }),
    );
  });

  r.get("/dashboard/*", (c) => c.html(messagePage("Not found", "There is no such dashboard page."), 404));
  return r;
}
