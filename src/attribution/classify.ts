// The classifier (issue 3, PROTOCOL §4): referrer URL + landing URL → attribution. Pure.
import { dict } from "../safe";
import { registrable } from "./domain";
import { isEngine, knownHost } from "./hosts";
import type { Attribution, Medium } from "../types";

/** Click ids of search ads, and the engine each one means (PROTOCOL §4). */
const PAID_IDS: Record<string, string> = {
  gclid: "google",
  gbraid: "google",
  wbraid: "google",
  gad_source: "google",
  msclkid: "bing",
  yclid: "yandex",
};
/** Kept for the record but not a paid-search mark: Facebook adds fbclid to every outbound click. */
const OTHER_IDS = ["fbclid"];
const UTM = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];
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

/** The arrival's referrer: `utm_referrer` stands in for document.referrer (PROTOCOL §4); web and app schemes only. */
export function arrivalReferrer(p: Record<string, string>, referrer: string): URL | null {
  const ref = parseUrl(p.utm_referrer || referrer);
  return ref && /^(https?|android-app):$/.test(ref.protocol) ? ref : null;
}

/** A referrer on the page's own registrable domain is not an arrival (PROTOCOL §4). */
export const sameSite = (ref: URL | null, pageHost: string) =>
  !!ref && registrable(ref.hostname) == registrable(pageHost);

/**
 * The attribution of one arrival, or null when it is not an arrival: a referrer on the
 * page's own registrable domain with no campaign parameters (PROTOCOL §4).
 */
export function classify(referrer: string, landing: string, pageHost: string): Attribution | null {
  const p = paramsOf(landing);
  const utm: Record<string, string> = {};
  const click_ids: Record<string, string> = {};
  let engine = "";
  UTM.forEach((k) => p[k] && (utm[k] = p[k]));
  Object.keys(PAID_IDS).forEach((k) => {
    if (p[k]) {
      click_ids[k] = p[k];
      engine = engine || PAID_IDS[k];
    }
  });
  OTHER_IDS.forEach((k) => p[k] && (click_ids[k] = p[k]));
  const tagged = engine || UTM.some((k) => p[k]);

  let ref = arrivalReferrer(p, referrer);
  if (sameSite(ref, pageHost)) {
    if (!tagged) return null;
    ref = null; // an internal link carrying campaign tags: the tags tell the story
  }
  const app = !!ref && ref.protocol == "android-app:";
  const host = ref ? ref.hostname.toLowerCase() : "";
  const known = ref ? knownHost(host, ref.pathname, app) : null;
  const domain = ref ? (app ? host : registrable(host)) : null;

  let medium: Medium = !ref
    ? "direct"
    : !known
      ? "referral"
      : known.kind == "search"
        ? known.paid
          ? "cpc"
          : "organic"
        : known.kind;
  let source = !ref ? "direct" : known ? known.name : domain!;
  let se = known && known.kind == "search" ? known.name : "";
  if (engine) {
    medium = "cpc";
    source = se = engine;
  }

  const m = (p.utm_medium || "").toLowerCase();
  if (/^(cpc|ppc|paid)/.test(m)) medium = "cpc";
  else if (/^(email|social|organic|referral)$/.test(m)) medium = m as Medium;
  if (p.utm_source) {
    source = p.utm_source.toLowerCase();
    if (!se && isEngine(source)) se = source;
    if (medium == "direct") medium = "referral"; // a named source is not a direct visit
  }

  let keywords = p.utm_term || null;
  if (!keywords && known && known.kind == "search" && !app)
    for (const k of QUERY) keywords = keywords || ref!.searchParams.get(k);

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
  // search_engine/search_type only for search arrivals (PROTOCOL §4).
  if (se && (medium == "cpc" || medium == "organic")) {
    out.search_engine = se;
    out.search_type = medium == "cpc" ? "paid" : "organic";
  }
  return out;
}

/** The seed's referrer key of a form submission: `google_paid`, `bing_organic`, `direct`, or the domain. */
export function referrerKey(a: Attribution): string {
  return a.search_engine
    ? a.search_engine + "_" + a.search_type
    : a.medium == "direct"
      ? "direct"
      : a.referrer_domain || a.source;
}
