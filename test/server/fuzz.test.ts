// @vitest-environment node
// Server fuzzing: every public route gets random and malformed bodies,
// huge and deeply nested ones, wrong methods, bad tokens and SQL-looking strings in paths,
// queries and fields. Every answer must be a 2xx or a 4xx with {"error": "..."}, never a
// 5xx, and a rejected request must leave the store exactly as it was. The generator is
// seeded, so a failure names the case that reproduces it.
import { describe, expect, it, vi } from "vitest";
import { servers, AUTH, S1, TOKEN } from "./helpers";
import { tooDeep } from "../../server/http";
import { check, ODD, SQL, value } from "./fuzzing";
import { rng } from "./rng";

const { make } = servers();

/** A valid body for each POST route, mutated by the fuzzer one field at a time. */
const VALID: Record<string, Record<string, unknown>> = {
  "/v1/companies/COM1/sessions": {
    session_id: S1,
    tracker_ids: ["POOL"],
    visitor: { source: "google" },
    page_url: "https://site.example/",
    title: "Home",
  },
  [`/v1/companies/COM1/sessions/${S1}/page_views`]: {
    page_url: "https://site.example/a",
    referrer_url: "https://site.example/",
    title: "A",
  },
  "/v1/companies/COM1/form_submissions": {
    id: "22222222-2222-4222-8222-222222222222",
    session_id: S1,
    form_data: { Email: "a@b.c" },
    form_url: "https://site.example/c",
  },
  "/v1/companies/COM1/calls": {
    tracking_number: "+14045559999",
    customer_phone_number: "+15553334444",
    start_time: "2026-11-22T10:00:00Z",
  },
};
const GETS = [
  "/v1/companies/COM1/config",
  "/v3/a/ACC1/calls.json",
  "/v3/a/ACC1/form_submissions.json",
  "/v3/a/ACC1/calls/1.json",
  "/v3/a/ACC1/calls/1/page_views.json",
  "/dashboard",
  "/swap.js",
  "/companies/COM1/swap.js",
  "/health",
];

