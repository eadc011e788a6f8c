// Carrier parameters → the fields a stored call needs (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier),
// named as the call object of the v3 reference. Pure: the route passes the parsed form and the clock.
// docs/telephony.md#how-a-call-is-recorded says which request carries what and why each rule is as it is.
import { e164 } from "../calls";

/** The parsed form of a carrier request. */
export type CarrierParams = URLSearchParams | Readonly<Record<string, string | undefined>>;

/** A parameter, trimmed; null when absent or empty. */
export function param(p: CarrierParams, name: string): string | null {
  const v = p instanceof URLSearchParams ? p.get(name) : p[name];
  const t = typeof v == "string" ? v.trim() : "";
  return t ? t : null;
}

/** Call and message ids: Twilio's `CA…`/`SM…`, a compatible carrier's UUID or `v3:…` id. */
const SID = /^[A-Za-z0-9:._-]{1,128}$/;
export const sid = (v: string | null): string | null => (v && SID.test(v) ? v : null);

// What Twilio puts in `From` when the caller withheld the number: ANONYMOUS, RESTRICTED, BLOCKED,
// UNKNOWN and UNAVAILABLE spelled on a keypad. Stored as null, so that withheld callers are not one
// repeat caller.
const WITHHELD = new Set(["+266696687", "+7378742833", "+2562533", "+8656696", "+86282452253"]);

/** The caller's number in E.164, or null when withheld or not a phone number (a SIP or client address). */
export function customerNumber(raw: string | null): string | null {
  if (!raw || WITHHELD.has(raw)) return null;
  return e164(raw);
}

/** Carriers send place names in capitals ("SAN FRANCISCO"); the v3 reference shows "San Francisco". */
export function placeName(raw: string | null): string | null {
  if (!raw || raw != raw.toUpperCase()) return raw;
  return raw.toLowerCase().replace(/(^|[\s\-'.])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

export interface CallArrival {
  call_sid: string;
  tracking_phone_number: string;
  customer_phone_number: string | null;
  direction: "inbound";
  customer_city: string | null;
  customer_state: string | null;
  customer_country: string | null;
  /** ISO 8601: the time the request arrived (the voice request carries no time of its own). */
  start_time: string;
}

/** The voice request (a call arrives); null when it names no call or no tracking number. */
export function callArrival(p: CarrierParams, now: number): CallArrival | null {
  const callSid = sid(param(p, "CallSid"));
  const to = e164(param(p, "To") || "");
  if (!callSid || !to) return null;
  return {
    call_sid: callSid,
    tracking_phone_number: to,
    customer_phone_number: customerNumber(param(p, "From")),
    direction: "inbound",
    customer_city: placeName(param(p, "CallerCity") || param(p, "FromCity")),
    customer_state: param(p, "CallerState") || param(p, "FromState"),
    customer_country: param(p, "CallerCountry") || param(p, "FromCountry"),
    start_time: new Date(now).toISOString(),
  };
}

export interface CallProgress {
  call_sid: string;
  /** Which request this is: the <Dial action>, the number's status callback, or the recording status callback. */
  source: "dial" | "status" | "recording";
  /** Present only when this request tells. */
  answered?: boolean;
  voicemail?: boolean;
  /** Seconds. */
  duration?: number;
  recording?: string | null;
  recording_duration?: number | null;
  /** This request says the call is over. */
  completed: boolean;
}

const ENDED = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);
const NOT_CONNECTED = new Set(["busy", "failed", "no-answer", "canceled"]);

const seconds = (v: string | null): number | undefined => (v && /^\d{1,7}$/.test(v) ? Number(v) : undefined);
/** An http(s) URL, else null: a recording or media link the dashboard may render. */
export const webUrl = (v: string | null): string | null =>
  v && /^https?:\/\/[^\s]+$/i.test(v) && v.length <= 2048 ? v : null;

/**
 * A status callback, <Dial action> or recording status callback → what it adds to the call.
 * Voicemail: only an answering machine reported by the carrier (`AnsweredBy` machine_…, present
 * only when answering machine detection ran, which voiceAnswer does not ask for); a call the
 * business's own voicemail picks up is otherwise indistinguishable from an answer, and counts as one.
 */
export function callProgress(p: CarrierParams): CallProgress | null {
  const callSid = sid(param(p, "CallSid"));
  if (!callSid) return null;
  const dial = param(p, "DialCallStatus");
  const status = param(p, "CallStatus");
  const recordingStatus = param(p, "RecordingStatus");
  const machine = /^machine/.test(param(p, "AnsweredBy") || "");
  const out: CallProgress = {
    call_sid: callSid,
    source: dial ? "dial" : recordingStatus ? "recording" : "status",
    completed: false,
  };
  if (dial) {
    const picked = dial == "completed" || dial == "answered";
    out.answered = picked && !machine;
    out.voicemail = picked && machine;
    out.duration = seconds(param(p, "DialCallDuration")) ?? 0;
    // Our answer to the action is an empty <Response/>, which ends the call.
    out.completed = true;
  }
  if (status && out.source == "status") {
    if (ENDED.has(status)) out.completed = true;
    if (NOT_CONNECTED.has(status)) out.answered = false;
    if (machine) {
      out.voicemail = true;
      out.answered = false;
    }
  }
  // The whole call's length, once the call is over, wins over the business's talk time.
  const whole = seconds(param(p, "CallDuration"));
  if (whole !== undefined && out.source != "recording") out.duration = whole;
  const recordingUrl = webUrl(param(p, "RecordingUrl"));
  if (recordingStatus == "absent" || recordingStatus == "failed") {
    out.recording = null;
    out.recording_duration = null;
  } else if (recordingUrl && (!recordingStatus || recordingStatus == "completed")) {
    out.recording = recordingUrl;
    out.recording_duration = seconds(param(p, "RecordingDuration")) ?? null;
  }
  return out;
}
