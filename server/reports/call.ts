// The attribution fields of a v3 Call object (docs/attribution.md#one-name-everywhere): a call
// held by a session is named by the server's classification of that session's first touch,
// a call to a source tracker's number by the tracker's rule; either way `source` and
// `formatted_tracking_source` carry the display name and `source_name` the tracker's name,
// as the v3 reference defines them. Pure.
import { classifyTouch, type Touch } from "./classify";
import { trackerAttribution, type TrackerLike } from "./tracker";

export interface CallAttribution {
  /** "The marketing source that led to the phone call": the display name. */
  source: string;
  medium: string | null;
  /** "The name of the tracking number": the tracker's name. */
  source_name: string | null;
  /** "The name of the call source formatted for display": the same display name as `source`. */
  formatted_tracking_source: string;
  keywords: string | null;
  campaign: string | null;
  landing_page_url: string | null;
  referring_url: string | null;
  referrer_domain: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  gclid: string | null;
  fbclid: string | null;
  msclkid: string | null;
}

/** What a session tracker's call with no session holding the number is called (the v3 reference's example). */
export const UNKNOWN_SOURCE = "Unknown Source";

/**
 * `touch`: the first touch of the session that held the number at the call's start, as the
 * browser sent its URLs, or null. `tracker`: the tracker that owns the number, or null.
 */
export function callAttribution(
  tracker: (TrackerLike & { type?: string }) | null,
  touch: Touch | null,
): CallAttribution {
  const none = {
    keywords: null,
    campaign: null,
    landing_page_url: null,
    referring_url: null,
    referrer_domain: null,
    utm_source: null,
    utm_medium: null,
    utm_campaign: null,
    utm_term: null,
    utm_content: null,
    gclid: null,
    fbclid: null,
    msclkid: null,
  };
  const source_name = tracker ? (typeof tracker.name == "string" && tracker.name) || tracker.id : null;
  if (touch) {
    const c = classifyTouch(touch);
    const u = c.utm;
    const ids = c.click_ids;
    return {
      source: c.display,
      medium: c.medium,
      source_name,
      formatted_tracking_source: c.display,
      keywords: c.keywords,
      campaign: c.campaign,
      landing_page_url: c.landing_page_url || null,
      referring_url: c.referrer,
      referrer_domain: c.referrer_domain,
      utm_source: u.utm_source || null,
      utm_medium: u.utm_medium || null,
      utm_campaign: u.utm_campaign || null,
      utm_term: u.utm_term || null,
      utm_content: u.utm_content || null,
      gclid: ids.gclid || null,
      fbclid: ids.fbclid || null,
      msclkid: ids.msclkid || null,
    };
  }
  if (tracker && tracker.type != "session") {
    const t = trackerAttribution(tracker);
    return { ...none, source: t.display, medium: t.medium, source_name, formatted_tracking_source: t.display };
  }
  return { ...none, source: UNKNOWN_SOURCE, medium: null, source_name, formatted_tracking_source: UNKNOWN_SOURCE };
}
