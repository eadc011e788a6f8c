// @vitest-environment node
// Server hardening: per-client rate limits, the wrong-token lockout, CORS
// only for configured origins, and no secret in the log. The clock is the test's.
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { createLimiter } from "../../server/limit";
import { company, servers, AUTH, S1, S2, type TestServer } from "./helpers";
import { listen } from "./listen";

const { make } = servers();
const LIMIT = { perMinute: 60, burst: 5 };
const config = (s: TestServer, ip: string, headers: Record<string, string> = {}) =>
  s.req("/v1/companies/COM1/config", { headers: { "X-Forwarded-For": "10.0.0.1, " + ip, ...headers } });

describe("token bucket", () => {
  it("allows the burst, then the rate; tells how long to wait", () => {
    const l = createLimiter({ perMinute: 60, burst: 3 });
    expect([0, 1, 2, 3].map(() => l.take("a", 0))).toEqual([0, 0, 0, 1]);
    expect(l.take("b", 0)).toBe(0); // another client has its own bucket
    expect(l.take("a", 999)).toBe(1);
    expect(l.take("a", 1000)).toBe(0); // one a second
  });

  it("stays bounded: refilled buckets are forgotten, and past maxClients the least recently seen goes", () => {
    const l = createLimiter({ perMinute: 60, burst: 2, maxClients: 1000 });
    for (let i = 0; i < 5000; i++) l.take("c" + i, 0);
    expect(l.size()).toBe(1000);
    for (let i = 0; i < 600; i++) l.take("d" + i, 10 * 60000); // ten minutes later: old buckets are full again
    expect(l.size()).toBeLessThan(1000);
  });
});

describe("rate limits on the public endpoints", () => {
  it("429 with Retry-After and a JSON error past the burst; other clients unaffected; refills with time", async () => {
    const s = await make({ rateLimit: LIMIT, trustProxy: true });
    for (let i = 0; i < 5; i++) expect((await config(s, "1.1.1.1")).status).toBe(200);
    const r = await config(s, "1.1.1.1");
    expect([r.status, r.headers.get("retry-after"), await r.json()]).toEqual([
      429,
      "1",
      { error: "too many requests: retry after 1 s" },
    ]);
    expect((await config(s, "2.2.2.2")).status).toBe(200);
    s.clock.t += 1000;
    expect((await config(s, "1.1.1.1")).status).toBe(200);
  });

  it("a limited request stores nothing", async () => {
    const s = await make({ rateLimit: { perMinute: 60, burst: 1 }, trustProxy: true });
    const claim = (id: string) =>
      s.req("/v1/companies/COM1/sessions", {
        method: "POST",
        json: { session_id: id, tracker_ids: ["POOL"] },
        headers: { "X-Forwarded-For": "3.3.3.3" },
      });
    expect((await claim(S1)).status).toBe(200);
    expect((await claim(S2)).status).toBe(429);
    expect(await s.count("sessions")).toBe(1);
  });

  it("without trustProxy, X-Forwarded-For is ignored: a client cannot pick a fresh address per request", async () => {
    const s = await make({ rateLimit: { perMinute: 60, burst: 2 } });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await config(s, "9.9.9." + i)).status);
    expect(answers).toEqual([200, 200, 429, 429]);
  });

  it("over a real socket the client is the peer address", async () => {
    const s = await make({ rateLimit: { perMinute: 60, burst: 2 } });
    const http = await listen(s.app.fetch);
    const url = http.base + "/v1/companies/COM1/config";
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(url)).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect((await fetch(url.replace("/v1/companies/COM1/config", "/health"))).status).toBe(200); // only /v1 is limited
    } finally {
      http.close();
    }
  });
});

describe("wrong API tokens", () => {
  it("after 20 wrong tokens a client gets 429 before its token is compared; the right token works again a minute later", async () => {
    const s = await make({ trustProxy: true });
    const read = (token: string, ip = "4.4.4.4") =>
      s.req("/v3/a/ACC1/calls.json", { headers: { Authorization: "Token token=" + token, "X-Forwarded-For": ip } });
    for (let i = 0; i < 20; i++) expect((await read("guess" + i)).status).toBe(401);
    expect((await read("guess")).status).toBe(429);
    expect((await read("test-token")).status).toBe(429);
    expect((await read("test-token", "5.5.5.5")).status).toBe(200);
    s.clock.t += 60000;
    expect((await read("test-token")).status).toBe(200);
  });
});

describe("CORS only for configured origins", () => {
  const post = (s: TestServer, origin: string | null, host?: string) =>
    s.req("/v1/companies/COM1/sessions", {
      method: "POST",
      json: { session_id: S1, tracker_ids: [] },
      headers: { ...(origin ? { Origin: origin } : {}), ...(host ? { Host: host } : {}) },
    });

  it.each([
    ["listed origin", ["https://site.example"], "https://site.example", 200, "https://site.example"],
    ["other origin", ["https://site.example"], "https://evil.example", 403, "https://evil.example"],
    [
      "a listed origin's look-alike",
      ["https://site.example"],
      "https://site.example.evil.example",
      403,
      "https://site.example.evil.example",
    ],
    ["http for a listed https origin", ["https://site.example"], "http://site.example", 403, "http://site.example"],
    ["the literal null origin", ["https://site.example"], "null", 403, "null"],
    ["any origin with '*'", ["*"], "https://anything.example", 200, "*"],
    ["no site_origins: a foreign origin", undefined, "https://site.example", 403, "https://site.example"],
    ["no site_origins: the server's own host", undefined, "http://numbers.example", 200, "http://numbers.example"],
    ["no Origin header (not a browser)", undefined, null, 200, null],
    // A refused origin reads the reason of its 403 (CORS on the error answer), and nothing more.
  ])("%s", async (_, origins, origin, status, allow) => {
    const s = await make({ companies: [company({ site_origins: origins as string[] | undefined })] });
    const r = await post(s, origin as string | null, "numbers.example");
    expect([r.status, r.headers.get("access-control-allow-origin")]).toEqual([status, allow]);
  });
});

describe("secrets never logged", () => {
  it("a demo start with a real token prints it nowhere", async () => {
    const out = await new Promise<string>((resolve) => {
      const p = spawn(process.execPath, ["dist/server.mjs", "--demo"], {
        env: { ...process.env, PORT: "0", DATA_DIR: ":memory:", CALLTRK_API_TOKEN: "sekrit-0123456789" },
      });
      let text = "";
      const read = (d: Buffer) => {
        text += d;
        if (text.includes("Dashboard")) p.kill();
      };
      p.stdout.on("data", read);
      p.stderr.on("data", read);
      p.on("exit", () => resolve(text));
      setTimeout(() => p.kill(), 10000);
    });
    expect(out).toContain("Dashboard");
    expect(out).toContain("(from CALLTRK_API_TOKEN)");
    expect(out).not.toContain("sekrit");
  });

  it("answers never echo the token", async () => {
    const s = await make();
    const r = await s.req("/v3/a/ACC1/calls.json", { headers: { Authorization: "Token token=test-tokenX" } });
    expect(await r.text()).not.toContain("test-token");
    expect((await s.req("/v3/a/ACC1/calls.json", { headers: AUTH })).status).toBe(200);
  });
});
