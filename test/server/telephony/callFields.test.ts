// @vitest-environment node
// Carrier parameters → call and text fields (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier),
// with parameter sets shaped as Twilio sends them (names and values from Twilio's voice and messaging
// webhook references).
import { describe, expect, it } from "vitest";
import { callArrival, callProgress, customerNumber, placeName } from "../../../server/telephony/callFields";
import { textArrival } from "../../../server/telephony/textFields";

const NOW = Date.parse("2026-11-22T10:00:00.000Z");
const ACCOUNT = "AC0123456789abcdef0123456789abcdef";
const CALL_SID = "CA5f3b2a1c0d9e8f7a6b5c4d3e2f1a0b9c";

/** The voice request for a call from San Francisco to an Atlanta tracking number. */
const VOICE = {
  AccountSid: ACCOUNT,
  ApiVersion: "2010-04-01",
  CallSid: CALL_SID,
  CallStatus: "ringing",
  CallToken: "%7B%22parentCallInfoToken%22%3A%22eyJ%22%7D",
  Called: "+14045559999",
  CalledCity: "ATLANTA",
  CalledCountry: "US",
  CalledState: "GA",
  CalledZip: "30301",
  Caller: "+14158675310",
  CallerCity: "SAN FRANCISCO",
  CallerCountry: "US",
  CallerState: "CA",
  CallerZip: "94105",
  Direction: "inbound",
  From: "+14158675310",
  FromCity: "SAN FRANCISCO",
  FromCountry: "US",
  FromState: "CA",
  FromZip: "94105",
  To: "+14045559999",
  ToCity: "ATLANTA",
  ToCountry: "US",
  ToState: "GA",
  ToZip: "30301",
};

describe("callArrival: the voice request", () => {
  it("gives the call's fields", () => {
    expect(callArrival(VOICE, NOW)).toEqual({
      call_sid: CALL_SID,
      tracking_phone_number: "+14045559999",
      customer_phone_number: "+14158675310",
      direction: "inbound",
      customer_city: "San Francisco",
      customer_state: "CA",
      customer_country: "US",
      start_time: "2026-11-22T10:00:00.000Z",
    });
  });

  it("reads a URLSearchParams form the same way", () => {
    expect(callArrival(new URLSearchParams(VOICE), NOW)).toEqual(callArrival(VOICE, NOW));
  });

  it("falls back to From… place fields, and leaves unknown places null", () => {
    const { CallerCity: _c, CallerState: _s, CallerCountry: _k, ...rest } = VOICE;
    expect(callArrival({ ...rest, FromCity: "LONDON", FromState: "", FromCountry: "GB" }, NOW)).toMatchObject({
      customer_city: "London",
      customer_state: null,
      customer_country: "GB",
    });
    const { FromCity: _fc, FromState: _fs, FromCountry: _fk, ...none } = rest;
    expect(callArrival(none, NOW)).toMatchObject({ customer_city: null, customer_state: null, customer_country: null });
  });

  it.each([
    ["a national tracking number", { To: "4045559999" }, { tracking_phone_number: "+14045559999" }],
    ["an international caller", { From: "+447700900123" }, { customer_phone_number: "+447700900123" }],
    ["a withheld number (ANONYMOUS)", { From: "+266696687" }, { customer_phone_number: null }],
    ["a withheld number (RESTRICTED)", { From: "+7378742833" }, { customer_phone_number: null }],
    ["a withheld number (UNAVAILABLE)", { From: "+86282452253" }, { customer_phone_number: null }],
    ["a caller named anonymous", { From: "anonymous" }, { customer_phone_number: null }],
    ["a SIP caller", { From: "sip:alice@example.com" }, { customer_phone_number: null }],
    ["no From at all", { From: "" }, { customer_phone_number: null }],
  ])("%s", (_, change, expected) => {
    expect(callArrival({ ...VOICE, ...change }, NOW)).toMatchObject(expected);
  });

  it.each([
    ["no CallSid", { CallSid: "" }],
    ["a CallSid with markup", { CallSid: "CA<script>" }],
    ["no To", { To: "" }],
    ["a To that is no number", { To: "client:support" }],
  ])("is null with %s", (_, change) => {
    expect(callArrival({ ...VOICE, ...change }, NOW)).toBeNull();
  });

  it("accepts a compatible carrier's call ids", () => {
    for (const id of [
      "v3:9X2vxPDFY2RHSJ1EdMS0RHRksMTg7ldNxdjWbVr9zBjbGjGsSe-aiQ",
      "b3877c40-da60-4998-90ad-b792e98472pa",
    ]) {
      expect(callArrival({ ...VOICE, CallSid: id }, NOW)?.call_sid).toBe(id);
    }
  });
});

