// @vitest-environment node
// TwiML answers (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier): well-formed XML whatever
// the operator typed, the same structure Twilio's own builder makes, and no way for a tracker name,
// greeting, whisper or text body to add a verb.
import { describe, expect, it } from "vitest";
import twilio from "twilio";
import {
  DIAL_TIMEOUT,
  MESSAGE_MAX,
  emptyAnswer,
  rejectAnswer,
  smsForwardAnswer,
  voiceAnswer,
  whisperAnswer,
  whisperText,
} from "../../../server/telephony/twiml";
import { telephonyUrls } from "../../../server/telephony/urls";
import { xmlText } from "../../../server/telephony/xml";
import { findAll, parseXml } from "./parseXml";

const urls = telephonyUrls("https://numbers.example.com");
const ROUTE = {
  destination: "+15553104554",
  statusUrl: urls.status,
  whisperUrl: urls.whisper("TRK1"),
  greeting: "This call may be recorded.",
  record: true,
};

const HOSTILE = [
  "</Say><Dial>+19005551234</Dial><Say>",
  "]]><Dial>+19005551234</Dial>",
  "<![CDATA[<Hangup/>]]>",
  `He said "hi" & she said 'bye' <3`,
  "&amp; &lt;Dial&gt; &#x3C;Hangup/&#x3E;",
  "bell\u0007 null\u0000 escape\u001b vt\u000b ff\u000c tab\t lf\n cr\r",
  "noncharacters \uFFFE\uFFFF and a lone surrogate \uD800 here \uDC00",
  "emoji 👋🏽☎️ and 東京 and Zoë",
  "<?xml version='1.0'?><Response><Hangup/></Response>",
];

/** What XML 1.0 can carry of `s`: the text a carrier reads back. */
const carried = (s: string) => s.replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");

describe("the voice answer", () => {
  it("says the greeting, then dials the destination with the status URL, recording and whisper", () => {
    const doc = parseXml(voiceAnswer(ROUTE));
    expect(doc.name).toBe("Response");
    expect(doc.children.map((c) => c.name)).toEqual(["Say", "Dial"]);
    expect(doc.children[0].text).toBe("This call may be recorded.");
    const dial = doc.children[1];
    expect(dial.attrs).toEqual({
      action: "https://numbers.example.com/v1/telephony/twilio/status",
      method: "POST",
      timeout: String(DIAL_TIMEOUT),
      answerOnBridge: "true",
      record: "record-from-answer-dual",
      recordingStatusCallback: "https://numbers.example.com/v1/telephony/twilio/status",
      recordingStatusCallbackMethod: "POST",
      recordingStatusCallbackEvent: "completed absent",
    });
    expect(dial.attrs.callerId).toBeUndefined(); // the business sees the caller's own number
    expect(dial.children).toHaveLength(1);
    const number = dial.children[0];
    expect(number).toMatchObject({ name: "Number", text: "+15553104554" });
    expect(number.attrs).toEqual({
      url: "https://numbers.example.com/v1/telephony/twilio/whisper?tracker_id=TRK1",
      method: "POST",
    });
  });

  it("is the structure Twilio's own builder makes from the same attributes", () => {
    const r = new twilio.twiml.VoiceResponse();
    r.say(ROUTE.greeting);
    r.dial({
      action: ROUTE.statusUrl,
      method: "POST",
      timeout: DIAL_TIMEOUT,
      answerOnBridge: true,
      record: "record-from-answer-dual",
      recordingStatusCallback: ROUTE.statusUrl,
      recordingStatusCallbackMethod: "POST",
      recordingStatusCallbackEvent: ["completed", "absent"],
    }).number({ url: ROUTE.whisperUrl, method: "POST" }, ROUTE.destination);
    expect(parseXml(voiceAnswer(ROUTE))).toEqual(parseXml(r.toString()));
  });

  it("leaves out the greeting when there is none, and recording when it is off", () => {
    for (const greeting of [null, undefined, "", "   ", "\u0000\u0001"]) {
      const doc = parseXml(voiceAnswer({ ...ROUTE, greeting, record: false, whisperUrl: null, timeout: 20 }));
      expect(doc.children.map((c) => c.name)).toEqual(["Dial"]);
      expect(doc.children[0].attrs).toEqual({
        action: ROUTE.statusUrl,
        method: "POST",
        timeout: "20",
        answerOnBridge: "true",
      });
      expect(doc.children[0].children[0].attrs).toEqual({});
    }
  });

  it.each(HOSTILE)("a hostile greeting stays text: %j", (greeting) => {
    const xml = voiceAnswer({ ...ROUTE, greeting });
    const doc = parseXml(xml);
    expect(doc.children.map((c) => c.name)).toEqual(["Say", "Dial"]);
    expect(doc.children[0].text).toBe(carried(greeting));
    expect(findAll(doc, "Dial")).toHaveLength(1);
    expect(findAll(doc, "Number").map((n) => n.text)).toEqual(["+15553104554"]);
    expect(findAll(doc, "Hangup")).toHaveLength(0);
  });

  it("escapes a tracker id in the whisper URL", () => {
    const doc = parseXml(
      voiceAnswer({ ...ROUTE, whisperUrl: telephonyUrls("https://n.example").whisper('T"1&x=<y>') }),
    );
    expect(findAll(doc, "Number")[0].attrs.url).toBe(
      "https://n.example/v1/telephony/twilio/whisper?tracker_id=T%221%26x%3D%3Cy%3E",
    );
  });
});

