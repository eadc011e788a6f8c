// The visitor object as the server keeps it (docs/protocol.md#4-visitor-attribution), checked at
// the door of session and form intake. Pure. A browser with an odd visitor must not lose its
// number or its lead, so nothing here refuses a request: each documented field is kept when it
// has its type, length and value set, and dropped otherwise; unknown fields are dropped
// (docs/security.md#what-the-server-keeps-of-a-visitor).
import type { Visitor } from "../store/rows";
import { SEARCH_ENGINES } from "../reports/sites/search";
import { UUID } from "../http";
import { scrubUrl } from "./url";

/** Longest URL kept: the Referrer Policy spec cuts referrers past 4096 characters to their origin. */
export const MAX_URL = 4096;
/** Longest name or term kept (the bundle cuts URL parameters at 200 and cookies at 500). */
export const MAX_TEXT = 500;
/** `utm`, `click_ids`, `cookies`: at most this many entries, names and values this long. */
export const MAX_ENTRIES = 20;
export const MAX_KEY = 64;

const MEDIA = new Set(["cpc", "organic", "social", "email", "referral", "direct"]);
const SEARCH_TYPES = new Set(["paid", "organic"]);
/** The search engines the server's host table names (server/reports/sites/search.ts). */
const ENGINES = new Set(SEARCH_ENGINES.map((s) => s[0]));

type Out = Record<string, unknown>;

const text = (v: unknown, max: number): v is string => typeof v == "string" && v.length <= max;

/** A flat string → string map, cut to what fits: bad entries dropped, at most MAX_ENTRIES kept. */
function flatMap(v: unknown): Record<string, string> | undefined {
  if (!v || typeof v != "object" || Array.isArray(v)) return undefined;
  const out: Record<string, string> = Object.create(null);
  let n = 0;
  for (const [k, x] of Object.entries(v)) {
    if (n >= MAX_ENTRIES) break;
    if (k.length && k.length <= MAX_KEY && text(x, MAX_TEXT)) {
      out[k] = x;
      n++;
    }
  }
  return out;
}

/**
 * The visitor to store, or null when nothing of it is usable (absent, not an object, or
 * no field fits). URLs go through scrubUrl, like every page URL the server stores.
 */
export function cleanVisitor(raw: unknown): Visitor | null {
  if (!raw || typeof raw != "object" || Array.isArray(raw)) return null;
  const v = raw as Record<string, unknown>;
  const out: Out = {};
  if (typeof v.session_id == "string" && UUID.test(v.session_id)) out.session_id = v.session_id.toLowerCase();
  if (text(v.source, MAX_TEXT)) out.source = v.source;
  if (typeof v.medium == "string" && MEDIA.has(v.medium)) out.medium = v.medium;
  // Both or neither: they are present for search arrivals only.
  if (typeof v.search_engine == "string" && ENGINES.has(v.search_engine) && SEARCH_TYPES.has(v.search_type as string)) {
    out.search_engine = v.search_engine;
    out.search_type = v.search_type;
  }
  for (const k of ["referrer", "landing_page_url"]) {
    if (v[k] === null) out[k] = null;
    else if (text(v[k], MAX_URL)) out[k] = scrubUrl(v[k]);
  }
  for (const k of ["referrer_domain", "keywords", "campaign"]) {
    if (v[k] === null) out[k] = null;
    else if (text(v[k], MAX_TEXT)) out[k] = v[k];
  }
  for (const k of ["utm", "click_ids", "cookies"]) {
    const m = flatMap(v[k]);
    if (m) out[k] = m;
  }
  return Object.keys(out).length ? (out as Visitor) : null;
}