describe("customerNumber and placeName", () => {
  it.each([
    ["+14158675310", "+14158675310"],
    ["(415) 867-5310", "+14158675310"],
    ["+2562533", null],
    ["+8656696", null],
    ["Restricted", null],
    [null, null],
  ])("customerNumber(%j) = %j", (raw, expected) => {
    expect(customerNumber(raw)).toBe(expected);
  });

  it.each([
    ["SAN FRANCISCO", "San Francisco"],
    ["ST. LOUIS", "St. Louis"],
    ["WINSTON-SALEM", "Winston-Salem"],
    ["O'FALLON", "O'Fallon"],
    ["MÜNCHEN", "München"],
    ["Montréal", "Montréal"],
    ["McAllen", "McAllen"],
    [null, null],
  ])("placeName(%j) = %j", (raw, expected) => {
    expect(placeName(raw)).toBe(expected);
  });
});

/** The <Dial action> request: the caller's call, plus what happened to the dial. */
const dialAction = (extra: Record<string, string>) => ({
  AccountSid: ACCOUNT,
  ApiVersion: "2010-04-01",
  CallSid: CALL_SID,
  CallStatus: "in-progress",
  Direction: "inbound",
  From: "+14158675310",
  To: "+14045559999",
  DialCallSid: "CAaa0000000000000000000000000000bb",
  ...extra,
});

/** The number's status callback at the end of the call. */
const statusCallback = (extra: Record<string, string>) => ({
  AccountSid: ACCOUNT,
  ApiVersion: "2010-04-01",
  CallSid: CALL_SID,
  CallbackSource: "call-progress-events",
  Direction: "inbound",
  From: "+14158675310",
  To: "+14045559999",
  SequenceNumber: "0",
  Timestamp: "Sun, 22 Nov 2026 10:01:02 +0000",
  ...extra,
});

