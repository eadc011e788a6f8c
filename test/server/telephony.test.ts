// @vitest-environment node
// The carrier's webhooks (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier): a
// signed voice request is answered with TwiML that dials the tracker's destination, from memory,
// whatever the store does; the call is stored once per CallSid and attributed; the status
// callback completes it; texts are stored, and forwarded when the tracker has sms_enabled.
import { describe, expect, it } from "vitest";
import { signedTwilioRequest } from "../../server/telephony/signature";
import { AUTH, PUBLIC_URL, S1, TWILIO_TOKEN, company, servers, type TestServer } from "./helpers";

const { make } = servers();

/** A request as the carrier sends it: form-encoded and signed over PUBLIC_URL + path. */
function carrier(s: TestServer, path: string, params: Record<string, string>, token = TWILIO_TOKEN) {
  const r = signedTwilioRequest(PUBLIC_URL + path, params, token);
  return s.req(path, { method: "POST", headers: r.headers, body: r.body });
}
const VOICE = "/v1/telephony/twilio/voice";
const STATUS = "/v1/telephony/twilio/status";
const SMS = "/v1/telephony/twilio/sms";
const ringing = (to: string, sid = "CA" + "1".repeat(32)) => ({
  CallSid: sid,
  AccountSid: "AC" + "0".repeat(32),
  From: "+14045557001",
  To: to,
  CallStatus: "ringing",
  Direction: "inbound",
  CallerCity: "ATLANTA",
  CallerState: "GA",
  CallerCountry: "US",
});

/** A company whose pool rings a destination, records, greets and whispers; its Yelp number takes texts. */
function tracked() {
  const c = company();
  const pool = c.trackers.find((t) => t.id == "POOL")!;
  pool.name = "Ads pool";
  pool.call_flow = {
    type: "basic",
    destination_number: "+15553104554",
    recording_enabled: true,
    greeting_text: "Thanks for calling <Acme> & Sons",
  };
  pool.whisper_message = "Call from [source]";
  const all = c.trackers.find((t) => t.id == "SRC_ALL")!;
  all.sms_enabled = true;
  return c;
}

const calls = async (s: TestServer) => {
  await s.writer.idle();
  const r = await s.req("/v3/a/ACC1/calls.json", { headers: AUTH });
  return (await r.json()).calls as Array<Record<string, unknown>>;
};

