// @vitest-environment node
// Call attribution and the v3 read API (docs/protocol.md sections 7 and 8).
import { describe, expect, it } from "vitest";
import { servers, company, AUTH, S1, S2, type TestServer } from "./helpers";

const { make } = servers();
type S = TestServer;
const call = (s: S, body: unknown, headers: Record<string, string> = AUTH) =>
  s.req("/v1/companies/COM1/calls", { method: "POST", body: JSON.stringify(body), headers });
const get = (s: S, path: string) =>
  s.req("/v3/a/ACC1" + path, { headers: AUTH }).then(async (r) => [r.status, await r.json()] as const);
// The server names a call from the first touch's URLs; what the browser calls it is not read.
const LANDING =
  "https://site.example/?gclid=G1&fbclid=F1&utm_source=google&utm_campaign=spring&utm_term=emergency+plumber";
const VISITOR = {
  source: "google",
  medium: "cpc",
  keywords: "emergency plumber",
  campaign: "spring",
  landing_page_url: LANDING,
  referrer: "https://www.google.com/",
  referrer_domain: "google.com",
  utm: { utm_campaign: "spring", utm_source: "google" },
  click_ids: { gclid: "G1", fbclid: "F1" },
  cookies: { _ga: "GA1.2.3.4" },
};

describe("call attribution", () => {
  it("a call to a leased number is attributed to the session that held it, with the v3 call fields", async () => {
    const s = await make();
    const n = (await s.claim(S1, ["POOL"], VISITOR)).numbers.POOL;
    s.clock.t += 60e3;
    const r = await call(s, {
      tracking_number: n,
      customer_phone_number: "(555) 200-1234",
      start_time: new Date(s.clock.t).toISOString(),
    });
    expect(r.status).toBe(201);
    expect(await r.json()).toMatchObject({
      tracker_id: "POOL",
      session_id: S1,
      tracking_phone_number: n,
      customer_phone_number: "+15552001234",
      source: "Google Ads",
      formatted_tracking_source: "Google Ads",
      source_name: "POOL",
      medium: "cpc",
      keywords: "emergency plumber",
      campaign: "spring",
      landing_page_url: LANDING,
      referring_url: "https://www.google.com/",
      referrer_domain: "google.com",
      utm_source: "google",
      utm_campaign: "spring",
      utm_medium: null,
      gclid: "G1",
      fbclid: "F1",
      msclkid: null,
      ga: "GA1.2.3.4",
      first_call: true,
    });
  });

  it("after the number moved on, an earlier call still goes to the session that held it then", async () => {
    const s = await make({ idleSeconds: 60 });
    const n = (await s.claim(S1, ["SMALL"], VISITOR)).numbers.SMALL;
    const during = s.clock.t + 30e3;
    s.clock.t += 120e3; // S1's lease ended at +60 s
    const bing = {
      source: "bing",
      medium: "organic",
      referrer: "https://www.bing.com/",
      landing_page_url: "https://site.example/",
    };
    expect((await s.claim(S2, ["SMALL"], bing)).numbers.SMALL).toBe(n);
    const late = await (
      await call(s, {
        tracking_number: n,
        customer_phone_number: "5552001234",
        start_time: new Date(during).toISOString(),
      })
    ).json();
    expect([late.session_id, late.source]).toEqual([S1, "Google Ads"]);
    const now = await (
      await call(s, {
        tracking_number: n,
        customer_phone_number: "5552001234",
        start_time: new Date(s.clock.t).toISOString(),
      })
    ).json();
    expect([now.session_id, now.source, now.first_call]).toEqual([S2, "Bing Organic", false]);
    const gap = await (
      await call(s, {
        tracking_number: n,
        customer_phone_number: "5559998888",
        start_time: new Date(during + 60e3).toISOString(),
      })
    ).json();
    // Nobody held it then: the pool's call, from an unknown source (the v3 reference's name for it).
    expect([gap.session_id, gap.tracker_id, gap.source]).toEqual([null, "SMALL", "Unknown Source"]);
  });

  it("what the browser calls its visitor never reaches the call: the server reads the first touch's URLs", async () => {
    const s = await make();
    const liar = { ...VISITOR, source: "bing", medium: "email", search_engine: "bing", campaign: "made-up" };
    const n = (await s.claim(S1, ["POOL"], liar)).numbers.POOL;
    const k = await (await call(s, { tracking_number: n, customer_phone_number: "+15552001234" })).json();
    expect([k.source, k.medium, k.campaign]).toEqual(["Google Ads", "cpc", "spring"]);
  });

  it("a source tracker's number is attributed to that tracker's rule; an unknown number to nothing", async () => {
    const s = await make();
    const g = await (await call(s, { tracking_number: "+14045557777", customer_phone_number: "+15552001234" })).json();
    expect(g).toMatchObject({ tracker_id: "SRC_GADS", session_id: null, source: "Google Ads", medium: "cpc" });
    const u = await (await call(s, { tracking_number: "+14045550999", customer_phone_number: "+15552001234" })).json();
    expect(u).toMatchObject({ tracker_id: null, source: "Unknown Source", first_call: false });
  });

  it.each([
    ["no token", {}, { tracking_number: "+14045557777", customer_phone_number: "+15552001234" }, 401],
    [
      "a wrong token",
      { Authorization: "Token token=nope" },
      { tracking_number: "+14045557777", customer_phone_number: "+15552001234" },
      401,
    ],
    ["a bad tracking number", AUTH, { tracking_number: "call me", customer_phone_number: "+15552001234" }, 400],
    ["no caller", AUTH, { tracking_number: "+14045557777" }, 400],
    [
      "a bad start time",
      AUTH,
      { tracking_number: "+14045557777", customer_phone_number: "+15552001234", start_time: "yesterday" },
      400,
    ],
    [
      "a numeric start time",
      AUTH,
      { tracking_number: "+14045557777", customer_phone_number: "+15552001234", start_time: 5 },
      400,
    ],
  ])("rejects %s", async (_n, headers, body, status) => {
    const s = await make();
    const r = await call(s, body, headers as Record<string, string>);
    expect(r.status).toBe(status);
    expect(await s.count("calls")).toBe(0);
  });

  const TIME = "start_time must be an ISO 8601 time such as 2026-11-22T10:00:00Z";
  const NUMBER = "must be a North American or E.164 phone number";
  it.each([
    ["start_time", "1", TIME],
    ["start_time", "March 7", TIME],
    ["start_time", "2026-02-30T10:00:00Z", TIME],
    ["start_time", "2026-11-22", TIME],
    ["start_time", "Sun, 22 Nov 2026 10:00:00 GMT", TIME],
    ["customer_phone_number", "0000000000", "customer_phone_number " + NUMBER],
    ["customer_phone_number", "+10000000000", "customer_phone_number " + NUMBER],
    ["customer_phone_number", "(555) 012-3456", "customer_phone_number " + NUMBER],
    ["tracking_number", "1234567890", "tracking_number " + NUMBER],
  ])("a lenient %s (%j) is a 400 naming the field, nothing stored", async (field, value, error) => {
    const s = await make();
    const body = { tracking_number: "+14045557777", customer_phone_number: "+15552001234", [field]: value };
    const r = await call(s, body);
    expect([r.status, await r.json()]).toEqual([400, { error }]);
    expect(await s.count("calls")).toBe(0);
  });

  it("a start time with a fraction and an offset is read exactly", async () => {
    const s = await make();
    const body = {
      tracking_number: "+14045557777",
      customer_phone_number: "+442071234567",
      start_time: "2026-11-22T12:00:00.250+02:00",
    };
    expect(await (await call(s, body)).json()).toMatchObject({
      start_time: "2026-11-22T10:00:00.250Z",
      customer_phone_number: "+442071234567",
    });
  });
});

