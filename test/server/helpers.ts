// A server for integration tests: a temporary SQLite file, a test company, a settable clock.
import { afterEach } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../server/app";
import { readCompany, type Company } from "../../server/companies";
import type { LimitOptions } from "../../server/limit";

export const TOKEN = "test-token";
export const AUTH = { Authorization: `Token token=${TOKEN}` };
export const S1 = "11111111-1111-4111-8111-111111111111";
export const S2 = "22222222-2222-4222-8222-222222222222";
export const S3 = "33333333-3333-4333-8333-333333333333";
export const S4 = "44444444-4444-4444-8444-444444444444";

export function company(over: Partial<Company> = {}): Company {
  return readCompany(
    JSON.parse(
      JSON.stringify({
        company_id: "COM1",
        account_id: "ACC1",
        site_origins: ["https://site.example"],
        swap_ppc_override: true,
        trackers: [
          {
            id: "SRC_ALL",
            type: "source",
            status: "active",
            destination_number: "+15553104554",
            tracking_numbers: ["+14045559999"],
            source: { type: "all" },
          },
          {
            id: "SRC_GADS",
            type: "source",
            status: "active",
            destination_number: "+15553104554",
            tracking_numbers: ["+14045557777"],
            source: { type: "search", search_engine: "google", search_type: "paid" },
          },
          {
            id: "POOL",
            type: "session",
            status: "active",
            destination_number: "+15553104554",
            tracking_numbers: ["+14045550001", "+14045550002", "+14045550003"],
            fallback_number: "+14045550000",
            source: "all",
          },
          {
            id: "SMALL",
            type: "session",
            status: "active",
            destination_number: "+15553104554",
            tracking_numbers: ["+14045550101"],
            source: { google: ["paid"] },
          },
          { id: "OFF", type: "session", status: "disabled", tracking_numbers: ["+14045550201"], source: "all" },
        ],
        ...over,
      }),
    ),
  );
}

/** A server on a fresh temporary folder; `clock.t` is its time. */
export function server(
  opts: {
    dir?: string;
    idleSeconds?: number;
    companies?: Company[];
    rateLimit?: LimitOptions | null;
    trustProxy?: boolean;
    root?: string;
  } = {},
) {
  const dir = opts.dir || mkdtempSync(join(tmpdir(), "calltrk-test-"));
  const clock = { t: Date.parse("2026-11-22T10:00:00Z") };
  const made = createApp({
    dataDir: dir,
    token: TOKEN,
    root: opts.root || process.cwd(),
    idleSeconds: opts.idleSeconds || 1800,
    companies: opts.companies || [company()],
    now: () => clock.t,
    version: "test",
    // No rate limit unless a test asks: the fake clock stands still, so no bucket would refill.
    rateLimit: opts.rateLimit || null,
    trustProxy: opts.trustProxy,
  });
  const req = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
    const headers = { "Content-Type": "text/plain", ...(init.headers as Record<string, string>) };
    return Promise.resolve(made.app.request(path, { ...init, body, headers }));
  };
  const claim = (session: string, trackers = ["POOL"], visitor: unknown = { source: "google", medium: "cpc" }) =>
    req("/v1/companies/COM1/sessions", {
      method: "POST",
      json: { session_id: session, tracker_ids: trackers, visitor, page_url: "https://site.example/" },
    }).then((r) => r.json() as Promise<{ numbers: Record<string, string> }>);
  return {
    ...made,
    dir,
    clock,
    req,
    claim,
    cleanup: () => {
      made.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For a test file: `make()` gives a server closed (and its folder removed) after each
 * test; `tempDir()` a folder removed after each test, for servers that share a file.
 */
export function servers() {
  const after: Array<() => void> = [];
  afterEach(() => after.splice(0).forEach((f) => f()));
  return {
    make(o: Parameters<typeof server>[0] = {}) {
      const s = server(o);
      after.unshift(s.cleanup); // servers close before their shared folder goes
      return s;
    },
    tempDir(): string {
      const dir = mkdtempSync(join(tmpdir(), "calltrk-shared-"));
      after.push(() => rmSync(dir, { recursive: true, force: true }));
      return dir;
    },
  };
}
