// "Simulate a call" for the demo (docs/telephony.md#try-it-without-a-carrier): the demo site's
// button posts the number the visitor sees, and this sends the server's own carrier webhooks
// the requests a carrier would, signed with the demo's carrier token: the voice request, the
// dial action and the status callback. So a newcomer watches visit → number → call →
// attributed call → webhook without a carrier account. Demo mode only.
import { Hono } from "hono";
import { randomBytes } from "node:crypto";
import { e164 } from "../calls";
import { fail, jsonBody } from "../http";
import type { Services } from "../services";
import { signedTwilioRequest } from "../telephony/signature";
import { TELEPHONY_PATHS } from "../telephony/urls";

/** The app itself, to send the simulated carrier requests through every check a real one meets. */
export type SelfFetch = (request: Request) => Response | Promise<Response>;

export function demoRoutes(s: Services, self: SelfFetch): Hono {
  const r = new Hono();
  r.post("/demo/simulate-call", async (c) => {
    const body = await jsonBody(c);
    const to = e164(body.tracking_number);
    if (!to) fail(400, "tracking_number must be the phone number shown on the page");
    if (!s.twilioToken) fail(403, "carrier webhooks are off: set TWILIO_AUTH_TOKEN");
    const duration = Number.isInteger(body.duration) && body.duration > 0 && body.duration < 3600 ? body.duration : 42;
    const base = {
      CallSid: "CA" + randomBytes(16).toString("hex"),
      AccountSid: "AC" + "0".repeat(32),
      From: e164(body.from) || "+14045557001",
      To: to!,
      Direction: "inbound",
      CallerCity: "ATLANTA",
      CallerState: "GA",
      CallerCountry: "US",
    };
    const send = async (path: string, params: Record<string, string>) => {
      const req = signedTwilioRequest(s.publicUrl + path, params, s.twilioToken!);
      const res = await self(new Request(req.url, { method: "POST", headers: req.headers, body: req.body }));
      return { status: res.status, twiml: await res.text() };
    };
    const voice = await send(TELEPHONY_PATHS.voice, { ...base, CallStatus: "ringing" });
    if (voice.status != 200 || !voice.twiml.includes("<Dial")) return c.json({ call_sid: base.CallSid, voice }, 200);
    const talk = String(duration - 3);
    await send(TELEPHONY_PATHS.status, {
      ...base,
      CallStatus: "in-progress",
      DialCallStatus: "completed",
      DialCallDuration: talk,
    });
    await send(TELEPHONY_PATHS.status, { ...base, CallStatus: "completed", CallDuration: String(duration) });
    return c.json({ call_sid: base.CallSid, voice }, 200);
  });
  return r;
}
