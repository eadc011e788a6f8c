// What a source tracker's rule stands for (docs/attribution.md#one-name-everywhere): the
// same source, medium and display name the classifier gives a visitor of that channel, so a
// call to a `web_referrer facebook.com` tracker and a visitor from Facebook read `Facebook`.
// Pure. Rule shapes: the v3 reference's "Source Tracker Call Sources".
import { classifyTouch, displayName, type Classification } from "./classify";
import { displayOfName } from "./hosts";

export interface TrackerLike {
  id: string;
  name?: string | null;
  source?: unknown;
}

export interface TrackerAttribution {
  /** The short source name (`google`, `facebook`, a domain), or the tracker's name. */
  source: string;
  /** docs/protocol.md#4-visitor-attribution media, `offline`, or null when the rule does not say one. */
  medium: string | null;
  /** The name reports show: `Google Ads`, `Facebook`, `Direct`, the tracker's name. */
  display: string;
}

type Rule = Record<string, unknown>;
const low = (x: unknown) => (typeof x == "string" ? x.trim().toLowerCase() : "");
/** `https://www.facebook.com/x` → `www.facebook.com`. */
const hostOf = (s: string) => s.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/[/?#:].*$/, "");

const fromTouch = (c: Classification): TrackerAttribution => ({
  source: c.source,
  medium: c.medium,
  display: c.display,
});

/**
 * Source and medium of a source tracker's rule: search (engine and type), direct, a web
 * referrer (classified like a visitor from that host), landing parameters or URL (classified
 * like a landing page carrying them), offline, Google's call assets and Business Profile.
 * Anything else (`all`, a session pool) is named by the tracker's name with no medium.
 */
export function trackerAttribution(t: TrackerLike): TrackerAttribution {
  const name = (typeof t.name == "string" && t.name) || t.id;
  const s = (t.source && typeof t.source == "object" ? t.source : {}) as Rule;
  const byName: TrackerAttribution = { source: name, medium: null, display: name };
  switch (low(s.type)) {
    case "search": {
      const engine = low(s.search_engine);
      const type = low(s.search_type);
      const medium = type == "paid" ? "cpc" : type == "organic" ? "organic" : null;
      if (!engine || engine == "all") return { ...byName, medium };
      const display = medium
        ? displayName({
            source: engine,
            medium,
            search_engine: engine,
            search_type: medium == "cpc" ? "paid" : "organic",
          })
        : displayOfName(engine) || engine;
      return { source: engine, medium, display };
    }
    case "direct":
      return { source: "direct", medium: "direct", display: "Direct" };
    case "web_referrer": {
      const host = hostOf(low(s.referrer || s.referrer_domain || s.domain));
      return host ? fromTouch(classifyTouch({ referrer: "https://" + host + "/" })) : byName;
    }
    case "landing_params":
    case "landing_url": {
      const raw = low(s.landing_params || s.landing_url || s.landing || s.params || s.url);
      const query = raw.indexOf("?") >= 0 ? raw.slice(raw.indexOf("?")) : "?" + raw.replace(/^[?&]/, "");
      const c = classifyTouch({ landing: "https://landing.invalid/" + query });
      return c.medium == "direct" ? byName : fromTouch(c);
    }
    case "offline":
      return { source: name, medium: "offline", display: name };
    case "google_ad_extension":
    case "mobile_ad_extension":
      return { source: "google", medium: "cpc", display: "Google Ads" };
    case "google_my_business":
      return { source: "google_my_business", medium: "organic", display: "Google My Business" };
    default:
      return byName;
  }
}
