// What the fuzz suites share (fuzz.test.ts, fuzzIntake.test.ts): seeded random values and the
// check every answer must pass: a 2xx, or a 4xx with {"error": "..."} that stored nothing.
import { expect } from "vitest";
import { S1, type TestServer } from "./helpers";

export const SQL = [
  "' OR '1'='1",
  "1; DROP TABLE leases;--",
  '" OR 1=1 --',
  "') UNION SELECT config FROM companies --",
  "%27%20OR%201=1",
  "COM1'--",
  "*/ SELECT 1 /*",
];
export const ODD = [
  "",
  " ",
  "\u0000",
  "\ud800",
  "😀".repeat(3),
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "%E0%A4%A",
  "constructor",
  "__proto__",
  "x".repeat(5000),
];

export function value(r: () => number, depth = 0): unknown {
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  switch (Math.floor(r() * (depth > 3 ? 6 : 9))) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return pick([0, -1, 1e308, -0, 2 ** 53 + 1, 3.14]);
    case 3:
      return pick(SQL);
    case 4:
      return pick(ODD);
    case 5:
      return S1;
    case 6:
      return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 4); i > 0; i--)
        o[
          pick([
            "id",
            "session_id",
            "tracker_ids",
            "visitor",
            "form_data",
            "page_url",
            "title",
            "__proto__",
            "constructor",
            pick(SQL),
          ])
        ] = value(r, depth + 1);
      return o;
    }
  }
}

type S = TestServer;
const TABLES = ["leases", "form_submissions", "page_views", "sessions", "calls", "companies", "pool_numbers"];
const counts = (s: S) => Promise.all(TABLES.map(s.count));

/** Sends one request (in-process) and checks the rules of the header; returns the status. */
export async function check(
  s: S,
  name: string,
  path: string,
  init: RequestInit & { headers?: Record<string, string> },
): Promise<number> {
  const before = await counts(s);
  const r = await s.app.request(path, { ...init, headers: { "Content-Type": "text/plain", ...init.headers } });
  const text = await r.text();
  const where = `${name}: ${init.method || "GET"} ${path.slice(0, 120)} → ${r.status} ${text.slice(0, 120)}`;
  expect(r.status, where).toBeLessThan(500);
  if (r.status >= 400) {
    expect(() => JSON.parse(text), where).not.toThrow();
    expect(JSON.parse(text), where).toEqual({ error: expect.any(String) });
    expect(await counts(s), where).toEqual(before);
  }
  return r.status;
}
