// @vitest-environment node
// Fuzzing what the server keeps (docs/security.md#attack-tried--held): hostile visitors, form
// submissions, call times and numbers, page URLs carrying personal data, and company files
// with fields the protocol does not list. Besides the rules of fuzzing.ts (never a 5xx, a JSON
// 4xx stores nothing), whatever was accepted must be stored in its documented shape. Seeded.
import { describe, expect, it } from "vitest";
import { company, servers, AUTH, S1, type TestServer } from "./helpers";
import { check, ODD, value } from "./fuzzing";
import { rng } from "./rng";
import { readCompany } from "../../server/companies";
import { containsCardNumber as looksLikeCard } from "../../src/forms/cards";
import { secretName } from "../../src/forms/fields";
import { FORM_LIMITS } from "../../server/intake/form";

const { make } = servers();
type R = () => number;
const pick = <T>(r: R, a: readonly T[]): T => a[Math.floor(r() * a.length)];
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const TEXT_FIELDS = ["source", "referrer_domain", "keywords", "campaign", "referrer", "landing_page_url"];
const MAPS = ["utm", "click_ids", "cookies"];
const VISITOR_FIELDS = ["session_id", "medium", "search_engine", "search_type", ...TEXT_FIELDS, ...MAPS];

/** A value a hostile visitor might hold in a field: the fuzzer's values, plus near-miss strings and maps. */
function visitorValue(r: R): unknown {
  switch (Math.floor(r() * 5)) {
    case 0:
      return pick(r, ["cpc", "paid", "google", "organic", "x".repeat(501), "y".repeat(4097), S1, "CPC"]);
    case 1:
      return Object.fromEntries(Array.from({ length: Math.floor(r() * 30) }, (_, i) => ["k" + i, value(r, 2)]));
    default:
      return value(r);
  }
}

/** Is this what docs/protocol.md#4-visitor-attribution documents? */
function documented(v: Record<string, unknown>): string | null {
  for (const [k, x] of Object.entries(v)) {
    if (!VISITOR_FIELDS.includes(k)) return "unknown field " + k;
    if (MAPS.includes(k)) {
      const entries = Object.entries(x as object);
      if (!x || typeof x != "object" || Array.isArray(x) || entries.length > 20) return k + " is not a small map";
      if (!entries.every(([n, y]) => n.length <= 64 && typeof y == "string" && y.length <= 500)) return k + " entry";
    } else if (k == "medium" && !["cpc", "organic", "social", "email", "referral", "direct"].includes(x as string))
      return "medium " + x;
    else if (k == "search_type" && !["paid", "organic"].includes(x as string)) return "search_type " + x;
    else if (x !== null && typeof x != "string") return k + " is a " + typeof x;
  }
  if ("search_engine" in v != "search_type" in v) return "search_engine without search_type";
  return null;
}

const stored = async (s: TestServer) => [
  ...(await s.query<{ visitor: string | null }>("SELECT visitor FROM sessions")).map((x) => x.visitor),
  ...(await s.query<{ body: string }>("SELECT body FROM form_submissions")).map((x) =>
    JSON.stringify(JSON.parse(x.body).visitor),
  ),
];

