// @vitest-environment node
// The public endpoints (docs/protocol.md sections 3, 5 and 6), the bundle routes and the dashboard, bad input included.
import { describe, expect, it } from "vitest";
import { company, servers, AUTH, S1, S2, type TestServer } from "./helpers";
import { listen } from "./listen";

const { make } = servers();
const post = (s: TestServer, path: string, body: unknown, headers: Record<string, string> = {}) =>
  s.req("/v1/companies/COM1" + path, {
    method: "POST",
    body: typeof body == "string" ? body : JSON.stringify(body),
    headers,
  });

describe("config", () => {
  it("serves the company config without pools, fallbacks or server fields", async () => {
    const s = await make();
    const r = await s.req("/v1/companies/COM1/config", { headers: { Origin: "https://site.example" } });
    expect(r.status).toBe(200);
    expect(r.headers.get("access-control-allow-origin")).toBe("https://site.example");
    const c = await r.json();
    expect(c.company_id).toBe("COM1");
    expect(c).not.toHaveProperty("site_origins");
    expect(c).not.toHaveProperty("account_id");
    const pool = c.trackers.find((t: { id: string }) => t.id == "POOL");
    expect(pool).not.toHaveProperty("tracking_numbers");
    expect(pool).not.toHaveProperty("fallback_number");
    expect(c.trackers[0].tracking_numbers).toEqual(["+14045559999"]);
  });

  it("publishes exactly the fields of the protocol: a secret anywhere in the company file reaches neither the config nor the served bundle", async () => {
    const SECRET = "s3cret-value";
    const base = company();
    const file = {
      ...base,
      name: "Peachtree",
      api_key: SECRET,
      notes: { key: SECRET },
      ignored_fields: ["captcha", { secret: SECRET }],
      grab_cookies: ["_ga"],
      swap_cookie_duration: 6,
      swap_cookie_duration_unit: "months",
      swap_landing_override: null,
      form_capture: true,
      trackers: base.trackers.map((t) => ({
        ...t,
        name: "Tracker " + SECRET,
        whisper_message: SECRET,
        call_flow: { type: "basic", destination_number: "+15553104554", token: SECRET },
        swap_targets: ["5553104554", { secret: SECRET }],
        source:
          typeof t.source == "object"
            ? { ...(t.source as object), secret: SECRET, nested: { secret: SECRET } }
            : t.source,
      })),
    };
    const s = await make({ companies: [file as never] });
    const config = await (await s.req("/v1/companies/COM1/config")).json();
    const bundle = await (await s.req("/companies/COM1/swap.js")).text();
    const served = bundle.slice(bundle.lastIndexOf("CallTrk.configure("));
    for (const text of [JSON.stringify(config), served]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("Peachtree");
    }
    expect(Object.keys(config).sort()).toEqual(
      [
        "company_id",
        "swap_cookie_duration",
        "swap_cookie_duration_unit",
        "swap_ppc_override",
        "swap_landing_override",
        "form_capture",
        "ignored_fields",
        "grab_cookies",
        "trackers",
      ].sort(),
    );
    expect(config.ignored_fields).toEqual(["captcha"]);
    const [src, gads, pool] = config.trackers;
    expect(src).toEqual({
      id: "SRC_ALL",
      type: "source",
      status: "active",
      destination_number: "+15553104554",
      tracking_numbers: ["+14045559999"],
      swap_targets: ["5553104554"],
      source: { type: "all" },
    });
    expect(gads.source).toEqual({ type: "search", search_engine: "google", search_type: "paid" });
    expect(Object.keys(pool).sort()).toEqual(["destination_number", "id", "source", "status", "swap_targets", "type"]);
    expect(pool.source).toBe("all");
    expect(config.trackers[3].source).toEqual({ google: ["paid"] });
  });

  it("answers 404 with a JSON error for an unknown company, on every endpoint", async () => {
    const s = await make();
    for (const [path, method] of [
      ["/v1/companies/NOPE/config", "GET"],
      ["/v1/companies/NOPE/sessions", "POST"],
      ["/v1/companies/NOPE/form_submissions", "POST"],
      [`/v1/companies/NOPE/sessions/${S1}/page_views`, "POST"],
    ]) {
      const r = await s.req(path, { method, body: method == "POST" ? "{}" : undefined });
      expect([path, r.status, await r.json()]).toEqual([path, 404, { error: "unknown company" }]);
    }
  });
});