describe("voice", () => {
  it("a call to a leased number: TwiML greets, records, whispers and dials the destination; the call is attributed", async () => {
    const s = await make({ companies: [tracked()] });
    const visitor = { referrer: "https://www.google.com/", landing_page_url: "https://site.example/?gclid=G1" };
    const n = (await s.claim(S1, ["POOL"], visitor)).numbers.POOL;
    const r = await carrier(s, VOICE, ringing(n));
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/xml");
    const xml = await r.text();
    expect(xml).toContain("<Say>Thanks for calling &lt;Acme&gt; &amp; Sons</Say>");
    expect(xml).toMatch(/<Dial [^>]*action="https:\/\/numbers.example\/v1\/telephony\/twilio\/status"/);
    expect(xml).toContain('record="record-from-answer-dual"');
    expect(xml).toMatch(
      /<Number url="https:\/\/numbers.example\/v1\/telephony\/twilio\/whisper\?tracker_id=POOL&amp;company_id=COM1"[^>]*>\+15553104554<\/Number>/,
    );
    const [call] = await calls(s);
    expect(call).toMatchObject({
      session_id: S1,
      tracker_id: "POOL",
      source: "Google Ads",
      medium: "cpc",
      gclid: "G1",
      customer_phone_number: "+14045557001",
      customer_city: "Atlanta",
      customer_state: "GA",
      customer_country: "US",
      business_phone_number: "+15553104554",
      answered: null,
      first_call: true,
    });
  });

  it("the whisper says the tracker's name where [source] stands", async () => {
    const s = await make({ companies: [tracked()] });
    const path = "/v1/telephony/twilio/whisper?tracker_id=POOL&company_id=COM1";
    const xml = await (await carrier(s, path, { CallSid: "CA" + "2".repeat(32) })).text();
    expect(xml).toContain("<Say>Call from Ads pool</Say>");
  });

  it("a carrier retry of the same CallSid stores nothing new", async () => {
    const s = await make({ companies: [tracked()] });
    for (let i = 0; i < 3; i++) expect((await carrier(s, VOICE, ringing("+14045559999"))).status).toBe(200);
    expect(await calls(s)).toHaveLength(1);
  });

  it("a number no active tracker owns is rejected, and nothing is stored", async () => {
    const s = await make();
    const xml = await (await carrier(s, VOICE, ringing("+14045550999"))).text();
    expect(xml).toContain("<Reject");
    expect(await calls(s)).toHaveLength(0);
  });

  it.each([
    [
      "no signature",
      (s: TestServer) =>
        s.req(VOICE, { method: "POST", body: new URLSearchParams(ringing("+14045559999")).toString() }),
    ],
    ["a wrong token", (s: TestServer) => carrier(s, VOICE, ringing("+14045559999"), "not-the-token")],
    [
      "a changed parameter",
      (s: TestServer) => {
        const r = signedTwilioRequest(PUBLIC_URL + VOICE, ringing("+14045559999"), TWILIO_TOKEN);
        return s.req(VOICE, { method: "POST", headers: r.headers, body: r.body.replace("ATLANTA", "BOSTON") });
      },
    ],
  ])("%s: 403 and nothing stored", async (_n, send) => {
    const s = await make();
    const r = await send(s);
    expect(r.status).toBe(403);
    expect(await calls(s)).toHaveLength(0);
  });

  it("without TWILIO_AUTH_TOKEN the carrier webhooks answer 403", async () => {
    const s = await make({ twilioToken: null });
    expect((await carrier(s, VOICE, ringing("+14045559999"))).status).toBe(403);
  });

  it("a store that fails while the call arrives: the caller is still connected, and the call is stored once it works", async () => {
    const s = await make({ companies: [tracked()] });
    const store = s.services.store;
    const real = store.addCall;
    let failures = 2;
    store.addCall = (...args) => (failures-- > 0 ? Promise.reject(new Error("disk full")) : real(...args));
    const xml = await (await carrier(s, VOICE, ringing("+14045559999"))).text();
    expect(xml).toContain("<Dial");
    expect(xml).toContain("+15553104554");
    expect(await calls(s)).toHaveLength(1); // idle() waited for the retries
    expect(failures).toBeLessThan(0);
  });

  it("the status callback adds answered and duration; the dial action answer is empty TwiML", async () => {
    const s = await make({ companies: [tracked()] });
    const sid = "CA" + "3".repeat(32);
    await carrier(s, VOICE, ringing("+14045559999", sid));
    const dial = await carrier(s, STATUS, {
      ...ringing("+14045559999", sid),
      DialCallStatus: "completed",
      DialCallDuration: "42",
    });
    expect(await dial.text()).toMatch(/<Response\s*\/>/);
    await carrier(s, STATUS, { ...ringing("+14045559999", sid), CallStatus: "completed", CallDuration: "47" });
    const [call] = await calls(s);
    expect(call).toMatchObject({ answered: true, duration: 47, voicemail: false });
  });

  it("a status callback for a call whose voice request was never stored stores the call", async () => {
    const s = await make({ companies: [tracked()] });
    await carrier(s, STATUS, {
      ...ringing("+14045559999", "CA" + "4".repeat(32)),
      CallStatus: "completed",
      CallDuration: "5",
      DialCallStatus: "no-answer",
    });
    const [call] = await calls(s);
    expect(call).toMatchObject({ tracking_phone_number: "+14045559999", duration: 5 });
  });
});

describe("texts", () => {
  const text = (to: string, body: string, sid = "SM" + "1".repeat(32)) => ({
    MessageSid: sid,
    From: "+14045557001",
    To: to,
    Body: body,
    NumMedia: "0",
  });

  it("a text to an sms_enabled tracker is stored as a conversation and forwarded to the destination", async () => {
    const s = await make({ companies: [tracked()] });
    const xml = await (await carrier(s, SMS, text("+14045559999", "Do you fix <boilers>?"))).text();
    expect(xml).toMatch(/<Message to="\+15553104554">From \+14045557001: Do you fix &lt;boilers&gt;\?<\/Message>/);
    await carrier(s, SMS, text("+14045559999", "Do you fix <boilers>?")); // a carrier retry
    await s.writer.idle();
    const list = await (await s.req("/v3/a/ACC1/text-messages.json", { headers: AUTH })).json();
    expect(list.total_records).toBe(1);
    expect(list.conversations[0]).toMatchObject({
      customer_phone_number: "+14045557001",
      current_tracking_number: "+14045559999",
      recent_messages: [{ direction: "incoming", content: "Do you fix <boilers>?" }],
    });
  });

  it("a text to a tracker without sms_enabled is stored (a lead is never dropped) but not forwarded", async () => {
    const s = await make({ companies: [tracked()] });
    const xml = await (await carrier(s, SMS, text("+14045557777", "hello"))).text();
    expect(xml).not.toContain("<Message");
    await s.writer.idle();
    expect((await (await s.req("/v3/a/ACC1/text-messages.json", { headers: AUTH })).json()).total_records).toBe(1);
  });
});
