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

/** Company fields of docs/protocol.md#3-company-config with the type each must have to be published. */
const COMPANY_FIELDS: Record<string, (v: unknown) => boolean> = {
  swap_cookie_duration: (v) => typeof v == "number",
  swap_cookie_duration_unit: (v) => typeof v == "string",
  swap_ppc_override: (v) => typeof v == "boolean",
  swap_landing_override: (v) => v === null || typeof v == "string",
  form_capture: (v) => typeof v == "boolean",
};

/**
 * The keys of a source rule: the v3 reference's Source Tracker and Session Tracker Call Sources
 * as the bundle reads them (src/trackers/match.ts): type and search fields, the referrer,
 * landing URL and parameter rules with their other spellings, session engines and `inverted`.
 */
const SOURCE_KEYS = new Set(
  (
    "type search_engine search_type referrer referrer_domain domain landing_url landing_params landing url params " +
    "google bing yahoo inverted"
  ).split(" "),
);

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x == "string") : undefined;

/** A source rule with only its known keys, each a string, a boolean or a list of strings. */
function publicSource(source: unknown): unknown {
  if (source === "all") return source;
  if (!source || typeof source != "object" || Array.isArray(source)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source))
    if (SOURCE_KEYS.has(k)) {
      if (typeof v == "string" || typeof v == "boolean") out[k] = v;
      else if (Array.isArray(v)) out[k] = strings(v);
    }
  return out;
}

/** A tracker as docs/protocol.md#3-company-config shows it; a session tracker's pool stays on the server. */
function publicTracker(t: TrackerRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ["id", "type", "status", "destination_number"] as const) if (typeof t[k] == "string") out[k] = t[k];
  if (t.type == "source" && strings(t.tracking_numbers)) out.tracking_numbers = strings(t.tracking_numbers);
  if (strings(t.swap_targets)) out.swap_targets = strings(t.swap_targets);
  const source = publicSource(t.source);
  if (source !== undefined) out.source = source;
  return out;
}

/**
 * The company config the bundle gets (docs/protocol.md#3-company-config), built field by field
 * from that section's list: whatever else a company file or the operator API holds (names,
 * pools, fallbacks, `site_origins`, a secret added by mistake) is never published.
 */
export function publicConfig(c: Company): Record<string, unknown> {
  const out: Record<string, unknown> = { company_id: c.id };
  for (const [k, ok] of Object.entries(COMPANY_FIELDS)) if (k in c && ok(c[k])) out[k] = c[k];
  for (const k of ["ignored_fields", "grab_cookies"]) if (strings(c[k])) out[k] = strings(c[k]);
  out.trackers = (c.trackers || []).filter((t) => t && typeof t == "object").map(publicTracker);
  return out;
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