describe("CORS", () => {
  it("allows the company's origins, refuses others with 403, and answers preflights", async () => {
    const s = await make();
    const ok = await post(s, "/sessions", { session_id: S1, tracker_ids: [] }, { Origin: "https://site.example" });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://site.example");
    const bad = await post(s, "/sessions", { session_id: S1, tracker_ids: [] }, { Origin: "https://evil.example" });
    expect(bad.status).toBe(403);
    // The page may read the reason (CORS on the error answer), and nothing was done.
    expect(bad.headers.get("access-control-allow-origin")).toBe("https://evil.example");
    expect(await bad.json()).toEqual({ error: "origin not allowed for this company (site_origins)" });
    expect(await s.count("sessions")).toBe(1); // the allowed one
    const pre = await s.req("/v1/companies/COM1/sessions", {
      method: "OPTIONS",
      headers: { Origin: "https://site.example" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("any origin when the company lists '*' (the demo)", async () => {
    const s = await make({ companies: [company({ site_origins: ["*"] })] });
    const r = await post(s, "/sessions", { session_id: S1, tracker_ids: [] }, { Origin: "https://anything.example" });
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("bad input: 400, 413, never 5xx, nothing stored", () => {
  const bodies: Array<[string, string, unknown, number]> = [
    ["/sessions", "malformed JSON", "{bad", 400],
    ["/sessions", "an array", "[]", 400],
    ["/sessions", "null", "null", 400],
    ["/sessions", "no session id", { tracker_ids: [] }, 400],
    ["/sessions", "a session id that is not a UUID", { session_id: "abc", tracker_ids: [] }, 400],
    ["/sessions", "tracker_ids not an array", { session_id: S1, tracker_ids: "POOL" }, 400],
    ["/sessions", "tracker_ids of numbers", { session_id: S1, tracker_ids: [1] }, 400],
    ["/sessions", "too many tracker ids", { session_id: S1, tracker_ids: Array(51).fill("POOL") }, 400],
    ["/sessions", "page_url a number", { session_id: S1, tracker_ids: [], page_url: 5 }, 400],
    ["/sessions", "SQL in the session id", { session_id: "1'; DROP TABLE leases;--", tracker_ids: ["POOL"] }, 400],
    ["/form_submissions", "no id", { form_data: {} }, 400],
    ["/form_submissions", "no form_data", { id: S1 }, 400],
    ["/form_submissions", "form_data with an object value", { id: S1, form_data: { a: { b: 1 } } }, 400],
    ["/form_submissions", "session_id not a UUID", { id: S1, session_id: "x", form_data: {} }, 400],
    ["/form_submissions", "form_url a number", { id: S1, form_data: {}, form_url: 1 }, 400],
    [`/sessions/not-a-uuid/page_views`, "a bad session in the path", {}, 400],
    [`/sessions/${S1}/page_views`, "title too long", { title: "x".repeat(2000) }, 400],
    ["/form_submissions", "a body over 64 KB", { id: S1, form_data: { a: "x".repeat(70000) } }, 413],
  ];
  it.each(bodies)("%s with %s → %d", async (path, _name, body, status) => {
    const s = await make();
    const r = await post(s, path, body);
    expect(r.status).toBe(status);
    expect((await r.json()).error).toEqual(expect.any(String));
    const stored = await Promise.all(["leases", "form_submissions", "page_views", "sessions"].map(s.count));
    expect(stored).toEqual([0, 0, 0, 0]);
  });

  it("a chunked body over 64 KB is cut off with 413 while it streams", async () => {
    const s = await make();
    const chunk = new TextEncoder().encode("x".repeat(16384));
    let sent = 0;
    const body = new ReadableStream({
      pull(ctrl) {
        if (sent++ < 64)
          ctrl.enqueue(chunk); // 1 MB in all, never declared
        else ctrl.close();
      },
    });
    const r = await s.req("/v1/companies/COM1/form_submissions", {
      method: "POST",
      body,
      duplex: "half",
    } as RequestInit);
    expect(r.status).toBe(413);
    expect(sent).toBeLessThan(64);
  });

  it("over a real socket: a normal body is read, an endless chunked one is cut off at 64 KB", async () => {
    const s = await make();
    const http = await listen(s.app.fetch);
    const base = http.base + "/v1/companies/COM1";
    try {
      const ok = await fetch(base + "/form_submissions", {
        method: "POST",
        headers: { "Content-Type": "text/plain" },
        body: JSON.stringify({ id: S1, form_data: { a: "b" } }),
      });
      expect(ok.status).toBe(201);
      let sent = 0;
      const endless = new ReadableStream({
        pull: (ctrl) => (sent++ < 1000 ? ctrl.enqueue(new Uint8Array(16384)) : ctrl.close()),
      });
      const big = await fetch(base + "/form_submissions", {
        method: "POST",
        body: endless,
        duplex: "half",
      } as RequestInit);
      expect([big.status, await big.json()]).toEqual([413, { error: "body larger than 65536 bytes" }]);
      expect((await fetch(base + "/config")).status).toBe(200); // still serving
    } finally {
      http.close();
    }
  });

  it("never serves files outside the demo and fixture folders", async () => {
    const s = await make({ demo: true });
    for (const path of [
      "/demo/..%2f..%2fpackage.json",
      "/demo/%2e%2e/%2e%2e/package.json",
      "/demo/../package.json",
      "/demo/%E0%A4%A",
    ]) {
      const r = await s.req(path);
      expect([path, r.status]).toEqual([path, 404]);
    }
    expect((await s.req("/demo/site.css")).status).toBe(200);
  });

  it("serves the demo site only in demo mode", async () => {
    const s = await make();
    for (const path of ["/", "/demo/company.json", "/demo/index.html"])
      expect([path, (await s.req(path)).status]).toEqual([path, 404]);
  });

  it("a wrong method answers 405 with Allow; an unknown path a JSON 404", async () => {
    const s = await make();
    const m = await s.req("/v1/companies/COM1/sessions");
    expect([m.status, m.headers.get("allow"), await m.json()]).toEqual([
      405,
      "POST",
      { error: "method not allowed: use POST" },
    ]);
    expect((await s.req("/v1/companies/COM1/config", { method: "DELETE" })).headers.get("allow")).toBe("GET, HEAD");
    const r = await s.req("/nope");
    expect([r.status, await r.json()]).toEqual([404, { error: "not found" }]);
  });
});

describe("crawlers", () => {
  it.each([
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
  ])("%s: no lease and no page view (403), nothing stored; the config still answers", async (ua) => {
    const s = await make();
    const claim = await post(s, "/sessions", { session_id: S1, tracker_ids: ["POOL"] }, { "User-Agent": ua });
    expect([claim.status, await claim.json()]).toEqual([403, { error: "crawlers get no session numbers" }]);
    const view = await post(
      s,
      `/sessions/${S1}/page_views`,
      { page_url: "https://site.example/" },
      { "User-Agent": ua },
    );
    expect(view.status).toBe(403);
    expect(await Promise.all(["leases", "sessions", "page_views"].map(s.count))).toEqual([0, 0, 0]);
    expect((await s.req("/v1/companies/COM1/config", { headers: { "User-Agent": ua } })).status).toBe(200);
  });

  it("a headless browser is not a crawler", async () => {
    const s = await make();
    const ua =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36";
    const claim = await post(s, "/sessions", { session_id: S1, tracker_ids: ["POOL"] }, { "User-Agent": ua });
    expect(claim.status).toBe(200);
  });
});

describe("page views and forms", () => {
  it("stores page views (204) and creates the session when new", async () => {
    const s = await make();
    const r = await post(s, `/sessions/${S1}/page_views`, {
      page_url: "https://site.example/a",
      referrer_url: "https://site.example/",
      title: "A",
    });
    expect(r.status).toBe(204);
    expect(await s.query("SELECT page_url, title FROM page_views")).toEqual([
      { page_url: "https://site.example/a", title: "A" },
    ]);
  });

  it("form intake is idempotent on id: 201, then 200, one record", async () => {
    const s = await make();
    const body = {
      id: S2,
      session_id: S1,
      form_name: "contact",
      form_url: "https://site.example/contact",
      form_data: { Email: "a@b.c", Services: ["Drains", "Heaters"] },
      referrer: "google_paid",
    };
    const a = await post(s, "/form_submissions", body);
    expect([a.status, await a.json()]).toEqual([201, { id: S2 }]);
    const b = await post(s, "/form_submissions", { ...body, form_data: { Email: "changed" } });
    expect([b.status, await b.json()]).toEqual([200, { id: S2 }]);
    const rows = await s.query<{ body: string }>("SELECT body FROM form_submissions");
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].body).form_data.Email).toBe("a@b.c");
  });
});

describe("bundle delivery", () => {
  it("/swap.js: the bundle with a versioned ETag and a long cache; 304 when unchanged", async () => {
    const s = await make();
    const r = await s.req("/swap.js");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("javascript");
    expect(r.headers.get("cache-control")).toContain("max-age=86400");
    expect(r.headers.get("etag")).toMatch(/^"test-/);
    expect(await r.text()).toContain("CallTrk");
    const again = await s.req("/swap.js", { headers: { "If-None-Match": r.headers.get("etag")! } });
    expect(again.status).toBe(304);
  });

  it("/companies/{co}/swap.js: the company set before the bundle, configure(public config) after, a minute's cache, markup-safe", async () => {
    const s = await make({ companies: [company({ name: "</script><script>alert(1)</script>" } as never)] });
    const r = await s.req("/companies/COM1/swap.js");
    const js = await r.text();
    // A config change reaches pages within 60 s (docs/protocol.md#7-operator-api-callrail-api-v3-subset).
    expect(r.headers.get("cache-control")).toBe("public, max-age=60");
    expect((await s.req("/v1/companies/COM1/config")).headers.get("cache-control")).toBe("public, max-age=60");
    expect(js.split("\n")[0]).toBe(
      '(function(){var o=window.CallTrkConfig=window.CallTrkConfig||{};o.company=o.company||"COM1"})();',
    );
    const tail = js.slice(js.lastIndexOf("CallTrk.configure("));
    expect(tail).toContain('"company_id":"COM1"');
    expect(tail).not.toContain("</script>");
    expect(tail).not.toContain("+14045550001"); // pools stay on the server
    expect((await s.req("/companies/NOPE/swap.js")).status).toBe(404);
  });
});

describe("bundle parts loaded on demand", () => {
  it("serves dist/swap-<part>.js beside /swap.js and beside /companies/{co}/swap.js, nothing else", async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const root = mkdtempSync(join(tmpdir(), "calltrk-root-"));
    mkdirSync(join(root, "dist"));
    writeFileSync(join(root, "dist/swap-debug.js"), "/* debug part */");
    const s = await make({ root });
    try {
      for (const path of ["/swap-debug.js", "/companies/COM1/swap-debug.js"]) {
        const r = await s.req(path);
        expect([path, r.status, await r.text()]).toEqual([path, 200, "/* debug part */"]);
        expect(r.headers.get("etag")).toMatch(/^"test-/);
      }
      for (const path of ["/swap-nope.js", "/swap-..%2fpackage.json", "/swap-debug.mjs"])
        expect([path, (await s.req(path)).status]).toEqual([path, 404]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("dashboard", () => {
  // The whole of it: test/server/dashboard.test.ts and dashboardAuth.test.ts.
  it("needs a login or the token in the header (never ?token=), and escapes what visitors sent", async () => {
    const s = await make();
    await s.claim(S1, ["POOL"], { referrer: "https://<img src=x onerror=alert(1)>.example/", medium: "cpc" });
    expect((await s.req("/dashboard")).status).toBe(303);
    expect((await s.req("/dashboard?token=test-token")).status).toBe(303);
    const r = await s.req("/dashboard", { headers: AUTH });
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain("Pool use");
    expect(html).not.toContain("<img src=x");
  });
});
