// Call attribution (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier): a call to a
// tracking number is tied to the session that held the number at the call's start time, else
// to the tracker that owns the number. What the call is named comes from the server's own
// classification of the session's first-touch URLs (server/reports), never from what the
// browser named it (docs/attribution.md#one-name-everywhere). Pure: the store finds the holder.
import type { Company, TrackerRecord } from "./companies";
import { callAttribution, formatPhone } from "./reports";
import { toE164 } from "../src/swap/phone";
import type { CallRecord, Visitor } from "./store/rows";

export interface CallInput {
  tracking_number: string;
  /** Null when the caller withheld the number. */
  customer_phone_number: string | null;
  start_time: number;
  /** The carrier's id of the call: a carrier retry with the same id stores nothing new. */
  call_sid?: string | null;
  customer_city?: string | null;
  customer_state?: string | null;
  customer_country?: string | null;
}

/**
 * "+1 (404) 555-1111", "4045551111", "14045551111" → "+14045551111"; "+44 20 7123 4567" →
 * "+442071234567"; null when not a number that can ring ("0000000000", "+10000000000",
 * "555-1111"). The bundle's own normaliser (src/swap/phone.ts toE164), so both read a number alike.
 */
export function e164(raw: unknown): string | null {
  return typeof raw == "string" && raw.length <= 32 ? toE164(raw) : null;
}

/** The tracker of the company that owns `number`: a source tracker's number or a pool number. */
export function trackerOf(c: Company, number: string): TrackerRecord | undefined {
  return (
    c.trackers.find((t) => (t.tracking_numbers || []).includes(number)) ||
    c.trackers.find((t) => t.fallback_number == number)
  );
}

/** Where a tracker's calls ring. */
export function destinationOf(t: TrackerRecord): string | null {
  return t.call_flow?.destination_number || t.destination_number || null;
}

/**
 * The call record (CallRail API v3 "Calls" fields) before it has an id: from the session that
 * held the number (`held`, with its `visitor`), else from the owning tracker's rule.
 */
export function buildCall(
  c: Company,
  input: CallInput,
  held: { tracker_id: string; session_id: string } | undefined,
  visitor: Visitor | null,
  now: number,
): CallRecord {
  const tracker =
    (held && c.trackers.find((t) => t.id == held.tracker_id)) || trackerOf(c, input.tracking_number) || null;
  const touch =
    held && visitor ? { referrer: visitor.referrer ?? null, landing: visitor.landing_page_url ?? null } : null;
  const a = callAttribution(tracker, touch);
  const business = tracker ? destinationOf(tracker) : null;
  return {
    id: 0,
    company_id: c.id,
    tracker_id: tracker ? tracker.id : null,
    session_id: held ? held.session_id : null,
    direction: "inbound",
    answered: null,
    duration: null,
    recording: null,
    recording_duration: null,
    voicemail: false,
    business_phone_number: business,
    formatted_business_phone_number: business ? formatPhone(business) : null,
    tracking_phone_number: input.tracking_number,
    formatted_tracking_phone_number: formatPhone(input.tracking_number),
    customer_phone_number: input.customer_phone_number,
    formatted_customer_phone_number: input.customer_phone_number ? formatPhone(input.customer_phone_number) : null,
    customer_city: input.customer_city ?? null,
    customer_state: input.customer_state ?? null,
    customer_country: input.customer_country ?? null,
    start_time: new Date(input.start_time).toISOString(),
    ...a,
    ga: (held && visitor?.cookies && visitor.cookies._ga) || null,
    first_call: true,
    note: null,
    tags: [],
    value: null,
    lead_status: null,
    spam: false,
    created_at: new Date(now).toISOString(),
  };
}
