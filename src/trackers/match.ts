// Which tracker wins each swap target (PROTOCOL §3). Pure: rules + the visitor's first
// touch → winners. Rule shapes follow the seed's "Source Tracker Call Sources" and
// "Session Tracker Call Sources"; every comparison is case-insensitive.
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
  const [name, value] = low(want).replace(/^[?&]/, "").split("=");
  const q = landing.split("#")[0].split("?")[1];
  if (!name || !q) return false;
  return q.split("&").some((kv) => {
    const i = kv.indexOf("=");
    const dec = (s: string) => {
      try {
        return low(decodeURIComponent(s.replace(/\+/g, " ")));
      } catch {
        return low(s);
      }
    };
    const k = dec(i < 0 ? kv : kv.slice(0, i));
    return k == name && (value === undefined || dec(i < 0 ? "" : kv.slice(i + 1)) == value);
  });
}

/** Search arrivals: engine and type, each possibly `"all"` (PROTOCOL §3). */
function searched(a: Attribution, engine: unknown, type: unknown): boolean {
  if (!a.search_engine) return false;
  const e = low(engine) || "all";
  const t = low(type) || "all";
  return (e == "all" || e == a.search_engine) && (t == "all" || t == a.search_type);
}

/** A source tracker's rule (tiers 1-3 and 6). */
function sourceMatches(s: Source, a: Attribution): boolean {
  const landing = a.landing_page_url || "";
  switch (low(s.type)) {
    case "landing_params":
      return hasParam(landing, String(s.landing_params || s.landing || s.params || ""));
    case "landing_url": {
      const want = bare(String(s.landing_url || s.landing || s.url || ""));
      return !!want && bare(landing).indexOf(want) == 0;
    }
    case "web_referrer": {
      const want = host("x://" + bare(String(s.referrer || s.referrer_domain || s.domain || "")));
      const h = host(a.referrer);
      return !!want && !!h && (h == want || h.slice(-want.length - 1) == "." + want);
    }
    case "search":
      return searched(a, s.search_engine, s.search_type);
    case "direct":
      return a.medium == "direct";
    default:
      return low(s.type) == "all";
  }
}

/**
 * A session tracker's rule (tiers 4-5): any listed condition matches — engine arrays
 * (`google: ["paid", "organic"]`), `type: "direct"`, `landing`/`referrer` substrings of
 * the landing/referrer URL — and `inverted` negates the whole rule.
 */
function sessionMatches(s: Source, a: Attribution): boolean {
  let hit = low(s.type) == "all" || (low(s.type) == "direct" && a.medium == "direct");
  for (const engine of ["google", "bing", "yahoo"]) {
    const types = s[engine];
    if (Array.isArray(types) && types.some((t) => searched(a, engine, t))) hit = true;
  }
  const landing = low(s.landing);
  const referrer = low(s.referrer);
  if (landing && low(a.landing_page_url).indexOf(landing) >= 0) hit = true;
  if (referrer && low(a.referrer).indexOf(referrer) >= 0) hit = true;
  return s.inverted === true || s.inverted === "true" ? !hit : hit;
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
 * The winning rule of every swap target (PROTOCOL §3): lowest tier, then config order.
 * `sessions: false` leaves session trackers out (no consent: PROTOCOL §5.4).
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
