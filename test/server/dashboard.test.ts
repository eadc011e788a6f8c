// @vitest-environment node
// The dashboard's pages (docs/dashboard.md) on each store: sources named by the server, tracker
// names, the date range, source and company filters, times in the company's zone, leads with
// sensitive values hidden, journeys, visitors without a pool number, pool exhaustion.
import { describe, expect, it } from "vitest";
import { company, servers, AUTH, S1, S2, S3, S4, type TestServer } from "./helpers";
import type { Company } from "../../server/companies";

const { make } = servers();

/** COM1 in New York with named trackers, and COM2 with one source tracker. */
function companies(): Company[] {
  const c = company({ name: "Acme Plumbing", time_zone: "America/New_York" });
  const named: Record<string, string> = { SRC_ALL: "Website", POOL: "Visitor pool", SMALL: "Google Ads pool" };
  for (const t of c.trackers) if (named[t.id]) t.name = named[t.id];
  const other = company({
    company_id: "COM2",
    name: "Zeta Roofing",
    trackers: [
      {
        id: "Z_ALL",
        type: "source",
        status: "active",
        name: "Zeta site",
        destination_number: "+17705550099",
        tracking_numbers: ["+17705550000"],
        source: { type: "all" },
      },
    ],
  });
  return [c, other];
}

const GOOGLE_ADS = {
  source: "browser-said-this", // never shown: the server classifies the URLs
  medium: "cpc",
  referrer: "https://www.google.com/",
  landing_page_url: "https://site.example/?gclid=abc&utm_campaign=spring",
};
const FACEBOOK = {
  source: "facebook",
  medium: "social",
  referrer: "https://l.facebook.com/",
  landing_page_url: "https://site.example/",
};

