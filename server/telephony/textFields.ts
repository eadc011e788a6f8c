// Carrier parameters of an incoming text → one message of a v3 text-message conversation
// (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier). The v3 reference lists texts as
// conversations, one per customer number and company (`customer_phone_number`,
// `current_tracking_number`, `last_message_at`, `recent_messages`); each message is
// `{ direction: "incoming" | "outgoing", content, created_at }`, newer answers adding `type` and
// `media_urls`. The store groups messages into conversations; this only reads one request.
import { e164 } from "../calls";
import { param, sid, webUrl, type CarrierParams } from "./callFields";

export interface TextMessage {
  direction: "incoming";
  content: string;
  /** ISO 8601: the time the request arrived. */
  created_at: string;
  type: "sms" | "mms";
  media_urls: string[];
}

export interface TextArrival {
  message_sid: string;
  /** The tracking number the text was sent to: the conversation's current_tracking_number. */
  tracking_number: string;
  /** E.164, or the sender as given when it is not a phone number (a short code), so it still has a conversation. */
  customer_phone_number: string;
  message: TextMessage;
}

/** Twilio sends at most 10 media with one message. */
const MAX_MEDIA = 10;

/** The messaging request; null when it names no message, no tracking number or no sender. */
export function textArrival(p: CarrierParams, now: number): TextArrival | null {
  const messageSid = sid(param(p, "MessageSid") || param(p, "SmsSid"));
  const to = e164(param(p, "To") || "");
  const from = param(p, "From");
  if (!messageSid || !to || !from || from.length > 32) return null;
  const n = Number(param(p, "NumMedia"));
  const media: string[] = [];
  for (let i = 0; i < (Number.isInteger(n) ? Math.min(n, MAX_MEDIA) : 0); i++) {
    const url = webUrl(param(p, "MediaUrl" + i));
    if (url) media.push(url);
  }
  const raw = p instanceof URLSearchParams ? p.get("Body") : p.Body;
  return {
    message_sid: messageSid,
    tracking_number: to,
    customer_phone_number: e164(from) || from,
    message: {
      direction: "incoming",
      // The body exactly as sent: leading and trailing spaces are part of a text.
      content: typeof raw == "string" ? raw : "",
      created_at: new Date(now).toISOString(),
      type: media.length ? "mms" : "sms",
      media_urls: media,
    },
  };
}