describe("fuzz: what is accepted is stored as documented", () => {
  it("hostile visitors (300 cases): every stored visitor has the documented fields and types", async () => {
    const s = await make();
    const r = rng(21);
    for (let i = 0; i < 300; i++) {
      const visitor: Record<string, unknown> = {};
      for (let n = Math.floor(r() * 6); n > 0; n--)
        visitor[pick(r, [...VISITOR_FIELDS, "admin", "__proto__", "constructor", "ip"])] = visitorValue(r);
      const body =
        i % 2
          ? { session_id: uuid(i), tracker_ids: ["POOL"], visitor }
          : { id: uuid(i), session_id: uuid(i), form_data: { Email: "a@b.c" }, visitor };
      const path = i % 2 ? "/v1/companies/COM1/sessions" : "/v1/companies/COM1/form_submissions";
      // A visitor never costs the request (the number and the lead are kept), unless it holds
      // U+0000, which no store keeps and no browser sends: the whole body is refused then.
      const text = JSON.stringify(body);
      const status = await check(s, "visitor " + i, path, { method: "POST", body: text });
      expect(status, text.slice(0, 200)).toBe(text.includes("\\u0000") ? 400 : i % 2 ? 200 : 201);
    }
    for (const text of await stored(s)) {
      const v = text == null || text == "null" ? {} : JSON.parse(text);
      expect(documented(v), text ?? "").toBeNull();
    }
    const list = await (await s.req("/v3/a/ACC1/form_submissions.json?per_page=250", { headers: AUTH })).json();
    for (const f of list.form_submissions)
      for (const k of ["source", "medium", "campaign", "keywords"])
        expect(f[k] === null || typeof f[k] == "string").toBe(true);
  }, 60000);

  const SECRET_NAMES = [
    "cvv",
    "Card #",
    "account_number",
    "acct_no",
    "routing",
    "sort_code",
    "iban",
    "otp",
    "2fa",
    "ssn",
    "tax_id",
  ];
  const CARDS = ["4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005", "card 6011111111111117 thanks"];

  it("hostile form submissions (300 cases): only the protocol's fields, within limits, no card or secret", async () => {
    const s = await make({ companies: [company({ ignored_fields: ["captcha"] } as never)] });
    const r = rng(23);
    for (let i = 0; i < 300; i++) {
      const data: Record<string, unknown> = {};
      for (let n = Math.floor(r() * 8); n > 0; n--) {
        const name =
          r() < 0.3
            ? pick(r, [...SECRET_NAMES, "captcha", "CAPTCHA"])
            : pick(r, ["Email", "Phone", "Notes", "x".repeat(201), "__proto__"]);
        data[name] =
          r() < 0.3
            ? pick(r, CARDS)
            : r() < 0.2
              ? [pick(r, CARDS), "ok"]
              : r() < 0.1
                ? "z".repeat(FORM_LIMITS.value + 1)
                : r() < 0.1
                  ? value(r)
                  : "ok " + i;
      }
      const body: Record<string, unknown> = { id: uuid(i), form_data: data };
      for (let n = Math.floor(r() * 3); n > 0; n--)
        body[pick(r, ["form_url", "admin", "form_name", "submitted_at", "secret", "visitor"])] = value(r);
      await check(s, "form " + i, "/v1/companies/COM1/form_submissions", {
        method: "POST",
        body: JSON.stringify(body),
      });
    }
    const rows = await s.query<{ body: string }>("SELECT body FROM form_submissions");
    expect(rows.length).toBeGreaterThan(50);
    const FIELDS = [
      "id",
      "session_id",
      "form_url",
      "form_name",
      "landing_page_url",
      "referrer",
      "referring_url",
      "form_data",
      "visitor",
      "submitted_at",
    ];
    for (const { body } of rows) {
      const f = JSON.parse(body);
      expect(
        Object.keys(f).filter((k) => !FIELDS.includes(k)),
        body.slice(0, 200),
      ).toEqual([]);
      const names = Object.keys(f.form_data);
      expect(names.length).toBeLessThanOrEqual(FORM_LIMITS.fields);
      for (const name of names) {
        expect(secretName(name) || name.toLowerCase() == "captcha", name).toBe(false);
        for (const v of [f.form_data[name]].flat())
          expect(typeof v == "string" && !looksLikeCard(v), String(v)).toBe(true);
      }
    }
  }, 60000);

  it("call intake (200 cases): every stored call has an RFC 3339 start and valid numbers", async () => {
    const s = await make();
    const r = rng(29);
    const TIMES = [
      "1",
      "March 7",
      "2026",
      "2026-11-22",
      "2026-02-30T10:00:00Z",
      "2026-11-22T10:00:00+02:00",
      "2026-11-22T10:00:00.5Z",
      "Sun, 22 Nov 2026 10:00:00 GMT",
      "2026-11-22T10:00:00",
    ];
    const NUMBERS = [
      "0000000000",
      "+10000000000",
      "+14045551111",
      "(404) 555-1111",
      "4040551111",
      "+442071234567",
      "+0441234567",
      "555-1111",
      "1-800-555-2000",
    ];
    for (let i = 0; i < 200; i++) {
      const body: Record<string, unknown> = {
        tracking_number: r() < 0.7 ? "+14045557777" : pick(r, NUMBERS),
        customer_phone_number: r() < 0.2 ? value(r) : pick(r, NUMBERS),
        start_time: r() < 0.2 ? value(r) : pick(r, TIMES),
      };
      await check(s, "call " + i, "/v1/companies/COM1/calls", {
        method: "POST",
        body: JSON.stringify(body),
        headers: AUTH,
      });
    }
    const calls = await s.query<{ record: string }>("SELECT record FROM calls");
    expect(calls.length).toBeGreaterThan(10);
    for (const { record } of calls) {
      const c = JSON.parse(record);
      expect(c.start_time).toMatch(/^2026-11-22T\d\d:00:00\.\d{3}Z$/);
      for (const n of [c.tracking_phone_number, c.customer_phone_number])
        expect(n).toMatch(/^\+(1[2-9]\d\d[2-9]\d{6}|[2-9]\d{6,14})$/);
    }
  }, 60000);

  it("page URLs carrying a person's data (200 cases): none of it is stored", async () => {
    const s = await make();
    const r = rng(31);
    const PERSONAL: Array<[string, string]> = [
      ["Name", "Dana Q. Smith"],
      ["email", "dana.smith@example.com"],
      ["Phone", "(404) 555-0199"],
      ["your-message", "Leak under the sink"],
      ["ref", "someone@example.org"],
      ["card", "4111111111111111"],
      ["Street_Address", "12 Peachtree St"],
    ];
    const OTHER: Array<[string, string]> = [
      ["utm_source", "news"],
      ["gclid", "G1"],
      ["step", "2"],
      ["q", "drains"],
    ];
    const sent: string[] = [];
    for (let i = 0; i < 200; i++) {
      const params = Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(r, r() < 0.5 ? PERSONAL : OTHER));
      const query = params
        .map(([k, v]) => encodeURIComponent(k) + "=" + (r() < 0.5 ? encodeURIComponent(v) : v))
        .join("&");
      const url = "https://site.example/" + pick(r, ["thanks", "a/b", ""]) + (r() < 0.7 ? "?" + query : "#/" + query);
      sent.push(...params.filter((p) => PERSONAL.includes(p)).map((p) => p[1]));
      const body = { page_url: url, referrer_url: pick(r, [url, null, ODD[1]]) };
      await check(s, "url " + i, `/v1/companies/COM1/sessions/${S1}/page_views`, {
        method: "POST",
        body: JSON.stringify(body),
      });
    }
    expect(sent.length).toBeGreaterThan(50);
    const views = JSON.stringify(await s.query("SELECT page_url, referrer_url FROM page_views"));
    for (const v of new Set(sent)) {
      expect(views).not.toContain(v);
      expect(views).not.toContain(encodeURIComponent(v));
    }
    expect(views).toContain("utm_source=news"); // campaign parameters are kept
  }, 60000);

  it("company files with extra fields at any level (100 cases): the config and the bundle publish none of them", async () => {
    const s = await make();
    const r = rng(37);
    for (let i = 0; i < 100; i++) {
      const marker = "secret-" + i;
      const file = JSON.parse(JSON.stringify(company()));
      const sources = file.trackers
        .map((t: { source: unknown }) => t.source)
        .filter((x: unknown) => x && typeof x == "object");
      const places: Array<Record<string, unknown>> = [file, ...file.trackers, ...sources];
      for (let n = 1 + Math.floor(r() * 3); n > 0; n--)
        pick(r, places)[pick(r, ["api_key", "notes", "password", "constructor", "name", "x" + i])] = pick(r, [
          marker,
          { nested: marker },
          [marker],
        ]);
      if (r() < 0.3) file.ignored_fields = ["captcha", { marker }];
      // A company file is read by the operator API's validator, which refuses what it does
      // not know, naming it; a field it knows (a name) is kept but not published.
      try {
        readCompany(file);
      } catch (e) {
        expect(String(e), "case " + i).toMatch(/^Error: [\w.[\]() ]+: /);
      }
      // And whatever the store holds, validated or not, is published by list.
      await s.services.store.importCompanies([{ ...file, id: "COM1", account_id: "ACC1" }], s.clock.t);
      await s.services.companies.refresh();
      const config = await (await s.req("/v1/companies/COM1/config")).text();
      const bundle = await (await s.req("/companies/COM1/swap.js")).text();
      for (const text of [config, bundle.slice(bundle.lastIndexOf("CallTrk.configure("))])
        expect(text, "case " + i).not.toContain(marker);
    }
  }, 120000);
});
