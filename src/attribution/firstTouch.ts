// First-touch rules (issue 3, PROTOCOL §3-4). Pure: what is stored + this arrival → what to keep.
import { own } from "../safe";
import { arrivalReferrer, classify, paramsOf, parseUrl, sameSite } from "./classify";
import type { CompanyConfig } from "../types";

/** What the three cookies hold (PROTOCOL §4). */
export interface FirstTouch {
  /** The first-touch referrer URL, or `direct`. */
  referrer: string;
  landing: string;
  session_id: string;
}

/** Longest URL kept: three cookies must stay well under the 4 kB a cookie may hold. */
export const MAX_URL = 1500;
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** At most 6 months (PROTOCOL §3), counted as 183 days. */
export const MAX_DAYS = 183;
const UNIT: Record<string, number> = { days: 1, weeks: 7, months: 30.5 };

const isUrl = (s: unknown, schemes: RegExp) => {
  const u = typeof s == "string" && s.length <= MAX_URL ? parseUrl(s) : null;
  return !!u && schemes.test(u.protocol);
};

/** Only well-formed values are trusted: a tampered cookie or mirror is discarded. */
export function validTouch(t: Partial<FirstTouch> | null | undefined): t is FirstTouch {
  return (
    !!t &&
    UUID4.test("" + t.session_id) &&
    isUrl(t.landing, /^https?:$/) &&
    (t.referrer == "direct" || isUrl(t.referrer, /^(https?|android-app):$/))
  );
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
 * The first touch to keep after this page view (PROTOCOL §3-4):
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
  landing = capUrl(landing);
  const a = classify(referrer, landing, pageHost);
  const fresh = { referrer: (a && a.referrer && capUrl(a.referrer)) || "direct", landing, session_id: "" };
  const p = paramsOf(landing);
  // Same-site: never replaces, even when the internal link carries campaign tags.
  const internal = !a || sameSite(arrivalReferrer(p, referrer), pageHost);
  if (stored && (internal || (stored.landing == landing && stored.referrer == fresh.referrer))) return stored;
  const param = config && config.swap_landing_override;
  const override =
    !stored ||
    (config && config.swap_ppc_override && a!.search_type == "paid") ||
    (typeof param == "string" && param.toLowerCase() in p);
  if (!override) return stored!;
  fresh.session_id = newId();
  return fresh;
}