/** The recording status callback of a <Dial record> recording. */
const recordingCallback = (extra: Record<string, string>) => ({
  AccountSid: ACCOUNT,
  CallSid: CALL_SID,
  RecordingSid: "RE0123456789abcdef0123456789abcdef",
  RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Recordings/RE0123456789abcdef0123456789abcdef`,
  RecordingChannels: "2",
  RecordingSource: "DialVerb",
  RecordingStartTime: "Sun, 22 Nov 2026 10:00:08 +0000",
  RecordingTrack: "both",
  ...extra,
});

const RECORDING = recordingCallback({}).RecordingUrl;

describe("callProgress: what each callback adds to the call", () => {
  it.each([
    [
      "the business answered and talked 42 s",
      dialAction({ DialCallStatus: "completed", DialCallDuration: "42", DialBridged: "true" }),
      { source: "dial", answered: true, voicemail: false, duration: 42, completed: true },
    ],
    [
      "answered and recorded",
      dialAction({
        DialCallStatus: "completed",
        DialCallDuration: "42",
        RecordingUrl: RECORDING,
        RecordingSid: "RE0123456789abcdef0123456789abcdef",
        RecordingDuration: "40",
      }),
      {
        source: "dial",
        answered: true,
        voicemail: false,
        duration: 42,
        recording: RECORDING,
        recording_duration: 40,
        completed: true,
      },
    ],
    [
      "the business did not answer",
      dialAction({ DialCallStatus: "no-answer", DialBridged: "false" }),
      { source: "dial", answered: false, voicemail: false, duration: 0, completed: true },
    ],
    [
      "the business was busy",
      dialAction({ DialCallStatus: "busy", DialCallDuration: "0" }),
      { source: "dial", answered: false, voicemail: false, duration: 0, completed: true },
    ],
    [
      "the dial failed",
      dialAction({ DialCallStatus: "failed" }),
      { source: "dial", answered: false, voicemail: false, duration: 0, completed: true },
    ],
    [
      "the caller hung up while it rang",
      dialAction({ DialCallStatus: "canceled" }),
      { source: "dial", answered: false, voicemail: false, duration: 0, completed: true },
    ],
    [
      "an answering machine picked up (machine detection on)",
      dialAction({ DialCallStatus: "completed", DialCallDuration: "25", AnsweredBy: "machine_end_beep" }),
      { source: "dial", answered: false, voicemail: true, duration: 25, completed: true },
    ],
    [
      "a person picked up (machine detection on)",
      dialAction({ DialCallStatus: "completed", DialCallDuration: "25", AnsweredBy: "human" }),
      { source: "dial", answered: true, voicemail: false, duration: 25, completed: true },
    ],
    [
      "the call ended after 57 s",
      statusCallback({ CallStatus: "completed", CallDuration: "57" }),
      { source: "status", duration: 57, completed: true },
    ],
    [
      "the call ended busy",
      statusCallback({ CallStatus: "busy", CallDuration: "0" }),
      { source: "status", answered: false, duration: 0, completed: true },
    ],
    ["no answer", statusCallback({ CallStatus: "no-answer" }), { source: "status", answered: false, completed: true }],
    ["canceled", statusCallback({ CallStatus: "canceled" }), { source: "status", answered: false, completed: true }],
    ["failed", statusCallback({ CallStatus: "failed" }), { source: "status", answered: false, completed: true }],
    ["still ringing", statusCallback({ CallStatus: "ringing" }), { source: "status", completed: false }],
    ["in progress", statusCallback({ CallStatus: "in-progress" }), { source: "status", completed: false }],
    [
      "the recording is ready",
      recordingCallback({ RecordingStatus: "completed", RecordingDuration: "35" }),
      { source: "recording", recording: RECORDING, recording_duration: 35, completed: false },
    ],
    [
      "there is no recording",
      recordingCallback({ RecordingStatus: "absent", RecordingDuration: "0" }),
      { source: "recording", recording: null, recording_duration: null, completed: false },
    ],
    [
      "the recording failed",
      recordingCallback({ RecordingStatus: "failed" }),
      { source: "recording", recording: null, recording_duration: null, completed: false },
    ],
    [
      "a recording URL that is not a web URL",
      recordingCallback({ RecordingStatus: "completed", RecordingUrl: "javascript:alert(1)", RecordingDuration: "3" }),
      { source: "recording", completed: false },
    ],
  ])("%s", (_, params, expected) => {
    expect(callProgress(params)).toEqual({ call_sid: CALL_SID, ...expected });
  });

  it.each(["-5", "1e3", "4.5", "forty", "99999999"])("ignores a duration of %j", (d) => {
    expect(callProgress(dialAction({ DialCallStatus: "completed", DialCallDuration: d }))?.duration).toBe(0);
    expect(callProgress(statusCallback({ CallStatus: "completed", CallDuration: d }))?.duration).toBeUndefined();
  });

  it("is null without a CallSid", () => {
    expect(callProgress(dialAction({ CallSid: "", DialCallStatus: "completed" }))).toBeNull();
  });
});

/** An incoming text, as Twilio's messaging webhook sends it. */
const SMS = {
  ToCountry: "US",
  ToState: "GA",
  SmsMessageSid: "SM0123456789abcdef0123456789abcdef",
  NumMedia: "0",
  ToCity: "ATLANTA",
  FromZip: "94105",
  SmsSid: "SM0123456789abcdef0123456789abcdef",
  FromState: "CA",
  SmsStatus: "received",
  FromCity: "SAN FRANCISCO",
  Body: "  Do you open on Sundays? 👋 ",
  FromCountry: "US",
  To: "+14045559999",
  ToZip: "30301",
  NumSegments: "1",
  MessageSid: "SM0123456789abcdef0123456789abcdef",
  AccountSid: ACCOUNT,
  From: "+14158675310",
  ApiVersion: "2010-04-01",
};

describe("textArrival: an incoming text", () => {
  it("gives one incoming message of the customer's conversation, the body exactly as sent", () => {
    expect(textArrival(SMS, NOW)).toEqual({
      message_sid: "SM0123456789abcdef0123456789abcdef",
      tracking_number: "+14045559999",
      customer_phone_number: "+14158675310",
      message: {
        direction: "incoming",
        content: "  Do you open on Sundays? 👋 ",
        created_at: "2026-11-22T10:00:00.000Z",
        type: "sms",
        media_urls: [],
      },
    });
  });

  it("lists the media of an MMS (web URLs only)", () => {
    const mms = {
      ...SMS,
      Body: "",
      NumMedia: "3",
      MediaUrl0: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Messages/MM1/Media/ME1`,
      MediaContentType0: "image/jpeg",
      MediaUrl1: "data:text/html,<script>alert(1)</script>",
      MediaContentType1: "text/html",
      MediaUrl2: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Messages/MM1/Media/ME2`,
      MediaContentType2: "image/png",
    };
    expect(textArrival(mms, NOW)?.message).toMatchObject({
      type: "mms",
      content: "",
      media_urls: [mms.MediaUrl0, mms.MediaUrl2],
    });
  });

  it.each([
    ["no count", { NumMedia: "" }, 0],
    ["a bad count", { NumMedia: "abc" }, 0],
    ["a negative count", { NumMedia: "-1" }, 0],
    ["more than Twilio's 10", { NumMedia: "99" }, 10],
  ])("reads at most the media there are: %s", (_, change, expected) => {
    const media = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`MediaUrl${i}`, `https://m.example/${i}`]));
    expect(textArrival({ ...SMS, ...media, ...change }, NOW)?.message.media_urls).toHaveLength(expected);
  });

  it("keeps a short code as the sender, so its texts still form a conversation", () => {
    expect(textArrival({ ...SMS, From: "22395" }, NOW)?.customer_phone_number).toBe("22395");
  });

  it("falls back to SmsSid, and reads a missing body as empty", () => {
    const { MessageSid: _m, Body: _b, ...rest } = SMS;
    expect(textArrival(rest, NOW)).toMatchObject({ message_sid: SMS.SmsSid, message: { content: "" } });
  });

  it.each([
    ["no message id", { MessageSid: "", SmsSid: "" }],
    ["no tracking number", { To: "" }],
    ["no sender", { From: "" }],
    ["a sender too long to be one", { From: "x".repeat(33) }],
  ])("is null with %s", (_, change) => {
    expect(textArrival({ ...SMS, ...change }, NOW)).toBeNull();
  });
});
