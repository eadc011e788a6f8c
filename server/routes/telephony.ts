// The carrier's webhooks (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier,
// docs/telephony.md): voice, status, sms and whisper under /v1/telephony/twilio/. Every
// request must carry a valid X-Twilio-Signature over PUBLIC_URL + path + query and the posted
// parameters (403 and nothing stored otherwise). The answer is TwiML built from the in-memory
// number → tracker map alone, within a second, never a 5xx: a 5xx makes the carrier play an
// error to the caller. What the request tells is stored afterwards by the writer.
import { Hono, type Context, type Next } from "hono";
import { destinationOf } from "../calls";
import type { Route } from "../companyMap";
import { fail, formBody } from "../http";
import type { Services } from "../services";
import { callArrival, callProgress, type CallArrival } from "../telephony/callFields";
import { SIGNATURE_HEADER, carrierUrl, checkTwilioSignature } from "../telephony/signature";
import { textArrival } from "../telephony/textFields";
import {
  TWIML_CONTENT_TYPE,
  emptyAnswer,
  rejectAnswer,
  smsForwardAnswer,
  voiceAnswer,
  whisperAnswer,
  whisperText,
} from "../telephony/twiml";
import { TELEPHONY_PATHS, telephonyUrls } from "../telephony/urls";
import type { Writer } from "../telephony/writer";

type Env = { Variables: { params: URLSearchParams } };

const twiml = (c: Context, xml: string) => c.body(xml, 200, { "Content-Type": TWIML_CONTENT_TYPE });

/** The voice answer for a route: greeting, recording and whisper as the tracker says. */
export function answerFor(route: Route, publicUrl: string): string {
  const { tracker, company } = route;
  const destination = destinationOf(tracker);
  if (!destination) return rejectAnswer();
  const urls = telephonyUrls(publicUrl);
  return voiceAnswer({
    destination,
    statusUrl: urls.status,
    whisperUrl: tracker.whisper_message
      ? urls.whisper(tracker.id) + "&company_id=" + encodeURIComponent(company.id)
      : null,
    greeting: tracker.call_flow?.greeting_text ?? null,
    record: !!tracker.call_flow?.recording_enabled,
  });
}

export function telephonyRoutes(s: Services, writer: Writer): Hono<Env> {
  const r = new Hono<Env>();

  // The carrier's signature, over the URL it called (PUBLIC_URL + path + query) and its form.
  r.use("/*", async (c: Context<Env>, next: Next) => {
    if (!s.twilioToken) fail(403, "carrier webhooks are off: set TWILIO_AUTH_TOKEN");
    const params = await formBody(c);
    const u = new URL(c.req.url);
    const url = carrierUrl(s.publicUrl, u.pathname + u.search);
    if (!checkTwilioSignature(s.twilioToken!, c.req.header(SIGNATURE_HEADER) || "", url, params))
      fail(403, "missing or wrong X-Twilio-Signature (check TWILIO_AUTH_TOKEN and PUBLIC_URL)");
    c.set("params", params);
    await next();
  });

  const call = (route: Route, arrival: CallArrival) => ({
    tracking_number: arrival.tracking_phone_number,
    customer_phone_number: arrival.customer_phone_number,
    start_time: Date.parse(arrival.start_time),
    call_sid: arrival.call_sid,
    customer_city: arrival.customer_city,
    customer_state: arrival.customer_state,
    customer_country: arrival.customer_country,
    company: route.company,
  });

  r.post("/voice", (c) => {
    let route: Route | undefined;
    try {
      const arrival = callArrival(c.get("params"), s.now());
      route = arrival ? s.companies.route(arrival.tracking_phone_number) : undefined;
      if (!arrival || !route) return twiml(c, rejectAnswer());
      const { company, ...input } = call(route, arrival);
      writer.write(arrival.call_sid, () => s.store.addCall(company, input, s.now(), "pre_call_webhook"));
      return twiml(c, answerFor(route, s.publicUrl));
    } catch (e) {
      // A bug must not cost the caller the call: connect them if we know where to.
      console.error("[calltrk] voice webhook: " + String((e as Error)?.message || e).split("\n")[0]);
      return twiml(c, route ? answerFor(route, s.publicUrl) : rejectAnswer());
    }
  });

  r.post("/status", (c) => {
    const params = c.get("params");
    const progress = callProgress(params);
    const arrival = callArrival(params, s.now());
    const route = arrival ? s.companies.route(arrival.tracking_phone_number) : undefined;
    if (progress) {
      const companies = (id: string) => s.companies.get(id);
      writer.write(progress.call_sid, async () => {
        const now = s.now();
        if (await s.store.callProgress(companies, progress, now)) return;
        // The voice request was never stored (this process started after it): the status
        // callback names the call too, so it is stored from here.
        if (!arrival || !route) return;
        const { company, ...input } = call(route, arrival);
        await s.store.addCall(company, input, now, "pre_call_webhook");
        await s.store.callProgress(companies, progress, now);
      });
    }
    return twiml(c, emptyAnswer());
  });

  r.post("/sms", (c) => {
    const text = textArrival(c.get("params"), s.now());
    const route = text ? s.companies.route(text.tracking_number) : undefined;
    if (!text || !route) return twiml(c, emptyAnswer());
    // A text that reached a tracking number is a lead: kept even when the tracker does not take
    // texts (sms_enabled off), which only means it is not forwarded.
    writer.write(text.message_sid, () => s.store.addText(route.company, route.tracker.id, text, s.now()));
    if (!route.tracker.sms_enabled) return twiml(c, emptyAnswer());
    const destination = destinationOf(route.tracker);
    // The business texting its own tracking number must not get its text back.
    if (!destination || destination == text.customer_phone_number) return twiml(c, emptyAnswer());
    return twiml(
      c,
      smsForwardAnswer({
        destination,
        customer: text.customer_phone_number,
        body: text.message.content,
        mediaUrls: text.message.media_urls,
      }),
    );
  });

  r.post("/whisper", (c) => {
    const company = s.companies.get(c.req.query("company_id") || "");
    const tracker = company?.trackers.find((t) => t.id == c.req.query("tracker_id"));
    if (!tracker) return twiml(c, emptyAnswer());
    return twiml(c, whisperAnswer(whisperText(tracker.whisper_message, tracker.name || tracker.id)));
  });

  return r;
}

export const TELEPHONY_PREFIX = TELEPHONY_PATHS.voice.slice(0, TELEPHONY_PATHS.voice.lastIndexOf("/"));
