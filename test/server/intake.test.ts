// @vitest-environment node
// What the server keeps of what the bundle sends (docs/security.md): the visitor checked field
// by field at the door, form submissions with the protocol's fields only and within limits, no
// card number or secret field, a daily quota per company counted from the store, and page URLs
// without the form fields a GET form leaves in them.
import { describe, expect, it } from "vitest";
import { company, servers, AUTH, S1, S2, S3, type TestServer } from "./helpers";

const { make, sharedPlace } = servers();
const post = (s: TestServer, path: string, body: unknown) =>
  s.req("/v1/companies/COM1" + path, { method: "POST", body: JSON.stringify(body) });
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const form = (id: string, over: Record<string, unknown> = {}) => ({ id, form_data: { Email: "a@b.c" }, ...over });
const storedForms = async (s: TestServer) =>
  (await s.query<{ body: string }>("SELECT body FROM form_submissions ORDER BY id")).map((r) => JSON.parse(r.body));

/** A visitor as a hostile or broken client might send it. */
const ODD_VISITOR = {
  session_id: S1,
  source: { toString: 1 },
  medium: "cpc",
  search_engine: "google",
  search_type: "paid",
  referrer: 5,
  landing_page_url: "https://site.example/?gclid=G1",
  campaign: ["spring"],
  keywords: "x".repeat(501),
  utm: { utm_campaign: "spring", utm_source: { a: 1 }, ["k".repeat(65)]: "v" },
  click_ids: "gclid=G1",
  cookies: { _ga: "GA1.2.3.4" },
  admin: true,
};
const CLEAN_VISITOR = {
  session_id: S1,
  medium: "cpc",
  search_engine: "google",
  search_type: "paid",
  landing_page_url: "https://site.example/?gclid=G1",
  utm: { utm_campaign: "spring" },
  cookies: { _ga: "GA1.2.3.4" },
};

describe("the visitor is checked at the door, field by field", () => {
  it("a source that is an object is dropped with the other misfits; the rest is stored and read back as documented", async () => {
    const s = await make();
    const claimed = await s.claim(S1, ["POOL"], JSON.parse(JSON.stringify(ODD_VISITOR)));
    expect(claimed.numbers.POOL).toMatch(/^\+1404555000\d$/);
    const [session] = await s.query<{ visitor: string }>("SELECT visitor FROM sessions");
    expect(JSON.parse(session.visitor)).toEqual(CLEAN_VISITOR);

    expect((await post(s, "/form_submissions", form(S2, { visitor: ODD_VISITOR }))).status).toBe(201);
    expect((await storedForms(s))[0].visitor).toEqual(CLEAN_VISITOR);
    const list = await (await s.req("/v3/a/ACC1/form_submissions.json", { headers: AUTH })).json();
    // Reports name the arrival from its URLs (the gclid on the landing page), never from the odd object.
    expect(list.form_submissions[0]).toMatchObject({
      source: "Google Ads",
      medium: "cpc",
      campaign: null,
      keywords: null,
    });

    const call = await s.req("/v1/companies/COM1/calls", {
      method: "POST",
      headers: AUTH,
      json: { tracking_number: claimed.numbers.POOL, customer_phone_number: "+14045552222" },
    });
    expect(await call.json()).toMatchObject({ source: "Google Ads", medium: "cpc", campaign: null, utm_source: null });
  });

  it("a visitor that is not an object is dropped: the visitor still gets a number and the lead is stored", async () => {
    const s = await make();
    for (const visitor of ["google", 7, ["google"], true]) {
      const r = await post(s, "/sessions", { session_id: S1, tracker_ids: ["POOL"], visitor });
      expect(r.status).toBe(200);
    }
    expect(await s.query("SELECT visitor FROM sessions")).toEqual([{ visitor: null }]);
    expect((await post(s, "/form_submissions", form(S2, { visitor: "google" }))).status).toBe(201);
    expect((await storedForms(s))[0]).not.toHaveProperty("visitor");
  });

  it("maps keep at most 20 entries; a medium, engine or search type outside its value set is dropped", async () => {
    const s = await make();
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => ["c" + i, "v"]));
    await s.claim(S1, ["POOL"], {
      source: "google",
      medium: "paid",
      search_engine: "evil",
      search_type: "paid",
      cookies: many,
    });
    const [row] = await s.query<{ visitor: string }>("SELECT visitor FROM sessions");
    const v = JSON.parse(row.visitor);
    expect(v).toEqual({ source: "google", cookies: expect.any(Object) });
    expect(Object.keys(v.cookies)).toHaveLength(20);
  });
});

