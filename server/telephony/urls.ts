// The carrier-facing URLs (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier), all under
// PUBLIC_URL. The operator configures voice, status and sms at the carrier; the server itself puts the
// status URL in <Dial action> and the whisper URL in <Number url>. The carrier signs every request to
// them, query included, so the tracker id in the whisper URL cannot be forged.
import { carrierUrl } from "./signature";

export const TELEPHONY_PATHS = {
  voice: "/v1/telephony/twilio/voice",
  status: "/v1/telephony/twilio/status",
  sms: "/v1/telephony/twilio/sms",
  whisper: "/v1/telephony/twilio/whisper",
} as const;

export function telephonyUrls(publicUrl: string) {
  return {
    voice: carrierUrl(publicUrl, TELEPHONY_PATHS.voice),
    status: carrierUrl(publicUrl, TELEPHONY_PATHS.status),
    sms: carrierUrl(publicUrl, TELEPHONY_PATHS.sms),
    /** The TwiML played to the business before it is connected: the tracker is in the query. */
    whisper: (trackerId: string) =>
      carrierUrl(publicUrl, TELEPHONY_PATHS.whisper + "?tracker_id=" + encodeURIComponent(trackerId)),
  };
}