/** Cells of each table row of a page, as text. */
function rows(html: string): string[][] {
  const text = (s: string) =>
    s
      .replace(/<br>/g, " ")
      .replace(/<[^>]+>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&")
      .trim();
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .map((r) => [...r[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => text(c[1])))
    .filter((r) => r.length);
}

const page = async (s: TestServer, path: string) => {
  const r = await s.req(path, { headers: AUTH });
  expect([path, r.status]).toEqual([path, 200]);
  return r.text();
};

/**
 * Three days of COM1 (clock: 2026-11-22 10:00 UTC, 05:00 in New York): S1 from a Google ad
 * (three pages, a lead, a call), S2 from Facebook (a call late on the 21st in New York), S3
 * holding the one number of SMALL and S4 finding it taken, a call to the Website number,
 * and a call ten days ago.
 */
async function seeded() {
  const s = await make({ companies: companies() });
  const today = s.clock.t;
  const call = async (tracking: string, caller: string, at: number, co = "COM1") => {
    const r = await s.req(`/v1/companies/${co}/calls`, {
      method: "POST",
      headers: AUTH,
      json: { tracking_number: tracking, customer_phone_number: caller, start_time: new Date(at).toISOString() },
    });
    expect(r.status).toBe(201);
    return (await r.json()) as { id: number };
  };
  await call("+14045559999", "+15552000010", today - 10 * 86400e3);

  s.clock.t = Date.parse("2026-11-20T15:00:00Z");
  const n1 = (await s.claim(S1, ["POOL"], GOOGLE_ADS)).numbers.POOL;
  for (const path of ["/services", "/contact"]) {
    s.clock.t += 60e3;
    await s.req(`/v1/companies/COM1/sessions/${S1}/page_views`, {
      method: "POST",
      json: { page_url: "https://site.example" + path, title: path.slice(1) + " page" },
    });
  }
  s.clock.t += 60e3;
  const lead = {
    id: "aaaaaaaa-0000-4000-8000-000000000001",
    session_id: S1,
    form_name: "contact",
    form_url: "https://site.example/contact",
    referring_url: GOOGLE_ADS.referrer,
    landing_page_url: GOOGLE_ADS.landing_page_url,
    form_data: {
      Name: "Dana Smith",
      Email: "dana@example.com",
      Comments: "Leak under the sink. " + "x".repeat(579),
      card: "4111 1111 1111 1111",
      password: "hunter2",
    },
  };
  expect((await s.req("/v1/companies/COM1/form_submissions", { method: "POST", json: lead })).status).toBe(201);
  const c1 = await call(n1, "+14045550123", Date.parse("2026-11-20T15:10:00Z"));
  // The carrier's status callback adds these (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier).
  await s.services.store.db.tx(async (sql) => {
    const row = await sql.get<{ record: string }>("SELECT record FROM calls WHERE id = ?", [c1.id]);
    const record = {
      ...JSON.parse(row!.record),
      answered: true,
      duration: 125,
      customer_city: "Atlanta",
      customer_state: "GA",
    };
    await sql.run("UPDATE calls SET record = ? WHERE id = ?", [JSON.stringify(record), c1.id]);
  });

  s.clock.t = Date.parse("2026-11-22T03:00:00Z");
  const n2 = (await s.claim(S2, ["POOL"], FACEBOOK)).numbers.POOL;
  const c2 = await call(n2, "+14045550456", Date.parse("2026-11-22T03:30:00Z"));
  s.clock.t = today;
  await s.claim(S3, ["SMALL"], GOOGLE_ADS);
  const exhausted = await s.claim(S4, ["SMALL"], GOOGLE_ADS);
  expect(exhausted.exhausted).toEqual(["SMALL"]);
  const c3 = await call("+14045559999", "+14045550789", today - 3600e3);
  await call("+17705550000", "+14045550999", today - 3600e3, "COM2");
  return { s, lead, c1, c2, c3 };
}

describe("overview", () => {
  it("totals, sources named by the server, per-day figures in the company's days, pool use", async () => {
    const { s } = await seeded();
    const html = await page(s, "/dashboard");
    expect(html).toContain("Acme Plumbing · 2026-11-16 to 2026-11-22 · times in America/New_York");
    expect(html).not.toContain("browser-said-this");
    expect(html).toMatch(/<b>3<\/b><a [^>]*>calls<\/a>/);
    expect(html).toMatch(/<b>1<\/b><a [^>]*>form leads<\/a>/);
    expect(html).toMatch(/<b>4<\/b><a [^>]*>visitors<\/a>/);
    expect(html).toMatch(/<b>3<\/b>visitors with a pool number/);
    expect(html).toMatch(/<b>6<\/b>page views/); // S1's three, and the page each other claim came from
    const table = rows(html);
    // Per day (New York days): the Facebook call at 03:30 UTC on the 22nd is the 21st's.
    expect(table).toContainEqual(["2026-11-20", "1", "1", "3"]);
    expect(table).toContainEqual(["2026-11-21", "1", "0", "1"]);
    // By source and medium: visitors, with a pool number, calls, leads.
    expect(table).toContainEqual(["Google Ads", "cpc", "3", "2", "1", "1"]);
    expect(table).toContainEqual(["Facebook", "social", "1", "1", "1", "0"]);
    expect(table).toContainEqual(["Website", "", "0", "0", "1", "0"]);
    // Stacked bars with a title per segment, and the pool that was exhausted.
    expect(html).toContain("<title>2026-11-20: 1 calls from Google Ads</title>");
    expect(html).toMatch(
      /<h3>Google Ads pool<\/h3>\s*<p class="muted">Pool of 1 · at most 1 leased at once · <strong class="error">exhausted 1 time<\/strong>, first 2026-11-22 05:00/,
    );
    expect(html).toMatch(
      /<rect class="exhausted"[^>]*><title>2026-11-22 05:00: 1 visitor found no free number<\/title>/,
    );
    expect(html).toMatch(
      /<h3>Visitor pool<\/h3>\s*<p class="muted">Pool of 3 · at most 2 leased at once · never exhausted/,
    );
  });
});

describe("the exhaustion alert", () => {
  const alertOf = (html: string) => /<div class="alert" role="alert">[\s\S]*?<\/div>/.exec(html)?.[0] ?? null;

  it("a pool that ran out in the last 24 hours is named at the top of every page, whatever days it shows", async () => {
    const { s } = await seeded();
    for (const path of ["/dashboard", "/dashboard/calls", "/dashboard/leads", "/dashboard/visitors"]) {
      const html = await page(s, path + "?from=2026-11-01&to=2026-11-02");
      const alert = alertOf(html);
      expect([path, alert && rows(`<tr><td>${alert}</td></tr>`)[0][0]]).toEqual([
        path,
        expect.stringMatching(
          /^A number pool ran out in the last 24 hours\.[\s\S]*\sGoogle Ads pool: 1 visitor found no free number, last at 2026-11-22 05:00/,
        ),
      ]);
      expect(html.indexOf('class="alert"')).toBeLessThan(html.indexOf("<h1>"));
    }
    // Another company's pages say nothing of it.
    expect(alertOf(await page(s, "/dashboard?company=COM2"))).toBeNull();
  });

  it("says nothing once the exhaustion is a day old", async () => {
    const { s } = await seeded();
    s.clock.t += 24 * 3600e3 + 1;
    expect(alertOf(await page(s, "/dashboard"))).toBeNull();
  });
});

describe("call log", () => {
  it("tracker names, callers, the server's source, what the carrier reported, a link to the visit", async () => {
    const { s, c1 } = await seeded();
    const html = await page(s, "/dashboard/calls");
    const calls = rows(html);
    expect(calls).toEqual([
      ["2026-11-22 04:00", "Website", "404-555-9999", "404-555-0789", "Website", "", "", "", "—"],
      [
        "2026-11-21 22:30",
        "Visitor pool",
        expect.stringMatching(/^404-555-000\d$/),
        "404-555-0456",
        "Facebook",
        "social",
        "",
        "",
        "journey",
      ],
      [
        "2026-11-20 10:10",
        "Visitor pool",
        "404-555-0001",
        "404-555-0123 Atlanta, GA",
        "Google Ads",
        "cpc",
        "2:05",
        "answered",
        "journey",
      ],
    ]);
    expect(html).toContain(
      `href="/dashboard/journeys/${S1}?company=COM1&amp;from=2026-11-16&amp;to=2026-11-22#call-${c1.id}"`,
    );
  });

  it("the date range: by default the last 7 days; earlier days when asked", async () => {
    const { s } = await seeded();
    expect(rows(await page(s, "/dashboard/calls?company=COM1&from=2026-11-10&to=2026-11-22"))).toHaveLength(4);
    expect(rows(await page(s, "/dashboard/calls?company=COM1&from=2026-11-21&to=2026-11-21")).map((r) => r[4])).toEqual(
      ["Facebook"],
    );
  });

  it("the source filter, by the name the server gives", async () => {
    const { s } = await seeded();
    const html = await page(s, "/dashboard/calls?company=COM1&source=Google+Ads");
    expect(rows(html).map((r) => r[4])).toEqual(["Google Ads"]);
    expect(html).toContain('<option value="Google Ads" selected>Google Ads</option>');
    expect(rows(await page(s, "/dashboard/calls?company=COM1&source=browser-said-this"))).toEqual([]);
  });

  it("the company filter: each company its own calls", async () => {
    const { s } = await seeded();
    const html = await page(s, "/dashboard/calls?company=COM2");
    expect(rows(html).map((r) => r.slice(1, 4))).toEqual([["Zeta site", "770-555-0000", "404-555-0999"]]);
    expect(html).toContain("Zeta Roofing · 2026-11-16 to 2026-11-22 · times in UTC");
    expect(html).toContain('<option value="COM2" selected>Zeta Roofing</option>');
  });
});

describe("leads", () => {
  it("the list: who, from where, and a link to the details", async () => {
    const { s, lead } = await seeded();
    const html = await page(s, "/dashboard/leads");
    expect(rows(html)).toEqual([
      [
        "2026-11-20 10:03",
        "contact",
        "Dana Smith",
        "dana@example.com",
        "",
        "Google Ads",
        "cpc",
        "site.example/contact",
        "details",
      ],
    ]);
    expect(html).toContain(`href="/dashboard/leads/${lead.id}?company=COM1&amp;from=2026-11-16&amp;to=2026-11-22"`);
  });

  it("the details: form values with card numbers and passwords hidden, long values cut; the journey", async () => {
    const { s, lead } = await seeded();
    // Intake drops such fields (docs/security.md); a store written by an older release may hold them.
    const [stored] = await s.query<{ body: string }>("SELECT body FROM form_submissions WHERE id = ?", [lead.id]);
    expect(JSON.parse(stored.body).form_data).not.toHaveProperty("card");
    const body = JSON.parse(stored.body);
    body.form_data = { ...body.form_data, card: "4111 1111 1111 1111", password: "hunter2" };
    await s.services.store.db.run("UPDATE form_submissions SET body = ? WHERE id = ?", [JSON.stringify(body), lead.id]);
    const html = await page(s, `/dashboard/leads/${lead.id}?company=COM1`);
    const values = rows(html);
    expect(values).toContainEqual(["Name", "Dana Smith"]);
    expect(values).toContainEqual(["card", "hidden: card number ending 1111"]);
    expect(values).toContainEqual(["password", "hidden: sensitive field"]);
    expect(values).toContainEqual(["Comments", "Leak under the sink. " + "x".repeat(479) + " … 100 more characters"]);
    expect(html).not.toContain("4111 1111");
    expect(html).not.toContain("hunter2");
    expect(html).toContain(
      `href="/dashboard/journeys/${S1}?company=COM1&amp;from=2026-11-16&amp;to=2026-11-22#lead-${lead.id}"`,
    );
    expect(html).toMatch(
      /<dt>Source<\/dt><dd>Google Ads<\/dd><dt>Medium<\/dt><dd>cpc<\/dd><dt>Campaign<\/dt><dd>spring<\/dd>/,
    );
  });

  it("another company's lead, or none: 404", async () => {
    const { s, lead } = await seeded();
    expect((await s.req(`/dashboard/leads/${lead.id}?company=COM2`, { headers: AUTH })).status).toBe(404);
    expect((await s.req(`/dashboard/leads/nope?company=COM1`, { headers: AUTH })).status).toBe(404);
  });
});

describe("visitors and journeys", () => {
  it("every visitor of the range, those without a pool number too, with their page views", async () => {
    const { s } = await seeded();
    const list = rows(await page(s, "/dashboard/visitors"));
    expect(list.map((r) => [r[0], r[2], r[3], r[6], r[7]])).toEqual([
      ["2026-11-22 05:00", "Google Ads", "cpc", "no", "1"], // S4: SMALL's one number was taken
      ["2026-11-22 05:00", "Google Ads", "cpc", "yes", "1"], // S3
      ["2026-11-21 22:00", "Facebook", "social", "yes", "1"],
      ["2026-11-20 10:02", "Google Ads", "cpc", "yes", "3"],
    ]);
  });

  it("a journey: first visit, the number held, page views, the lead and the call in time order", async () => {
    const { s, lead, c1 } = await seeded();
    const html = await page(s, `/dashboard/journeys/${S1}?company=COM1`);
    // Last seen 10:02, idle 30 minutes: the lease ended at 10:32 even if the expiry job has not run.
    expect(html).toContain("404-555-0001 from Visitor pool, 2026-11-20 10:00 to 2026-11-20 10:32");
    const events = [...html.matchAll(/<li id="([^"]+)" class="(\w+)"><span class="muted">([^<]+)<\/span>/g)].map((m) =>
      m.slice(1),
    );
    expect(events).toEqual([
      ["page-1", "page", "2026-11-20 10:00"],
      ["page-2", "page", "2026-11-20 10:01"],
      ["page-3", "page", "2026-11-20 10:02"],
      ["lead-" + lead.id, "lead", "2026-11-20 10:03"],
      ["call-" + c1.id, "call", "2026-11-20 10:10"],
    ]);
    expect(html).toContain('Viewed <span title="https://site.example/services">site.example/services</span>');
    expect(html).not.toContain("browser-said-this");
  });

  it("an unknown visitor, or another company's: 404", async () => {
    const { s } = await seeded();
    expect((await s.req(`/dashboard/journeys/${S1}?company=COM2`, { headers: AUTH })).status).toBe(404);
    expect((await s.req(`/dashboard/journeys/nope?company=COM1`, { headers: AUTH })).status).toBe(404);
  });
});

describe("hostile stored values", () => {
  const XSS = "<script>alert(1)</script>";
  const IMG = "<img src=x onerror=alert(1)>";
  const HUGE = "https://evil.example/" + "a".repeat(100_000);

  /** Values no route would accept, written straight into the store, as an old release, a bug or a hand-made row could leave them. */
  async function hostile() {
    const c = companies()[0];
    c.name = { toString: 1 } as never;
    c.time_zone = { toString: 1 } as never;
    c.trackers.find((t) => t.id == "POOL")!.name = 5 as never;
    c.trackers.find((t) => t.id == "SRC_GADS")!.source = { type: { toString: 1 }, search_engine: ["x"] };
    const s = await make({ companies: [c] });
    const store = s.services.store;
    const claim = (sessionId: string, visitor: unknown, page: unknown) =>
      store.claim({
        company: c,
        sessionId,
        trackerIds: ["POOL"],
        visitor: visitor as never,
        page: page as never,
        now: s.clock.t,
      });
    await claim(
      S1,
      { source: { toString: 1 }, medium: 5, referrer: { x: 1 }, landing_page_url: [XSS], campaign: IMG },
      { page_url: XSS, title: IMG },
    );
    await claim(
      S2,
      { source: XSS, referrer: HUGE, landing_page_url: "javascript:alert(1)", keywords: HUGE },
      { page_url: HUGE, title: HUGE },
    );
    await claim("<b>x</b>", null, null);
    await claim(
      S3,
      {
        referrer: "https://" + XSS + ".example/",
        landing_page_url: "https://site.example/?utm_source=" + encodeURIComponent(XSS),
      },
      null,
    );
    const t = s.clock.t;
    await store.db.tx(async (sql) => {
      for (const [id, visitor] of [
        [S4, "not json"],
        ["s-array", "[1,2]"],
        ["s-string", '"str"'],
        ["s-null", "null"],
        ["s-number", "5"],
      ])
        await sql.run(
          "INSERT INTO sessions (company_id, session_id, visitor, first_seen_at, last_seen_at) VALUES ('COM1', ?, ?, ?, ?)",
          [id, visitor, t, t],
        );
      await sql.run(
        "INSERT INTO page_views (company_id, session_id, page_url, referrer_url, title, created_at) VALUES ('COM1', ?, NULL, NULL, NULL, ?)",
        [S4, t],
      );
      await sql.run(
        "INSERT INTO page_views (company_id, session_id, page_url, referrer_url, title, created_at) VALUES ('COM1', ?, ?, ?, ?, ?)",
        [S4, "data:text/html," + XSS, XSS, HUGE, t],
      );
      const forms: Array<[string, string | null, string]> = [
        ["f-bad-json", S4, "{not json"],
        [
          "f-types",
          S1,
          JSON.stringify({
            form_data: 5,
            form_name: { toString: 1 },
            visitor: [1],
            referring_url: 7,
            submitted_at: { x: 1 },
            form_url: ["x"],
          }),
        ],
        ["f-array-data", S1, JSON.stringify({ form_data: [XSS, IMG] })],
        [
          IMG,
          XSS,
          JSON.stringify({
            form_name: XSS,
            form_url: XSS,
            form_data: {
              [XSS]: XSS,
              __proto__: IMG,
              constructor: { a: [XSS] },
              toString: "1",
              big: HUGE,
              n: 5,
              nothing: null,
            },
            visitor: { referrer: XSS, landing_page_url: IMG },
          }),
        ],
        ["f-number", null, "42"],
      ];
      for (const [id, session, body] of forms)
        await sql.run(
          "INSERT INTO form_submissions (id, company_id, session_id, body, created_at) VALUES (?, 'COM1', ?, ?, ?)",
          [id, session, body, t],
        );
      const calls = [
        "not json",
        "[]",
        JSON.stringify({
          tracker_id: { toString: 1 },
          session_id: 5,
          customer_phone_number: { a: 1 },
          tracking_phone_number: XSS,
          duration: "long",
          answered: "yes",
          recording: "javascript:alert(1)",
          customer_city: IMG,
        }),
        JSON.stringify({
          tracker_id: "POOL",
          session_id: XSS,
          customer_phone_number: "+1" + "9".repeat(40),
          referring_url: XSS,
          landing_page_url: HUGE,
          duration: -5,
          answered: false,
          voicemail: true,
          recording: "https://api.twilio.example/rec/" + XSS,
        }),
        JSON.stringify({ tracker_id: "NOT_A_TRACKER", session_id: S2, duration: 1e300, start_time: "garbage" }),
      ];
      for (const record of calls)
        await sql.run(
          "INSERT INTO calls (company_id, record, start_time, customer_phone_number) VALUES ('COM1', ?, ?, NULL)",
          [record, t],
        );
      await sql.run(
        "INSERT INTO leases (company_id, tracker_id, number, session_id, started_at, last_seen_at, ended_at) VALUES ('COM1', ?, ?, ?, ?, ?, NULL)",
        [XSS, IMG, S4, t, t],
      );
      await sql.run("INSERT INTO pool_exhaustions (company_id, tracker_id, at) VALUES ('COM1', ?, ?)", [XSS, t]);
    });
    return s;
  }

  it("every page renders (no 5xx) and nothing stored becomes markup or a script link (both stores)", async () => {
    const s = await hostile();
    const seen = new Set<string>();
    const queue = [
      "/dashboard",
      "/dashboard/calls",
      "/dashboard/leads",
      "/dashboard/visitors",
      "/dashboard?source=" + encodeURIComponent(XSS),
      "/dashboard/calls?source=" + encodeURIComponent(XSS) + "&from=" + encodeURIComponent(IMG),
    ];
    while (queue.length) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const r = await s.req(path, { headers: AUTH });
      const html = await r.text();
      expect(r.status, path).toBeLessThan(500);
      expect(html, path).not.toMatch(/<script|<img|<b>x/i);
      for (const m of html.matchAll(/href="([^"]*)"/g)) {
        const href = m[1].replace(/&amp;/g, "&");
        expect(href, path).toMatch(/^(\/dashboard|https:\/\/)/);
        // Follow every dashboard page (not the paging of big lists).
        if (href.startsWith("/dashboard") && !href.includes("page=")) queue.push(href.split("#")[0]);
      }
    }
    // The lists, every lead's page and every journey were reached.
    const paths = [...seen];
    expect(paths.filter((p) => p.startsWith("/dashboard/leads/")).length).toBeGreaterThanOrEqual(5);
    expect(paths.filter((p) => p.startsWith("/dashboard/journeys/")).length).toBeGreaterThanOrEqual(6);
  });

  it("the hostile values are there, escaped", async () => {
    const s = await hostile();
    const visitors = await page(s, "/dashboard/visitors");
    expect(await page(s, `/dashboard/journeys/${encodeURIComponent("<b>x</b>")}?company=COM1`)).toContain(
      "<dd>&lt;b&gt;x&lt;/b&gt;</dd>",
    );
    const journey = await page(s, `/dashboard/journeys/${S1}?company=COM1`);
    expect(journey).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const lead = await page(s, `/dashboard/leads/${encodeURIComponent(IMG)}?company=COM1`);
    expect(lead).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(lead).toContain("99521 more characters"); // HUGE cut to 500 characters
    expect(visitors).toContain("the company&#39;s time zone is not one this server knows".replace("the", "The"));
  });
});
