// One attribution milestone of the v3 reference's `milestones` object (first_touch,
// lead_created), from the server's classification of a touch. Pure.
import { paramsOf } from "../../src/attribution/classify";
import type { Device } from "./agent";
import type { Classification } from "./classify";

export interface Milestone {
  event_date: string | null;
  ad_position: string | null;
  campaign: string | null;
  device: Device | null;
  keywords: string | null;
  landing: string | null;
  landing_page_url_params: Record<string, string>;
  match_type: string | null;
  medium: string | null;
  referrer: string | null;
  referrer_url_params: Record<string, string>;
  session_browser: string | null;
  /** The `utm_*` parameters of the landing URL, by their full names. */
  url_utm_params: Record<string, string>;
  /** The display name (docs/attribution.md#display-names). */
  source: string | null;
}

/** What the server knows of the visitor beside the touch: when, and on what (coarse, from the User-Agent at intake). */
export interface TouchContext {
  event_date: string | null;
  device: Device | null;
  browser: string | null;
}

/** A plain object of a URL's parameters (names lowercased, first value, capped at 200 characters). */
const plain = (url: string | null) => (url ? { ...paramsOf(url) } : {});

export function milestone(c: Classification, ctx: TouchContext): Milestone {
  const landing = plain(c.landing_page_url);
  return {
    event_date: ctx.event_date,
    ad_position: landing.adposition || null,
    campaign: c.campaign,
    device: ctx.device,
    keywords: c.keywords,
    landing: c.landing_page_url || null,
    landing_page_url_params: landing,
    match_type: landing.matchtype || null,
    medium: c.medium,
    referrer: c.referrer,
    referrer_url_params: c.referrer && /^https?:/.test(c.referrer) ? plain(c.referrer) : {},
    session_browser: ctx.browser,
    url_utm_params: { ...c.utm },
    source: c.display,
  };
}
