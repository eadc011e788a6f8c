// First-touch rules (docs/protocol.md#4-visitor-attribution, #3-company-config). Pure:
// what is stored + this arrival → what to keep, and the smallest landing URL that keeps
// the attribution and the tracker rules' answers (docs/swapping.md#what-the-first-touch-keeps).
import { own } from "../safe";
import { arrivalReferrer, classify, paramsOf, parseUrl, READ_PARAMS, sameSite } from "./classify";
import type { CompanyConfig } from "../types";

/** What the three cookies hold (docs/protocol.md#4-visitor-attribution). */
export interface FirstTouch {
  /** The first-touch referrer URL, or `direct`. */
  referrer: string;
  landing: string;
  session_id: string;
}

/** Longest URL kept: three cookies must stay well under the 4 kB a cookie may hold. */
export const MAX_URL = 1500;
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** At most 6 months (docs/protocol.md#3-company-config), counted as 183 days. */
export const MAX_DAYS = 183;
const UNIT: Record<string, number> = { days: 1, weeks: 7, months: 30.5 };

const isUrl = (s: unknown, schemes: RegExp) => {
  const u = typeof s == "string" && s.length <= MAX_URL ? parseUrl(s) : null;
  return !!u && schemes.test(u.protocol);
};

/**
 * Only well-formed values are trusted: a tampered cookie or mirror is discarded. The
 * session id is checked by `decide`: a first touch carried over from another script
 * (docs/swapping.md#migrating-from-callrail) keeps its referrer and landing URL and gets a new id.
 */
export function validTouch(t: Partial<FirstTouch> | null | undefined): t is FirstTouch {
  return (
    !!t &&
    typeof t.session_id == "string" &&
    isUrl(t.landing, /^https?:$/) &&
    (t.referrer == "direct" || isUrl(t.referrer, /^(https?|android-app):$/))
  );
}

/** A session id this bundle and the server accept: a UUID v4 (docs/protocol.md#4-visitor-attribution). */
export const isSessionId = (id: string) => UUID4.test(id);

/**
 * The names of the landing parameters the config's tracker rules read: `landing_params`
 * (`promo=1` or `promo`), and parameters named inside `landing_url` rules and session
 * `landing` substrings (`pool=1`), lowercased.
 */
export function ruleParams(config: CompanyConfig | null): string[] {
  const names: string[] = [];
  const add = (v: unknown, bare: boolean) => {
    if (typeof v != "string") return;
    const re = /([^?&=#/\s]+)=/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(v))) names.push(m[1].toLowerCase());
    if (bare && v.indexOf("=") < 0) names.push(v.replace(/^[?&]/, "").toLowerCase());
  };
  const trackers = config && Array.isArray(config.trackers) ? config.trackers : [];
  trackers.forEach((t) => {
    const src = t && typeof t.source == "object" && t.source ? (t.source as Record<string, unknown>) : null;
    if (!src) return;
    add(own(src, "landing_params"), true);
    ["landing", "landing_url", "url", "params"].forEach((k) => add(own(src, k), k == "params"));
  });
  return names;
}

/**
 * The landing URL as the first touch keeps it: scheme, host and path, and only the
 * parameters attribution and tracker rules read (the classifier's, `READ_PARAMS`: utm,
 * click ids, Google's ValueTrack marks; the `swap_landing_override` parameter; parameters
 * the rules name); no fragment. Since every parameter the classifier reads is kept, the
 * short URL classifies as the whole one does.
 */
export function minimalLanding(landing: string, config: CompanyConfig | null): string {
  const u = parseUrl(landing);
  if (!u) return landing;
  const keep = ruleParams(config).concat(READ_PARAMS);
  if (config && config.swap_landing_override) keep.push(config.swap_landing_override.toLowerCase());
  const dec = (k: string) => {
    try {
      return decodeURIComponent(k.replace(/\+/g, " ")).toLowerCase();
    } catch {
      return k.toLowerCase();
    }
  };
  const query = u.search
    .slice(1)
    .split("&")
    .filter((kv) => kv && keep.indexOf(dec(kv.split("=")[0])) >= 0)
    .join("&");
  return u.origin + u.pathname + (query ? "?" + query : "");
}

/** Cookie lifetime in days from `swap_cookie_duration` + unit; 6 months when absent or bad. */
export function lifetimeDays(config: CompanyConfig | null): number {
  const n = config
    ? Number(config.swap_cookie_duration) * (own(UNIT, "" + (config.swap_cookie_duration_unit || "days")) || 0)
    : 0;
  return n > 0 ? Math.min(n, MAX_DAYS) : MAX_DAYS;
}

/** A URL cut to what a cookie can hold: the fragment first, then the tail. */
export function capUrl(url: string): string {
  return url.length > MAX_URL ? url.replace(/#.*/, "").slice(0, MAX_URL) : url;
}

/**
 * The first touch to keep after this page view (docs/protocol.md#3-company-config and #4-visitor-attribution):
 * - none stored: this arrival (a same-site referrer counts as direct);
 * - a same-site or direct arrival never replaces the stored one (same-site even when tagged);
 * - `swap_ppc_override`: a paid-search arrival replaces it;
 * - `swap_landing_override`: a landing URL carrying that parameter replaces it
 *   (the parameter makes the visit a tagged arrival even without a referrer);
 * - the very same arrival again (a reload of the landing page) keeps the stored one.
 * A replaced first touch starts a new session.
 */
export function decide(
  stored: FirstTouch | null,
  referrer: string,
  landing: string,
  pageHost: string,
  config: CompanyConfig | null,
  newId: () => string,
): FirstTouch {
  // A first touch carried over with a session id the server cannot use keeps its arrival, with a new id.
  if (stored && !isSessionId(stored.session_id)) stored = Object.assign({}, stored, { session_id: newId() });
  landing = capUrl(landing);
  const a = classify(referrer, landing, pageHost);
  // What is kept is the minimal landing URL; the arrival is read from the whole one.
  const kept = minimalLanding(landing, config);
  const fresh = { referrer: (a && a.referrer && capUrl(a.referrer)) || "direct", landing: kept, session_id: "" };
  const p = paramsOf(landing);
  // Same-site: never replaces, even when the internal link carries campaign tags.
  const internal = !a || sameSite(arrivalReferrer(p, referrer), pageHost);
  if (stored && (internal || (stored.landing == kept && stored.referrer == fresh.referrer))) return stored;
  const param = config && config.swap_landing_override;
  const override =
    !stored ||
    (config && config.swap_ppc_override && a!.search_type == "paid") ||
    (typeof param == "string" && param.toLowerCase() in p);
  if (!override) return stored!;
  fresh.session_id = newId();
  return fresh;
}
