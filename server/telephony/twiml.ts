// The TwiML the server answers the carrier with (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier;
// docs/telephony.md#what-the-server-answers explains each attribute). Every value goes through xml.ts, so a
// tracker name, greeting or text body can never add a verb.
import { webUrl } from "./callFields";
import { el, text, xmlChars, xmlDocument, type XmlNode } from "./xml";

/** The Content-Type of every TwiML answer. */
export const TWIML_CONTENT_TYPE = "text/xml; charset=utf-8";

/** Seconds the business's phone rings before the dial ends as `no-answer` (Twilio's own default). */
export const DIAL_TIMEOUT = 30;

/** Twilio's limit on a message body, in characters. */
export const MESSAGE_MAX = 1600;

export interface VoiceRoute {
  /** The number the call is connected to (the tracker's call_flow.destination_number), E.164. */
  destination: string;
  /** <Dial action> and the recording status callback: the status URL. */
  statusUrl: string;
  /** The whisper URL for this tracker (urls.ts), or null for no whisper. */
  whisperUrl?: string | null;
  /** call_flow.greeting_text, said to the caller before dialing. */
  greeting?: string | null;
  /** call_flow.recording_enabled. */
  record?: boolean;
  /** Ring time in seconds (default DIAL_TIMEOUT). */
  timeout?: number;
}

const response = (...verbs: XmlNode[]) => xmlDocument(el("Response", {}, ...verbs));
/** Nothing to say: absent, or nothing but white space and characters XML cannot carry. */
const blank = (s: string) => !xmlChars(s).trim();

/**
 * Greeting (when set), then <Dial> the destination. No callerId attribute: Twilio then shows the
 * caller's own number to the business. answerOnBridge keeps the caller hearing ringback until the
 * business answers (also while the whisper plays to it). Recording starts when the business answers,
 * one channel per party.
 */
export function voiceAnswer(r: VoiceRoute): string {
  const verbs: XmlNode[] = [];
  const greeting = r.greeting || "";
  if (!blank(greeting)) verbs.push(el("Say", {}, text(greeting)));
  const dial = el(
    "Dial",
    {
      action: r.statusUrl,
      method: "POST",
      timeout: r.timeout ?? DIAL_TIMEOUT,
      answerOnBridge: true,
      record: r.record ? "record-from-answer-dual" : null,
      recordingStatusCallback: r.record ? r.statusUrl : null,
      recordingStatusCallbackMethod: r.record ? "POST" : null,
      recordingStatusCallbackEvent: r.record ? "completed absent" : null,
    },
    el("Number", r.whisperUrl ? { url: r.whisperUrl, method: "POST" } : {}, text(r.destination)),
  );
  verbs.push(dial);
  return response(...verbs);
}

/** A tracker's whisper_message with every `[source]` replaced by the tracker's name. */
export function whisperText(whisperMessage: string | null | undefined, trackerName: string): string {
  return (whisperMessage || "").replace(/\[source\]/gi, () => trackerName);
}

/** What the business hears on answering, before it is connected; an empty message plays nothing. */
export function whisperAnswer(message: string | null | undefined): string {
  return blank(message || "") ? emptyAnswer() : response(el("Say", {}, text(message!)));
}

/** A number that belongs to no active tracker: the caller hears that it is not in service, at no charge. */
export function rejectAnswer(): string {
  return response(el("Reject", { reason: "rejected" }));
}

/** The answer to status callbacks and <Dial action>: nothing more to do, the call ends. */
export function emptyAnswer(): string {
  return response();
}

export interface TextForward {
  /** The tracker's destination number. */
  destination: string;
  /** Who sent the text: E.164, or null when unknown. */
  customer: string | null;
  body: string;
  /** Media of an MMS, forwarded as <Media> (http and https URLs only, at most 10). */
  mediaUrls?: readonly string[];
}

/** First `max` characters of `s` (code points, so an emoji is never cut in half), "…" when cut. */
function clip(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : chars.slice(0, max - 1).join("") + "…";
}

/**
 * Forwards a text to the business, from the tracking number that received it (Twilio's default
 * `from`), the body prefixed with the sender so the business can see whose text it is.
 */
export function smsForwardAnswer(f: TextForward): string {
  const prefix = `From ${f.customer || "an unknown number"}: `;
  const body = prefix + clip(f.body, MESSAGE_MAX - Array.from(prefix).length);
  const media = (f.mediaUrls || []).filter((u) => webUrl(u)).slice(0, 10);
  const message = media.length
    ? el("Message", { to: f.destination }, el("Body", {}, text(body)), ...media.map((u) => el("Media", {}, text(u))))
    : el("Message", { to: f.destination }, text(body));
  return response(message);
}