describe("the whisper", () => {
  it.each([
    ["Call from [source]", "Google Ads", "Call from Google Ads"],
    ["[source] call. [SOURCE] again", "Yelp", "Yelp call. Yelp again"],
    ["No placeholder", "Yelp", "No placeholder"],
    ["From [source]", "$& $1 $$", "From $& $1 $$"],
    ["", "Yelp", ""],
  ])("%j with the tracker %j says %j", (message, name, expected) => {
    expect(whisperText(message, name)).toBe(expected);
  });

  it.each(HOSTILE)("a hostile tracker name or whisper stays text: %j", (hostile) => {
    for (const message of [whisperText("Call from [source]", hostile), whisperText(hostile, "Yelp")]) {
      const doc = parseXml(whisperAnswer(message));
      expect(doc.children.map((c) => c.name)).toEqual(["Say"]);
      expect(doc.children[0].text).toBe(carried(message));
    }
  });

  it("plays nothing for an empty whisper", () => {
    for (const m of [null, undefined, "", "  \n"]) expect(parseXml(whisperAnswer(m))).toEqual(parseXml(emptyAnswer()));
  });
});

describe("the short answers", () => {
  it("rejects a number that belongs to no tracker", () => {
    const doc = parseXml(rejectAnswer());
    expect(doc.children).toEqual([{ name: "Reject", attrs: { reason: "rejected" }, children: [], text: "" }]);
  });

  it("answers status callbacks with an empty Response", () => {
    expect(emptyAnswer()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(parseXml(emptyAnswer())).toEqual(parseXml(new twilio.twiml.VoiceResponse().toString()));
  });
});

describe("forwarding a text", () => {
  it("sends it to the destination, prefixed with the sender", () => {
    const xml = smsForwardAnswer({
      destination: "+15553104554",
      customer: "+14158675310",
      body: "Do you open Sundays?",
    });
    const m = new twilio.twiml.MessagingResponse();
    m.message({ to: "+15553104554" }, "From +14158675310: Do you open Sundays?");
    expect(parseXml(xml)).toEqual(parseXml(m.toString()));
  });

  it("names an unknown sender, and forwards media as <Media> (web URLs only, at most 10)", () => {
    const media = [
      "https://api.twilio.com/m/1",
      "javascript:alert(1)",
      ...Array.from({ length: 12 }, (_, i) => `https://m/${i}`),
    ];
    const doc = parseXml(smsForwardAnswer({ destination: "+15553104554", customer: null, body: "", mediaUrls: media }));
    const message = doc.children[0];
    expect(message.children[0]).toMatchObject({ name: "Body", text: "From an unknown number: " });
    const sent = findAll(doc, "Media").map((n) => n.text);
    expect(sent).toHaveLength(10);
    expect(sent[0]).toBe("https://api.twilio.com/m/1");
    expect(sent).not.toContain("javascript:alert(1)");
  });

  it("keeps the whole message within Twilio's 1600 characters, never cutting an emoji in half", () => {
    const body = "👋".repeat(2000);
    const doc = parseXml(smsForwardAnswer({ destination: "+1555", customer: "+14158675310", body }));
    const sent = doc.children[0].text;
    expect(Array.from(sent)).toHaveLength(MESSAGE_MAX);
    expect(sent.startsWith("From +14158675310: 👋")).toBe(true);
    expect(sent.endsWith("👋…")).toBe(true);
    const short = parseXml(smsForwardAnswer({ destination: "+1555", customer: "+1", body: "ok" })).children[0].text;
    expect(short).toBe("From +1: ok");
  });

  it.each(HOSTILE)("a hostile body stays text: %j", (body) => {
    const doc = parseXml(smsForwardAnswer({ destination: "+15553104554", customer: "+14158675310", body }));
    expect(doc.children.map((c) => c.name)).toEqual(["Message"]);
    expect(doc.children[0].attrs).toEqual({ to: "+15553104554" });
    expect(doc.children[0].children).toEqual([]);
    expect(doc.children[0].text).toBe("From +14158675310: " + carried(body));
  });
});

describe("xmlText", () => {
  it.each([
    [`<a href="x">&'`, "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"],
    ["\u0000a\u0008b\u000bc\u001fd\ue000\ufffd\uffff", "abcd\ue000\ufffd"],
    ["\t\n kept, \r as a reference", "\t\n kept, &#13; as a reference"],
    ["😀 kept, \uD83D alone dropped", "😀 kept,  alone dropped"],
  ])("%j → %j", (input, expected) => {
    expect(xmlText(input)).toBe(expected);
  });
});
