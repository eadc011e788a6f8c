// @vitest-environment node
// Signing in to the dashboard (docs/dashboard.md#signing-in): a login form that POSTs the token
// and sets an HttpOnly, SameSite=Strict cookie holding a random value (never the token), kept
// server-side so that logging out ends it; the Authorization header for scripts; the wrong-token
// lockout; refusal of cross-site forms; the demo's tokenless rule behind a proxy or not; and the
// headers of /dashboard and /v3.
import { describe, expect, it } from "vitest";
import { createApp } from "../../server/app";
import { company, servers, AUTH, TOKEN, type TestServer } from "./helpers";
import { listen } from "./listen";

const { make, sharedPlace } = servers();

const SAME = { Host: "localhost", Origin: "http://localhost" };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** POSTs the login form; `headers` replace the same-origin ones. */
function login(
  s: TestServer,
  token = TOKEN,
  headers: Record<string, string> = SAME,
  next?: string,
  url = "/dashboard/login",
) {
  return s.app.request(url, {
    method: "POST",
    body: form(next === undefined ? { token } : { token, next }),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

/** The cookie a response set, as `name=value` for a Cookie header. */
const cookieOf = (r: Response) => (r.headers.get("set-cookie") || "").split(";")[0];
const get = (s: TestServer, path: string, headers: Record<string, string> = {}) => s.app.request(path, { headers });

describe("signing in", () => {
  it("a browser without a login is sent to the form, which says where it came from", async () => {
    const s = await make();
    const r = await get(s, "/dashboard/calls?company=COM1&from=2026-11-01");
    expect(r.status).toBe(303);
    expect(r.headers.get("location")).toBe(
      "/dashboard/login?next=" + encodeURIComponent("/dashboard/calls?company=COM1&from=2026-11-01"),
    );
    const page = await (await get(s, r.headers.get("location")!)).text();
    expect(page).toContain('<form method="post" action="/dashboard/login">');
    expect(page).toContain('name="token" type="password"');
    expect(page).toContain('value="/dashboard/calls?company=COM1&amp;from=2026-11-01"');
  });

  it("the right token sets an HttpOnly, SameSite=Strict cookie that is not the token, and goes on", async () => {
    const s = await make();
    const r = await login(s, TOKEN, SAME, "/dashboard/visitors?company=COM1");
    expect(r.status).toBe(303);
    expect(r.headers.get("location")).toBe("/dashboard/visitors?company=COM1");
    const set = r.headers.get("set-cookie")!;
    expect(set).toMatch(/^calltrk_dashboard=[\w-]{43}; Max-Age=43200; Path=\/dashboard; HttpOnly; SameSite=Strict$/);
    expect(set).not.toContain(TOKEN);
    // The store keeps a keyed hash of the value, never the value.
    const value = cookieOf(r).split("=")[1];
    const kept = await s.query<{ id: string }>("SELECT id FROM dashboard_logins");
    expect(kept).toHaveLength(1);
    expect(kept[0].id).not.toContain(value);
    const page = await get(s, "/dashboard", { Cookie: cookieOf(r) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post" action="/dashboard/logout">');
  });

  it("a wrong token: the form again with a message, 401, no cookie", async () => {
    const s = await make();
    for (const token of ["wrong", "", TOKEN + "x", TOKEN.slice(0, -1)]) {
      const r = await login(s, token);
      expect(r.status).toBe(401);
      expect(r.headers.get("set-cookie")).toBeNull();
      expect(await r.text()).toContain("That is not the API token.");
    }
  });

  it("Secure over https, and behind TRUST_PROXY when the proxy says https", async () => {
    const direct = await make();
    expect(
      (await login(direct, TOKEN, SAME, undefined, "https://localhost/dashboard/login")).headers.get("set-cookie"),
    ).toMatch(/; Secure;/);
    const proto = { ...SAME, "X-Forwarded-Proto": "https" };
    // Without TRUST_PROXY the header is anyone's to send: not believed.
    expect((await login(direct, TOKEN, proto)).headers.get("set-cookie")).not.toMatch(/Secure/);
    const proxied = await make({ trustProxy: true });
    expect((await login(proxied, TOKEN, proto)).headers.get("set-cookie")).toMatch(/; Secure;/);
    expect(
      (await login(proxied, TOKEN, { ...proto, "X-Forwarded-Proto": "http" })).headers.get("set-cookie"),
    ).not.toMatch(/Secure/);
  });

  it("after signing in, the browser goes only to a dashboard page of this server", async () => {
    const s = await make();
    for (const [next, want] of [
      ["https://evil.example/", "/dashboard"],
      ["//evil.example", "/dashboard"],
      ["/dashboard/leads?company=COM1", "/dashboard/leads?company=COM1"],
    ])
      expect((await login(s, TOKEN, SAME, next)).headers.get("location")).toBe(want);
  });

  it("logging out ends the login on the server: the old cookie no longer works", async () => {
    const s = await make();
    const cookie = cookieOf(await login(s));
    const out = await s.app.request("/dashboard/logout", { method: "POST", headers: { ...SAME, Cookie: cookie } });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/dashboard/login");
    expect(out.headers.get("set-cookie")).toMatch(
      /^calltrk_dashboard=; Max-Age=0; Path=\/dashboard; HttpOnly; SameSite=Strict/,
    );
    expect((await get(s, "/dashboard", { Cookie: cookie })).status).toBe(303);
    expect(await s.count("dashboard_logins")).toBe(0);
  });

  it("a login lasts 12 hours", async () => {
    const s = await make();
    const cookie = cookieOf(await login(s));
    s.clock.t += 12 * 3600e3 - 1000;
    expect((await get(s, "/dashboard", { Cookie: cookie })).status).toBe(200);
    s.clock.t += 1000;
    expect((await get(s, "/dashboard", { Cookie: cookie })).status).toBe(303);
  });

  it("a changed API token ends every login", async () => {
    const place = await sharedPlace();
    const open = (token: string) =>
      createApp({
        dataDir: place.dataDir,
        databaseUrl: place.databaseUrl,
        token,
        root: process.cwd(),
        companies: [company()],
        rateLimit: null,
      });
    const first = await open("old-token");
    const r = await first.app.request("/dashboard/login", {
      method: "POST",
      body: form({ token: "old-token" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...SAME },
    });
    const cookie = cookieOf(r);
    expect((await first.app.request("/dashboard", { headers: { Cookie: cookie } })).status).toBe(200);
    await first.close();
    const second = await open("new-token");
    try {
      expect((await second.app.request("/dashboard", { headers: { Cookie: cookie } })).status).toBe(303);
    } finally {
      await second.close();
    }
  });

  it("a forged or malformed cookie is no login", async () => {
    const s = await make();
    for (const v of ["x", "a".repeat(43), TOKEN, "<script>", "a".repeat(5000)])
      expect((await get(s, "/dashboard", { Cookie: "calltrk_dashboard=" + v })).status).toBe(303);
  });
});

describe("scripts, tokens in URLs, lockout, other sites", () => {
  it("scripts send the token in the Authorization header; a wrong one is a JSON 401", async () => {
    const s = await make();
    expect((await get(s, "/dashboard", AUTH)).status).toBe(200);
    const bad = await get(s, "/dashboard", { Authorization: "Token token=nope" });
    expect([bad.status, await bad.json()]).toEqual([401, { error: expect.stringContaining("bad API token") }]);
  });

  it("?token= no longer opens the dashboard, and no page puts the token in a URL", async () => {
    const s = await make();
    const r = await get(s, "/dashboard?token=" + TOKEN);
    expect(r.status).toBe(303);
    // The redirect keeps what was asked, so that nothing silently works; it is never a login.
    for (const path of [
      "/dashboard",
      "/dashboard/calls",
      "/dashboard/leads",
      "/dashboard/visitors",
      "/dashboard/login",
    ]) {
      const html = await (await get(s, path, AUTH)).text();
      for (const m of html.matchAll(/(?:href|action|src)="([^"]*)"/g)) expect(m[1]).not.toMatch(/token/i);
      expect(html).not.toContain(TOKEN);
    }
  });

  it("after 20 wrong tokens, from the form or the header, the client waits a minute; others do not", async () => {
    const s = await make({ trustProxy: true });
    const from = (ip: string) => ({ ...SAME, "X-Forwarded-For": ip });
    for (let i = 0; i < 15; i++) expect((await login(s, "guess" + i, from("4.4.4.4"))).status).toBe(401);
    for (let i = 0; i < 5; i++)
      expect(
        (await get(s, "/dashboard", { Authorization: "Token token=guess", "X-Forwarded-For": "4.4.4.4" })).status,
      ).toBe(401);
    const locked = await login(s, TOKEN, from("4.4.4.4"));
    expect([locked.status, locked.headers.get("retry-after")]).toEqual([429, "60"]);
    expect(await locked.text()).toContain("Too many wrong tokens");
    expect(locked.headers.get("set-cookie")).toBeNull();
    expect((await get(s, "/dashboard", { ...AUTH, "X-Forwarded-For": "4.4.4.4" })).status).toBe(429);
    expect((await login(s, TOKEN, from("5.5.5.5"))).status).toBe(303);
    s.clock.t += 60000;
    expect((await login(s, TOKEN, from("4.4.4.4"))).status).toBe(303);
  });

  it("a login or logout form posted from another site is refused (403), and counts as no guess", async () => {
    const s = await make();
    const cases: Array<Record<string, string>> = [
      { Host: "localhost", Origin: "https://evil.example" },
      { Host: "localhost", Origin: "http://localhost.evil.example" },
      { Host: "localhost", Origin: "null" },
      { Host: "localhost" }, // no Origin, no Sec-Fetch-Site
      { Host: "localhost", "Sec-Fetch-Site": "cross-site" },
      { Host: "localhost", "Sec-Fetch-Site": "same-site", Origin: "https://www.localhost" },
    ];
    for (const headers of cases) {
      const r = await login(s, TOKEN, headers);
      expect([JSON.stringify(headers), r.status, r.headers.get("set-cookie")]).toEqual([
        JSON.stringify(headers),
        403,
        null,
      ]);
      expect(await r.json()).toEqual({ error: expect.stringContaining("another site") });
    }
    // The browser's own word is enough when it sends no Origin.
    expect((await login(s, TOKEN, { Host: "localhost", "Sec-Fetch-Site": "same-origin" })).status).toBe(303);
    const cookie = cookieOf(await login(s));
    const out = await s.app.request("/dashboard/logout", { method: "POST", headers: { ...cases[0], Cookie: cookie } });
    expect(out.status).toBe(403);
    expect((await get(s, "/dashboard", { Cookie: cookie })).status).toBe(200);
  });

  it("a huge login body is refused", async () => {
    const s = await make();
    const r = await login(s, "x".repeat(20000));
    expect(r.status).toBe(413);
  });
});

describe("demo mode: the dashboard opens without a token only for this machine's own browser", () => {
  /** GET /dashboard over a real loopback socket, with these headers. */
  async function status(o: { demo?: boolean; trustProxy?: boolean }, headers: Record<string, string> = {}) {
    const s = await make(o);
    const http = await listen(s.app.fetch);
    try {
      return (await fetch(http.base + "/dashboard", { headers, redirect: "manual" })).status;
    } finally {
      http.close();
    }
  }

  it("direct (no TRUST_PROXY): the socket's loopback peer opens it; a forwarded request does not", async () => {
    expect(await status({ demo: true })).toBe(200);
    // A proxy on this machine in front of a server without TRUST_PROXY: the peer is loopback, the client is not.
    expect(await status({ demo: true }, { "X-Forwarded-For": "203.0.113.9" })).toBe(303);
    expect(await status({ demo: true }, { Forwarded: "for=203.0.113.9" })).toBe(303);
    expect(await status({ demo: false })).toBe(303);
  });

  it("behind TRUST_PROXY: the forwarded client address decides; no address, no exception", async () => {
    expect(await status({ demo: true, trustProxy: true }, { "X-Forwarded-For": "203.0.113.9" })).toBe(303);
    expect(await status({ demo: true, trustProxy: true }, { "X-Forwarded-For": "127.0.0.1" })).toBe(200);
    // Only the last entry is the proxy's: a client cannot claim loopback in front of it.
    expect(await status({ demo: true, trustProxy: true }, { "X-Forwarded-For": "127.0.0.1, 203.0.113.9" })).toBe(303);
    expect(await status({ demo: true, trustProxy: true })).toBe(303);
  });

  it("an in-process request (no socket) is not local", async () => {
    const s = await make({ demo: true });
    expect((await get(s, "/dashboard")).status).toBe(303);
  });
});

describe("headers", () => {
  const DASHBOARD_CSP =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  const API_CSP = "default-src 'none'; frame-ancestors 'none'";
  const expectHeaders = (r: Response, csp: string, where: string) =>
    expect([
      where,
      ...[
        "content-security-policy",
        "x-content-type-options",
        "x-frame-options",
        "referrer-policy",
        "cache-control",
      ].map((h) => r.headers.get(h)),
    ]).toEqual([where, csp, "nosniff", "DENY", "no-referrer", "no-store"]);

  it("every /dashboard answer, signed in or not, found or not", async () => {
    const s = await make();
    for (const [path, headers, status] of [
      ["/dashboard", AUTH, 200],
      ["/dashboard/calls", AUTH, 200],
      ["/dashboard/leads/nope", AUTH, 404],
      ["/dashboard/nope", AUTH, 404],
      ["/dashboard", {}, 303],
      ["/dashboard/login", {}, 200],
      ["/dashboard/assets/dashboard.css", {}, 200],
      ["/dashboard", { Authorization: "Token token=bad" }, 401],
    ] as const) {
      const r = await get(s, path, headers);
      expect([path, r.status]).toEqual([path, status]);
      expectHeaders(r, DASHBOARD_CSP, path);
    }
    const css = await get(s, "/dashboard/assets/dashboard.css");
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("every /v3 answer, errors included", async () => {
    const s = await make();
    for (const [path, headers, status] of [
      ["/v3/a/ACC1/calls.json", AUTH, 200],
      ["/v3/a/ACC1/form_submissions.json", AUTH, 200],
      ["/v3/a/ACC1/calls.json", {}, 401],
      ["/v3/a/NOPE/calls.json", AUTH, 404],
      ["/v3/a/ACC1/calls/999.json", AUTH, 404],
    ] as const) {
      const r = await get(s, path, headers);
      expect([path, r.status]).toEqual([path, status]);
      expectHeaders(r, API_CSP, path);
    }
  });

  it("not on the bundle's routes, which are cached on purpose", async () => {
    const s = await make();
    for (const path of ["/v1/companies/COM1/config", "/health"]) {
      const r = await get(s, path);
      expect([path, r.headers.get("content-security-policy"), r.headers.get("x-frame-options")]).toEqual([
        path,
        null,
        null,
      ]);
    }
  });
});