describe("form submissions keep the protocol's fields, within limits", () => {
  it("fields the protocol does not list are not stored", async () => {
    const s = await make();
    const body = form(S2, {
      session_id: S1,
      form_url: "https://site.example/contact",
      form_name: "contact",
      submitted_at: "2026-11-22T10:00:00.000Z",
      admin: true,
      secret: "x".repeat(30000),
    });
    expect((await post(s, "/form_submissions", body)).status).toBe(201);
    const [stored] = await storedForms(s);
    expect(Object.keys(stored).sort()).toEqual([
      "form_data",
      "form_name",
      "form_url",
      "id",
      "session_id",
      "submitted_at",
    ]);
    expect(stored).toMatchObject({ form_name: "contact", submitted_at: "2026-11-22T10:00:00.000Z" });
  });

  const fields = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => ["f" + i, "v"]));
  it.each([
    ["101 fields", fields(101), "form_data has more than 100 fields"],
    ["a 201-character field name", { ["n".repeat(201)]: "v" }, "form_data field names must be at most 200 characters"],
    ["a 5,001-character value", { Comments: "x".repeat(5001) }, "form_data values must be at most 5000 characters"],
    ["101 values under one name", { Services: Array(101).fill("x") }, "form_data arrays must have at most 100 values"],
    [
      "50 KB in all",
      Object.fromEntries(Array.from({ length: 11 }, (_, i) => ["f" + i, "x".repeat(4700)])),
      "form_data must be at most 49152 bytes",
    ],
    ["a number value", { Age: 5 }, "form_data values must be strings or arrays of strings"],
  ])("%s: 400 naming the limit, nothing stored", async (_, data, error) => {
    const s = await make();
    const r = await post(s, "/form_submissions", { id: S2, form_data: data });
    expect([r.status, await r.json()]).toEqual([400, { error }]);
    expect(await s.count("form_submissions")).toBe(0);
  });

  it("a card number is dropped or cut out of text whatever its field's name; secret field names are dropped; the lead is kept", async () => {
    const s = await make({ companies: [company({ ignored_fields: ["Captcha"] } as never)] });
    const data = {
      Email: "a@b.c",
      Comments: "my card is 4111 1111 1111 1111, call me",
      Notes: "4111-1111-1111-1112", // fails Luhn: not a card
      Services: ["Drains", "5500 0000 0000 0004"],
      Reference: "378282246310005",
      "Card #": "1234",
      account_number: "12345678",
      acct_no: "12345678",
      routing: "021000021",
      sort_code: "12-34-56",
      IBAN: "GB82WEST12345698765432",
      otp: "123456",
      one_time_code: "123456",
      "2fa": "123456",
      ssn: "078-05-1120",
      tax_id: "12-3456789",
      captcha: "xyz",
      Phone: "404-555-1111",
    };
    expect((await post(s, "/form_submissions", { id: S2, form_data: data })).status).toBe(201);
    expect((await storedForms(s))[0].form_data).toEqual({
      Email: "a@b.c",
      Comments: "my card is [card number removed], call me",
      Notes: "4111-1111-1111-1112",
      Services: ["Drains"],
      Phone: "404-555-1111",
    });
  });

  it("a submitted_at that is not an RFC 3339 time is left out, and the lead is kept", async () => {
    const s = await make();
    for (const [i, t] of ["March 7", "1", 5, "2026-02-30T10:00:00Z"].entries())
      expect((await post(s, "/form_submissions", form(uuid(i), { submitted_at: t }))).status).toBe(201);
    expect((await storedForms(s)).map((f) => "submitted_at" in f)).toEqual([false, false, false, false]);
  });
});