describe("fuzz: never a 5xx, always a JSON error, nothing stored from a rejected request", () => {
  it("random field values in every POST body (600 cases)", async () => {
    const s = await make();
    const r = rng(7);
    for (let i = 0; i < 600; i++) {
      const path = Object.keys(VALID)[i % 4];
      const body: Record<string, unknown> = { ...VALID[path] };
      const keys = Object.keys(body);
      for (let n = 1 + Math.floor(r() * 2); n > 0; n--) {
        const k = keys[Math.floor(r() * keys.length)];
        if (r() < 0.2) delete body[k];
        else body[k] = value(r);
      }
      await check(s, "case " + i, path, { method: "POST", body: JSON.stringify(body), headers: AUTH });
    }
  }, 60000); // hundreds of requests: slow on a loaded machine, never a measure

  it("random bytes, broken JSON, non-objects, deep nesting and huge bodies", async () => {
    const s = await make();
    const r = rng(11);
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
    const deep = (n: number, open: string, close: string) =>
      '{"visitor":' + open.repeat(n) + "1" + close.repeat(n) + ',"session_id":"' + S1 + '","tracker_ids":[]}';
    const bodies: Array<[string, BodyInit]> = [
      ...Array.from({ length: 40 }, (_, i) => ["bytes " + i, bytes(1 + Math.floor(r() * 300))] as [string, BodyInit]),
      ["empty", ""],
      ["whitespace", "  \n"],
      ["BOM", "\ufeff{}"],
      ["truncated", '{"session_id":"' + S1],
      ["number", "42"],
      ["string", '"x"'],
      ["array", "[]"],
      ["true", "true"],
      ["duplicate keys", `{"session_id":"${S1}","session_id":"x","tracker_ids":[]}`],
      ["invalid UTF-8", new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d])],
      ["lone surrogate", `{"session_id":"${S1}","tracker_ids":[],"title":"\\ud800"}`],
      ["nested objects 5000 deep", deep(5000, '{"a":', "}")],
      ["nested arrays 20000 deep", deep(20000, "[", "]")],
      [
        "nested objects 10000 deep in form_data",
        '{"id":"' + S1 + '","form_data":{"a":' + '{"a":'.repeat(10000) + "1" + "}".repeat(10001) + "}",
      ],
      ["65 KB of spaces", " ".repeat(65 * 1024) + "{}"],
      ["1 MB", "x".repeat(1 << 20)],
      ["many keys", JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => ["k" + i, i])))],
    ];
    for (const path of Object.keys(VALID))
      for (const [name, body] of bodies) await check(s, name, path, { method: "POST", body, headers: AUTH });
  }, 60000); // hundreds of requests: slow on a loaded machine, never a measure

  it("wrong methods on every route", async () => {
    const s = await make();
    for (const path of [...Object.keys(VALID), ...GETS])
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]) {
        const body = method == "GET" || method == "HEAD" ? undefined : "{}";
        const r = await s.app.request(path, { method, body, headers: AUTH });
        expect(r.status, `${method} ${path}`).toBeLessThan(500);
        if (r.status >= 400 && method != "HEAD")
          expect(await r.json(), `${method} ${path}`).toEqual({ error: expect.any(String) });
      }
  });

  it("bad tokens: 401 (then 429) everywhere a token is needed", async () => {
    const s = await make();
    const bad = [
      "",
      "Token",
      "Token token=",
      "Token token=wrong",
      `Token token=${TOKEN}x`,
      `Token token=${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN}`,
      `token token=${TOKEN} extra`,
      "Token token=" + "a".repeat(10000),
      `Token token="${SQL[0]}"`,
      "Token token=\u0000",
    ];
    for (const auth of bad)
      for (const [path, method] of [
        ["/v1/companies/COM1/calls", "POST"],
        ["/v3/a/ACC1/calls.json", "GET"],
        ["/v3/a/ACC1/form_submissions.json", "GET"],
        ["/dashboard", "GET"],
      ]) {
        let headers: Record<string, string> = {};
        try {
          headers = { Authorization: new Headers({ a: auth }).get("a")! };
        } catch {
          continue; // not a valid header value: a client cannot send it
        }
        const status = await check(s, "auth " + JSON.stringify(auth.slice(0, 30)), path, {
          method,
          body: method == "POST" ? JSON.stringify(VALID["/v1/companies/COM1/calls"]) : undefined,
          headers,
        });
        expect([401, 429]).toContain(status); // 429 once this client has sent 20 wrong tokens (protect.ts)
      }
  });

  it("SQL-looking and odd strings in paths and queries", async () => {
    const s = await make();
    for (const x of [...SQL, ...ODD.filter((o) => o != "\ud800")]) {
      const e = encodeURIComponent(x);
      for (const path of [
        `/v1/companies/${e}/config`,
        `/v1/companies/COM1/sessions/${e}/page_views`,
        `/v3/a/${e}/calls.json`,
        `/v3/a/ACC1/calls/${e}.json`,
        `/v3/a/ACC1/calls/${e}/page_views.json`,
        `/v3/a/ACC1/calls.json?page=${e}`,
        `/v3/a/ACC1/calls.json?per_page=${e}`,
        `/v3/a/ACC1/form_submissions.json?company_id=${e}`,
        `/companies/${e}/swap.js`,
        `/demo/${e}`,
        `/fixtures/${e}`,
      ]) {
        const method = path.includes("page_views") && path.startsWith("/v1") ? "POST" : "GET";
        await check(s, "path " + JSON.stringify(x.slice(0, 20)), path, {
          method,
          body: method == "POST" ? "{}" : undefined,
          headers: AUTH,
        });
      }
    }
    // Raw, not encoded: malformed percent-escapes straight in the path.
    for (const path of [
      "/v1/companies/%E0%A4%A/config",
      "/v1/companies/%/config",
      "/v3/a/%zz/calls.json",
      "/v1/companies/COM1/sessions/%C0%AF/page_views",
    ])
      await check(s, "raw path", path, {
        method: path.includes("page_views") ? "POST" : "GET",
        body: path.includes("page_views") ? "{}" : undefined,
        headers: AUTH,
      });
  });

  it("a company id, account or session in SQL clothing never matches a real one", async () => {
    const s = await make();
    await s.claim(S1);
    const r = await s.app.request("/v3/a/" + encodeURIComponent("ACC1' OR '1'='1") + "/calls.json", { headers: AUTH });
    expect(r.status).toBe(404);
    const f = await s.app.request("/v3/a/ACC1/form_submissions.json?company_id=" + encodeURIComponent("x' OR 1=1 --"), {
      headers: AUTH,
    });
    expect([f.status, await f.json()]).toEqual([400, { error: "company_id must be a company id" }]);
  });

  it.each([
    ["{}", false],
    ["[[[[]]]]", false],
    ['{"a":"{{{{{{{{"}', false],
    ['{"a":"\\"}', false],
    ["[".repeat(33), true],
    ['{"a":' + '{"b":'.repeat(40), true],
  ])("tooDeep(%s) is %s", (text, deep) => {
    expect(tooDeep(text)).toBe(deep);
  });

  it("secrets never reach the log: an internal error logs its first line, not the request", async () => {
    const s = await make();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const info = vi.spyOn(console, "log").mockImplementation(() => {});
    const secret = "Secret-Email-" + Math.random();
    // Make the store fail under a valid, authenticated form submission.
    await s.services.store.db.run("DROP TABLE form_submissions");
    const r = await s.app.request("/v1/companies/COM1/form_submissions", {
      method: "POST",
      headers: { ...AUTH, "Content-Type": "text/plain" },
      body: JSON.stringify({ ...VALID["/v1/companies/COM1/form_submissions"], form_data: { Email: secret } }),
    });
    expect(r.status).toBe(500); // a broken store is the server's fault, and says so
    expect(await r.json()).toEqual({ error: "internal error" });
    const logged = [...log.mock.calls, ...warn.mock.calls, ...info.mock.calls].flat().map(String).join("\n");
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain(TOKEN);
  });
});
