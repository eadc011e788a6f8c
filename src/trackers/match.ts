// Which tracker wins each swap target (docs/protocol.md#3-company-config). Pure: rules +
// the visitor's first touch → winners. Rule shapes follow the v3 reference's "Source
// Tracker Call Sources" and "Session Tracker Call Sources"; every comparison is
// case-insensitive. Landing parameters are read as the classifier reads them (paramsOf:
// the URL API, names lowercased, the first of repeated names), so `?promo=1&promo=2` means
// the same to both; rule fields are read as own properties only.
import { paramsOf } from "../attribution/classify";
import { own } from "../safe";
import { phoneKey, type Phone } from "../swap/phone";
import type { Attribution } from "../types";
import type { Rule } from "./rules";

type Source = Record<string, unknown>;

const low = (x: unknown) => (typeof x == "string" ? x.toLowerCase() : "");
/** The landing or referrer URL without its scheme: `site.example/spring?x=1`. */
const bare = (u: string | null) => low(u).replace(/^[a-z][a-z0-9+.-]*:\/\//, "");

function host(url: string | null): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/.exec(low(url));
  return m ? m[1] : "";
}

/** `promo=1` matches a landing parameter promo equal to 1; `promo` matches its presence. */
function hasParam(landing: string, want: string): boolean {
  const w = low(want).replace(/^[?&]/, "");
  const i = w.indexOf("=");
  const name = i < 0 ? w : w.slice(0, i);
  const value = own(paramsOf(landing), name);
  return !!name && value !== undefined && (i < 0 || low(value) == w.slice(i + 1));
}

/** Search arrivals: engine and type, each possibly `"all"` (docs/protocol.md#3-company-config). */
function searched(a: Attribution, engine: unknown, type: unknown): boolean {
  if (!a.search_engine) return false;
  const e = low(engine) || "all";
  const t = low(type) || "all";
  return (e == "all" || e == a.search_engine) && (t == "all" || t == a.search_type);
}

/** The first of these fields the rule has as its own, as a string. */
const field = (s: Source, ...keys: string[]) => {
  for (const k of keys) if (own(s, k)) return String(own(s, k));
  return "";
};

/** A source tracker's rule (tiers 1-3 and 6). */
function sourceMatches(s: Source, a: Attribution): boolean {
  const landing = a.landing_page_url || "";
  switch (low(own(s, "type"))) {
    case "landing_params":
      return hasParam(landing, field(s, "landing_params", "landing", "params"));
    case "landing_url": {
      const want = bare(field(s, "landing_url", "landing", "url"));
      return !!want && bare(landing).indexOf(want) == 0;
    }
    case "web_referrer": {
      const want = host("x://" + bare(field(s, "referrer", "referrer_domain", "domain")));
      const h = host(a.referrer);
      return !!want && !!h && (h == want || h.slice(-want.length - 1) == "." + want);
    }
    case "search":
      return searched(a, own(s, "search_engine"), own(s, "search_type"));
    case "direct":
      return a.medium == "direct";
    default:
      return low(own(s, "type")) == "all";
  }
}

/**
 * A session tracker's rule (tiers 4-5): any listed condition matches — engine arrays
 * (`google: ["paid", "organic"]`), `type: "direct"`, `landing`/`referrer` substrings of
 * the landing/referrer URL — and `inverted` negates the whole rule.
 */
function sessionMatches(s: Source, a: Attribution): boolean {
  const type = low(own(s, "type"));
  let hit = type == "all" || (type == "direct" && a.medium == "direct");
  for (const engine of ["google", "bing", "yahoo"]) {
    const types = own(s, engine);
    if (Array.isArray(types) && types.some((t) => searched(a, engine, t))) hit = true;
  }
  const landing = low(own(s, "landing"));
  const referrer = low(own(s, "referrer"));
  if (landing && low(a.landing_page_url).indexOf(landing) >= 0) hit = true;
  if (referrer && low(a.referrer).indexOf(referrer) >= 0) hit = true;
  const inverted = own(s, "inverted");
  return inverted === true || inverted === "true" ? !hit : hit;
}

export function matches(rule: Rule, a: Attribution): boolean {
  if (rule.source == "all") return true;
  return rule.session ? sessionMatches(rule.source, a) : sourceMatches(rule.source, a);
}

export interface Win {
  target: Phone;
  rule: Rule;
}

/**
 * The winning rule of every swap target (docs/protocol.md#3-company-config): lowest tier, then config order.
 * `sessions: false` leaves session trackers out (no consent: docs/protocol.md#54-consent).
 */
export function winners(rules: Rule[], a: Attribution, sessions = true): Win[] {
  const best = new Map<string, Win>();
  for (const rule of rules) {
    if ((rule.session && !sessions) || !matches(rule, a)) continue;
    for (const target of rule.targets) {
      const k = phoneKey(target);
      const w = best.get(k);
      if (!w || rule.tier < w.rule.tier) best.set(k, { target, rule });
    }
  }
  return Array.from(best.values());
}