describe("a daily quota of stored form submissions per company", () => {
  it("past the quota: 429 naming it, with Retry-After, nothing stored; the same id again is 200; room again after 24 hours", async () => {
    const s = await make({ formDailyQuota: 3 });
    for (let i = 1; i <= 3; i++) expect((await post(s, "/form_submissions", form(uuid(i)))).status).toBe(201);
    const r = await post(s, "/form_submissions", form(uuid(4)));
    expect([r.status, r.headers.get("retry-after"), await r.json()]).toEqual([
      429,
      "3600",
      { error: "form submission quota reached: at most 3 a day for this company (FORM_DAILY_QUOTA)" },
    ]);
    expect(await s.count("form_submissions")).toBe(3);
    expect((await post(s, "/form_submissions", form(uuid(2)))).status).toBe(200); // a retry of a stored lead
    s.clock.t += 24 * 3600e3 + 1;
    expect((await post(s, "/form_submissions", form(uuid(4)))).status).toBe(201);
  });

  it("is counted from the store: two servers on one store share one quota", async () => {
    const place = await sharedPlace();
    const a = await make({ place, formDailyQuota: 4 });
    const b = await make({ place, formDailyQuota: 4 });
    const statuses = [];
    for (let i = 1; i <= 6; i++) statuses.push((await post(i % 2 ? a : b, "/form_submissions", form(uuid(i)))).status);
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    expect(await a.count("form_submissions")).toBe(4);
  });

  it("is per company", async () => {
    const s = await make({ formDailyQuota: 1, companies: [company(), company({ company_id: "COM2", trackers: [] })] });
    expect((await post(s, "/form_submissions", form(S1))).status).toBe(201);
    const other = await s.req("/v1/companies/COM2/form_submissions", {
      method: "POST",
      body: JSON.stringify(form(S2)),
    });
    expect(other.status).toBe(201);
    expect((await post(s, "/form_submissions", form(S3))).status).toBe(429);
  });
});

describe("page URLs are stored without the form fields a GET form puts in them", () => {
  const THANKS =
    "https://site.example/thanks?Name=Dana+Smith&Email=dana%40example.com&Phone=404-555-1111&utm_source=news&gclid=G1#top";
  const CLEAN = "https://site.example/thanks?utm_source=news&gclid=G1";

  it("session page, page views, referrers, form and visitor URLs keep only campaign parameters", async () => {
    const s = await make();
    await post(s, "/sessions", {
      session_id: S1,
      tracker_ids: ["POOL"],
      page_url: THANKS,
      visitor: { source: "google", landing_page_url: THANKS, referrer: THANKS },
    });
    await post(s, `/sessions/${S1}/page_views`, { page_url: THANKS, referrer_url: THANKS });
    await post(s, "/form_submissions", form(S2, { form_url: THANKS, landing_page_url: THANKS, referring_url: THANKS }));
    const views = await s.query<{ page_url: string; referrer_url: string | null }>(
      "SELECT page_url, referrer_url FROM page_views ORDER BY id",
    );
    expect(views).toEqual([
      { page_url: CLEAN, referrer_url: null },
      { page_url: CLEAN, referrer_url: CLEAN },
    ]);
    const [f] = await storedForms(s);
    expect([f.form_url, f.landing_page_url, f.referring_url]).toEqual([CLEAN, CLEAN, CLEAN]);
    const [session] = await s.query<{ visitor: string }>("SELECT visitor FROM sessions");
    expect(JSON.parse(session.visitor)).toEqual({ source: "google", landing_page_url: CLEAN, referrer: CLEAN });
    const everything = JSON.stringify([views, await storedForms(s), session]);
    for (const personal of ["Dana", "dana", "555-1111"]) expect(everything).not.toContain(personal);
  });

  it("a URL whose parameters look like nothing personal is stored as sent", async () => {
    const s = await make();
    const url = "https://site.example/book?step=2&q=water+heater&utm_campaign=spring#reviews";
    await post(s, `/sessions/${S1}/page_views`, { page_url: url });
    expect(await s.query("SELECT page_url FROM page_views")).toEqual([{ page_url: url }]);
  });
});
