// The dashboard (docs/dashboard.md): server-rendered pages under /dashboard and its stylesheet.
// Every answer carries the dashboard's headers (server/headers.ts); the pages come after the
// sign-in check of dashboardLogin.ts.
import { Hono, type Context } from "hono";
import { dashboardHeaders } from "../headers";
import type { Guard } from "../protect";
import type { Services } from "../services";
import { callsPage } from "../dashboard/calls";
import { callsIn, leadsIn, pageOf, visitorsIn } from "../dashboard/data";
import { companyOrder, readFilters, type Filters } from "../dashboard/filters";
import { h, type Html } from "../dashboard/html";
import { ALERT_WINDOW_MS, exhaustionAlert } from "../dashboard/alerts";
import { CSS_PATH, page } from "../dashboard/layout";
import { leadPage, leadsPage } from "../dashboard/leads";
import { messageBody, messagePage } from "../dashboard/login";
import { namer, type Namer } from "../dashboard/naming";
import { overviewPage } from "../dashboard/overview";
import { poolSeries } from "../dashboard/pools";
import { STYLESHEET } from "../dashboard/style";
import { VISITORS_PER_PAGE, journeyPage, visitorsPage } from "../dashboard/visitors";
import { signInRoutes, type DashboardEnv } from "./dashboardLogin";

/** What a page handler gives: its title and body, and its status when not 200. */
interface Shown {
  title: string;
  body: Html;
  status?: 404;
}

/** Most page views, leases, leads and calls one journey shows. */
const JOURNEY_LIMIT = 500;

export function dashboardRoutes(
  s: Services,
  o: { demo?: boolean; trustProxy?: boolean },
  guard: Guard,
): Hono<DashboardEnv> {
  const r = new Hono<DashboardEnv>();
  const store = s.store.dashboard;
  r.use("/dashboard/*", dashboardHeaders());
  r.get(CSS_PATH, (c) => c.body(STYLESHEET, 200, { "Content-Type": "text/css; charset=utf-8" }));

  signInRoutes(r, s, o, guard);

  const companies = () => companyOrder(s.companies.values());
  const notFound = (message: string) => ({
    title: "Not found",
    body: messageBody("Not found", message),
    status: 404 as const,
  });

  /**
   * A page under the navigation item `nav`: `render` gets the filters of the query and a namer
   * for their company, and gives the title and body. No company at all: a page that says so.
   */
  const view =
    (nav: string, render: (c: Context<DashboardEnv>, f: Filters, n: Namer) => Promise<Shown> | Shown) =>
    async (c: Context<DashboardEnv>) => {
      const f = readFilters(c.req.query(), companies(), s.now());
      if (!f)
        return c.html(
          messagePage("No company yet", "Start the server with a company file, or add one through the API."),
          404,
        );
      const n = namer(f.company);
      const [p, recent] = await Promise.all([
        render(c, f, n),
        store.exhaustionsSince(f.company.id, s.now() - ALERT_WINDOW_MS),
      ]);
      const body = h`${exhaustionAlert(recent, n, f.zone)}${p.body}`;
      return c.html(page(p.title, body, { path: nav, filters: f, logout: c.get("cookie") }), p.status || 200);
    };

  r.get(
    "/dashboard",
    view("/dashboard", async (_c, f, n) => {
      const [calls, leads, visitors, pageViews, history] = await Promise.all([
        callsIn(store, f, n),
        leadsIn(store, f, n),
        visitorsIn(store, f, n),
        store.pageViewsPerSlot(f.company.id, f.start, f.end),
        store.poolHistory(f.company.id, f.start, f.end),
      ]);
      const sessionTrackers = [...n.trackers.values()].filter((t) => t.type == "session" && t.status == "active");
      // What happened at this very millisecond is drawn too.
      const until = Math.min(f.end, s.now() + 1);
      const pools = poolSeries(
        history,
        sessionTrackers.map((t) => t.id),
        f.start,
        until,
      );
      const data = { calls, leads, visitors, pageViews, pools };
      return { title: "Overview", body: overviewPage(f, data, n, companies()) };
    }),
  );

  r.get(
    "/dashboard/calls",
    view("/dashboard/calls", async (_c, f, n) => ({
      title: "Calls",
      body: callsPage(f, await callsIn(store, f, n), n, companies()),
    })),
  );

  r.get(
    "/dashboard/leads",
    view("/dashboard/leads", async (_c, f, n) => ({
      title: "Form leads",
      body: leadsPage(f, await leadsIn(store, f, n), companies()),
    })),
  );

  r.get(
    "/dashboard/leads/:id",
    view("/dashboard/leads", async (c, f, n) => {
      const id = c.req.param("id")!;
      const lead = id.length <= 200 ? await store.formById(f.company.id, id) : undefined;
      if (!lead) return notFound("No such lead for this company.");
      return { title: "Form lead", body: leadPage(f, lead, n.lead(lead.body)) };
    }),
  );

  r.get(
    "/dashboard/visitors",
    view("/dashboard/visitors", async (_c, f, n) => {
      const visitors = await visitorsIn(store, f, n);
      const shown = pageOf(visitors.rows, f, VISITORS_PER_PAGE).map((v) => v.session_id);
      const views = await store.pageViewCounts(f.company.id, shown);
      return { title: "Visitors", body: visitorsPage(f, visitors, views, companies()) };
    }),
  );

  r.get(
    "/dashboard/journeys/:session",
    view("/dashboard/visitors", async (c, f, n) => {
      const session = c.req.param("session")!;
      const j = session.length <= 200 ? await store.journey(f.company.id, session, JOURNEY_LIMIT) : null;
      if (!j || (!j.session && !j.pages.length && !j.forms.length && !j.calls.length))
        return notFound("No such visitor for this company.");
      const leases = { now: s.now(), idle: s.store.leaseSeconds * 1000 };
      return { title: "Visitor journey", body: journeyPage(f, session, j, n, leases) };
    }),
  );

  r.get("/dashboard/*", (c) => c.html(messagePage("Not found", "There is no such dashboard page."), 404));
  return r;
}
