// The classifier (docs/protocol.md#4-visitor-attribution): referrer URL + landing URL →
// attribution. Pure. One rule set with two host tables: the bundle passes its small one
// (./hosts.ts, what tracker choice needs), the server its broad one (server/reports/).
import { dict } from "../safe";
import { registrable } from "./domain";
import { knownHost, type HostLookup } from "./hosts";
import type { Attribution, Medium } from "../types";

/**
 * Click ids of paid clicks and the network each one means (docs/protocol.md#4-visitor-attribution):
 * search ads first (a paid search arrival), then paid social (a paid arrival, not search).
 */
const PAID_IDS: Record<string, string> = {
  gclid: "google",
  gbraid: "google",
  wbraid: "google",
  gad_source: "google",
  dclid: "google",
  msclkid: "bing",
  yclid: "yandex",
  ttclid: "tiktok",
  fb_ad_id: "facebook",
  li_fat_id: "linkedin",
  twclid: "twitter",
  ndclid: "nextdoor",
};
/** Kept for the record but not a paid mark: Facebook adds fbclid to every outbound click. */
const OTHER_IDS = ["fbclid"];
const UTM = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];
/** Every landing parameter the rules below read: what a stored landing URL must keep (firstTouch.ts). */
export const READ_PARAMS = /* @__PURE__ */ UTM.concat(
  /* @__PURE__ */ Object.keys(PAID_IDS),
  OTHER_IDS,
  "matchtype",
  "adposition",
);
/** Where engines put the search terms, when a referrer still carries them (rarely today). */
const QUERY = ["q", "p", "wd", "word", "text", "query"];
/** Longest value kept from a URL parameter; the whole record must fit in cookies. */
const MAX_VALUE = 200;

export function parseUrl(s: string | null | undefined): URL | null {
  try {
    return s ? new URL(s) : null;
  } catch {
    return null;
  }
}

/** A landing URL's parameters, names lowercased, first value wins, trimmed and capped. */
export function paramsOf(landing: string): Record<string, string> {
  const out = dict<string>(); // a parameter named "constructor" or a polluted key is not inherited
  const u = parseUrl(landing);
  if (u)
    u.searchParams.forEach((v, k) => {
      k = k.toLowerCase();
      if (!(k in out)) out[k] = v.trim().slice(0, MAX_VALUE);
    });
  return out;
}

/** The arrival's referrer: `utm_referrer` stands in for document.referrer (docs/protocol.md#4-visitor-attribution); web and app schemes only. */
export function arrivalReferrer(p: Record<string, string>, referrer: string): URL | null {
  const ref = parseUrl(p.utm_referrer || referrer);
  return ref && /^(https?|android-app):$/.test(ref.protocol) ? ref : null;
}

/** A referrer on the page's own registrable domain is not an arrival (docs/protocol.md#4-visitor-attribution). */
export const sameSite = (ref: URL | null, pageHost: string) =>
  !!ref && registrable(ref.hostname) == registrable(pageHost);

/**
 * The attribution of one arrival, or null when it is not an arrival: a referrer on the
 * page's own registrable domain with no campaign parameters (docs/protocol.md#4-visitor-attribution).
 * `hosts` says what a referrer host (or a `utm_source` value) is; the bundle's small table by default.
 */
export function classify(
  referrer: string,
  landing: string,
  pageHost: string,
  hosts: HostLookup = knownHost,
): Attribution | null {
  const p = paramsOf(landing);
  const utm: Record<string, string> = {};
  const click_ids: Record<string, string> = {};
  let network = "";
  UTM.forEach((k) => p[k] && (utm[k] = p[k]));
  Object.keys(PAID_IDS).forEach((k) => {
    if (p[k]) {
      click_ids[k] = p[k];
      network = network || PAID_IDS[k];
    }
  });
  OTHER_IDS.forEach((k) => p[k] && (click_ids[k] = p[k]));
  // Google's ValueTrack parameters mark a paid click of the referring engine, else Google's.
  const valueTrack = !!(p.matchtype || p.adposition);

  let ref = arrivalReferrer(p, referrer);
  if (sameSite(ref, pageHost)) {
    if (!(network || valueTrack || UTM.some((k) => p[k]))) return null;
    ref = null; // an internal link carrying campaign tags: the tags tell the story
  }
  const app = !!ref && ref.protocol == "android-app:";
  const host = ref ? ref.hostname.toLowerCase().replace(/\.$/, "") : "";
  const known = ref ? hosts(host, ref.pathname, app) : null;
  const domain = ref ? (app ? host : registrable(host)) : null;
  const search = !!known && known.kind == "search";

  // An ad host is a paid click whatever its kind; search engines' results are organic.
  let medium: Medium = !ref
    ? "direct"
    : !known
      ? "referral"
      : known.paid
        ? "cpc"
        : search
          ? "organic"
          : (known.kind as Medium);
  let source = !ref ? "direct" : known ? known.name : domain!;
  let se = search ? known!.name : "";
  if (network || valueTrack) {
    medium = "cpc";
    source = network || se || "google";
    const k = hosts(source, "", false);
    se = k && k.kind == "search" ? source : "";
  }

  const m = (p.utm_medium || "").toLowerCase();
  if (/^(cpc|ppc|paid)|_ad/.test(m)) medium = "cpc";
  else if (/^(email|social|organic|referral)$/.test(m)) medium = m as Medium;
  if (p.utm_source) {
    // A known site's domain or name stands for its short name (`chatgpt.com` → `chatgpt`).
    const k = hosts(p.utm_source.toLowerCase(), "", false);
    source = k ? k.name : p.utm_source.toLowerCase();
    if (!se && k && k.kind == "search") se = source;
    // A named source is not a direct visit: a known site gives its medium, but a search
    // engine named without a referrer did not send the visitor from its results.
    if (medium == "direct") medium = k && k.kind != "search" ? (k.kind as Medium) : "referral";
  }
  if (UTM.some((k) => (p[k] || "").toLowerCase().indexOf("yelp_ad") >= 0)) {
    source = "yelp";
    medium = "cpc";
    se = "";
  }

  let keywords = p.utm_term || null;
  if (!keywords && search && !app) for (const k of QUERY) keywords = keywords || ref!.searchParams.get(k);

  const out: Attribution = {
    source,
    medium,
    referrer: ref ? ref.href : null,
    referrer_domain: domain,
    landing_page_url: landing,
    keywords: keywords ? keywords.trim().slice(0, MAX_VALUE) || null : null,
    campaign: p.utm_campaign || null,
    utm,
    click_ids,
  };
  // search_engine/search_type only for search arrivals (docs/protocol.md#4-visitor-attribution).
  if (se && (medium == "cpc" || medium == "organic")) {
    out.search_engine = se;
    out.search_type = medium == "cpc" ? "paid" : "organic";
  }
  return out;
}

/** The referrer key of a form submission (docs/protocol.md#53-form-submissions): `google_paid`, `bing_organic`, `direct`, or the domain. */
export function referrerKey(a: Attribution): string {
  return a.search_engine
    ? a.search_engine + "_" + a.search_type
    : a.medium == "direct"
      ? "direct"
      : a.referrer_domain || a.source;
}
