// Call attribution (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier): a call to a
// tracking number is tied to the session that held the number at the call's start time, else
// to the source tracker that owns the number. Pure: the store finds the holder and visitor.
import type { Company, TrackerRecord } from "./companies";
import type { CallRecord, Visitor } from "./store/rows";

export interface CallInput {
  tracking_number: string;
  customer_phone_number: string;
  start_time: number;
}

/**
 * North American numbers (NANP): the area code and the exchange start with 2-9
 * (https://nationalnanpa.com/number_resource_info/). `+1` numbers are NANP numbers.
 */
const NANP = /^[2-9]\d\d[2-9]\d{6}$/;
/** E.164 outside North America: a country code starting with 2-9, 7 to 15 digits in all (ITU-T E.164). */
const WORLD = /^\+[2-9]\d{6,14}$/;

/**
 * "+1 (404) 555-1111", "4045551111", "14045551111" → "+14045551111"; "+44 20 7123 4567" →
 * "+442071234567"; null when not a valid number ("0000000000", "+10000000000", "555-1111").
 */
export function e164(raw: unknown): string | null {
  if (typeof raw != "string" || raw.length > 32) return null;
  const s = raw.replace(/[\s().-]/g, "");
  const national = /^(?:\+?1)?(\d{10})$/.exec(s);
  if (national) return NANP.test(national[1]) ? "+1" + national[1] : null;
  return WORLD.test(s) ? s : null;
}

/** Source and medium a source tracker's rule stands for (Source Tracker Call Sources). */
function trackerSource(t: TrackerRecord): { source: string; medium: string | null } {
  const s = (t.source || {}) as Record<string, string | undefined>;
  const name = t.name || t.id;
  switch (s.type) {
    case "search":
      if (!s.search_engine || s.search_engine == "all") return { source: name, medium: null };
      return {
        source: s.search_engine,
        medium: s.search_type == "paid" ? "cpc" : s.search_type == "organic" ? "organic" : null,
      };
    case "direct":
      return { source: "direct", medium: "direct" };
    case "web_referrer":
      return { source: s.referrer || name, medium: "referral" };
    case "offline":
      return { source: name, medium: "offline" };
    default:
      return { source: name, medium: null };
  }
}

/** The source tracker of the company that shows `number`, if any. */
export function sourceTrackerOf(c: Company, number: string): TrackerRecord | undefined {
  return c.trackers.find((t) => t.type == "source" && (t.tracking_numbers || []).includes(number));
}

/**
 * The call record (CallRail API v3 "Calls" fields) before it has an id: from the session that
 * held the number (`held`, with its `visitor`), else from the owning source tracker's rule.
 */
export function buildCall(
  c: Company,
  input: CallInput,
  held: { tracker_id: string; session_id: string } | undefined,
  visitor: Visitor | null,
  now: number,
): CallRecord {
  const owner = held ? undefined : sourceTrackerOf(c, input.tracking_number);
  const fromTracker = owner ? trackerSource(owner) : null;
  const v: Visitor = (held && visitor) || {};
  const utm = v.utm || {};
  const ids = v.click_ids || {};
  return {
    id: 0,
    company_id: c.id,
    tracker_id: held ? held.tracker_id : owner ? owner.id : null,
    session_id: held ? held.session_id : null,
    direction: "inbound",
    tracking_phone_number: input.tracking_number,
    customer_phone_number: input.customer_phone_number,
    start_time: new Date(input.start_time).toISOString(),
    source: fromTracker ? fromTracker.source : (v.source ?? null),
    medium: fromTracker ? fromTracker.medium : (v.medium ?? null),
    keywords: v.keywords ?? null,
    campaign: v.campaign ?? null,
    landing_page_url: v.landing_page_url ?? null,
    referring_url: v.referrer ?? null,
    referrer_domain: v.referrer_domain ?? null,
    utm_source: utm.utm_source ?? null,
    utm_medium: utm.utm_medium ?? null,
    utm_campaign: utm.utm_campaign ?? null,
    utm_term: utm.utm_term ?? null,
    utm_content: utm.utm_content ?? null,
    gclid: ids.gclid ?? null,
    fbclid: ids.fbclid ?? null,
    msclkid: ids.msclkid ?? null,
    ga: (v.cookies && v.cookies._ga) ?? null,
    first_call: true,
    created_at: new Date(now).toISOString(),
  };
}