describe("read API (v3 shapes)", () => {
  it("lists calls newest first with page, per_page, total_pages, total_records", async () => {
    const s = await make();
    for (let i = 0; i < 5; i++) {
      s.clock.t += 1000;
      await call(s, {
        tracking_number: "+14045557777",
        customer_phone_number: "+1555200000" + i,
        start_time: new Date(s.clock.t).toISOString(),
      });
    }
    const [status, page2] = await get(s, "/calls.json?per_page=2&page=2");
    expect(status).toBe(200);
    expect(page2).toMatchObject({ page: 2, per_page: 2, total_pages: 3, total_records: 5 });
    expect(page2.calls.map((c: { customer_phone_number: string }) => c.customer_phone_number)).toEqual([
      "+15552000002",
      "+15552000001",
    ]);
    const [, one] = await get(s, "/calls/" + page2.calls[0].id + ".json");
    expect(one.id).toBe(page2.calls[0].id);
    expect((await get(s, "/calls/999.json"))[0]).toBe(404);
    expect((await get(s, "/calls.json?per_page=0"))[0]).toBe(400);
    expect((await get(s, "/calls.json?page=x"))[0]).toBe(400);
    // A page far past any list: OFFSET would leave 64 bits (a 500 from PostgreSQL), so it is refused.
    for (const page of ["1e17", "1000001", "9007199254740993", "-1", "1.5"])
      expect(await get(s, "/calls.json?page=" + page)).toEqual([
        400,
        { error: "page must be an integer from 1 to 1000000" },
      ]);
  });

  it("a call's page views: its session's views before the call, newest first", async () => {
    const s = await make();
    const n = (await s.claim(S1, ["POOL"], VISITOR)).numbers.POOL; // first view: the landing page
    for (const p of ["/services", "/contact"]) {
      s.clock.t += 10e3;
      await s.req(`/v1/companies/COM1/sessions/${S1}/page_views`, {
        method: "POST",
        json: { page_url: "https://site.example" + p, title: p },
      });
    }
    s.clock.t += 10e3;
    const k = await (
      await call(s, {
        tracking_number: n,
        customer_phone_number: "+15552001234",
        start_time: new Date(s.clock.t).toISOString(),
      })
    ).json();
    s.clock.t += 10e3;
    await s.req(`/v1/companies/COM1/sessions/${S1}/page_views`, {
      method: "POST",
      json: { page_url: "https://site.example/after" },
    });
    const [status, views] = await get(s, `/calls/${k.id}/page_views.json`);
    expect(status).toBe(200);
    expect(views.total_records).toBe(3);
    expect(views.page_views.map((v: { page_url: string }) => v.page_url)).toEqual([
      "https://site.example/contact",
      "https://site.example/services",
      "https://site.example/",
    ]);
  });

  it("form submissions, filtered by company_id, scoped to the account", async () => {
    const other = company({ company_id: "COM2", account_id: "ACC1", site_origins: ["*"], trackers: [] });
    const s = await make({ companies: [company(), other] });
    await s.req("/v1/companies/COM1/form_submissions", {
      method: "POST",
      json: {
        id: S1,
        form_name: "contact",
        form_data: { Email: "pat@example.com" },
        visitor: VISITOR,
        referrer: "google_paid",
      },
    });
    await s.req("/v1/companies/COM2/form_submissions", {
      method: "POST",
      json: { id: S2, form_data: { Name: "Pat" } },
    });
    const [, all] = await get(s, "/form_submissions.json");
    expect(all.total_records).toBe(2);
    const [, one] = await get(s, "/form_submissions.json?company_id=COM1");
    expect(one.form_submissions).toEqual([
      expect.objectContaining({
        id: S1,
        company_id: "COM1",
        form_name: "contact",
        form_data: { Email: "pat@example.com" },
        source: "Google Ads",
        medium: "cpc",
        referrer: "google_paid",
        customer_email: "pat@example.com",
        first_form: true,
      }),
    ]);
    expect((await s.req("/v3/a/OTHER/form_submissions.json", { headers: AUTH })).status).toBe(404);
    expect((await s.req("/v3/a/ACC1/form_submissions.json")).status).toBe(401);
  });
});
