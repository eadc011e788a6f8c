// Companies and their trackers: read from company files (the company config of
// docs/protocol.md#3-company-config plus server-only fields), kept by the store, and served to
// the bundle without what only the server may know.
import { readFileSync } from "node:fs";

export interface TrackerRecord {
  id: string;
  type: string;
  status: string;
  name?: string;
  destination_number?: string;
  /** Source trackers: the number shown. Session trackers: the pool (server-only). */
  tracking_numbers?: string[];
  /** Session trackers: answered when the pool is exhausted (server-only). */
  fallback_number?: string;
  swap_targets?: string[];
  source?: unknown;
}

export interface Company {
  id: string;
  account_id: string;
  /** Origins allowed by CORS; "*" means any (the demo); absent means only the server's own host. */
  site_origins?: string[];
  trackers: TrackerRecord[];
  [field: string]: unknown;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** Checks a company file's content; throws a message naming the first problem. */
export function readCompany(raw: unknown): Company {
  const c = raw as Company;
  const fail = (m: string): never => {
    throw new Error("company file: " + m);
  };
  if (!c || typeof c != "object") fail("not an object");
  c.id = String(c.id || c.company_id || "");
  if (!/^[\w-]{1,64}$/.test(c.id)) fail("company_id must be 1-64 letters, digits, _ or -");
  c.account_id = String(c.account_id || c.id);
  if (!Array.isArray(c.trackers)) fail("trackers must be an array");
  for (const t of c.trackers) {
    if (!t || typeof t.id != "string") fail("a tracker without an id");
    for (const n of (t.tracking_numbers || []).concat(t.fallback_number || []))
      if (!E164.test(n)) fail(`tracker ${t.id}: ${n} is not an E.164 number`);
  }
  return c;
}

export function loadCompanyFile(path: string): Company {
  return readCompany(JSON.parse(readFileSync(path, "utf8")));
}

/** The company config the bundle gets (docs/protocol.md#3-company-config): pools and server fields removed. */
export function publicConfig(c: Company): Record<string, unknown> {
  const { id, account_id: _account, site_origins: _origins, trackers, ...rest } = c;
  return {
    ...rest,
    company_id: id,
    trackers: trackers.map((t) => {
      const { tracking_numbers, fallback_number: _fallback, ...pub } = t;
      return t.type == "session" ? pub : { ...pub, tracking_numbers };
    }),
  };
}

/**
 * Is this browser origin allowed to call the company's public endpoints (CORS only for
 * configured origins)? Listed in `site_origins` ("*" lists all), or the server's own
 * host (`host`: the request's Host header). No Origin header: not a browser, and CORS has
 * nothing to protect. A company without `site_origins` serves only its own host's pages.
 */
export function originAllowed(c: Company, origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  const list = c.site_origins || [];
  if (list.includes("*") || list.includes(origin)) return true;
  try {
    return !!host && new URL(origin).host == host;
  } catch {
    return false;
  }
}
