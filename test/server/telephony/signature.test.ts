// @vitest-environment node
// The carrier's request signature (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier), checked
// against Twilio's own helper library: what it signs, we accept; what we sign, it accepts.
import { describe, expect, it } from "vitest";
import twilio from "twilio";
import {
  bodySha256,
  carrierUrl,
  checkTwilioBodySignature,
  checkTwilioSignature,
  signedString,
  signedTwilioRequest,
  twilioSignature,
  type FormParams,
} from "../../../server/telephony/signature";
import { rng } from "../rng";

const TOKEN = "12345";
const VOICE = "https://numbers.example.com/v1/telephony/twilio/voice";
const CALL = {
  CallSid: "CA1234567890ABCDE",
  AccountSid: "AC0123456789abcdef0123456789abcdef",
  From: "+14158675310",
  To: "+14045559999",
  CallStatus: "ringing",
  Direction: "inbound",
  CallerCity: "SAN FRANCISCO",
  CallerState: "CA",
  CallerCountry: "US",
  ApiVersion: "2010-04-01",
};

/** Twilio's library takes an object whose array values are repeated names. */
function asObject(params: [string, string][]): Record<string, string | string[]> {
  const o: Record<string, string | string[]> = {};
  for (const [k, v] of params) {
    const had = o[k];
    o[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return o;
}

const cases: { name: string; url: string; params: [string, string][] }[] = [
  { name: "a voice call", url: VOICE, params: Object.entries(CALL) },
  { name: "no parameters", url: VOICE, params: [] },
  {
    name: "an empty value",
    url: VOICE,
    params: [
      ["Body", ""],
      ["From", "+14158675310"],
    ],
  },
  {
    name: "unicode values",
    url: VOICE,
    params: [
      ["Body", "Café ☕ 東京 👋🏽 — “quotes” & <tags>"],
      ["From", "+447700900123"],
      ["ProfileName", "Zoë"],
    ],
  },
  {
    name: "a repeated name (values sorted, duplicates once)",
    url: VOICE,
    params: [
      ["MediaUrl", "https://b.example/2"],
      ["MediaUrl", "https://a.example/1"],
      ["MediaUrl", "https://a.example/1"],
    ],
  },
  { name: "a query string", url: VOICE + "?tracker=TRK1&x=a%20b", params: Object.entries(CALL) },
  {
    name: "the documented example URL",
    url: "https://mycompany.com/myapp.php?foo=1&bar=2",
    params: [["Digits", "1234"]],
  },
  {
    name: "names that differ only by case",
    url: VOICE,
    params: [
      ["a", "1"],
      ["B", "2"],
      ["b", "3"],
      ["A", "4"],
    ],
  },
  {
    name: "a URL with a non-default port",
    url: "http://127.0.0.1:8787/v1/telephony/twilio/sms",
    params: [["Body", "hi"]],
  },
];

describe("the signature is the one Twilio's library computes", () => {
  it.each(cases)("$name", ({ url, params }) => {
    const ours = twilioSignature(TOKEN, url, params);
    expect(ours).toBe(twilio.getExpectedTwilioSignature(TOKEN, url, asObject(params)));
    expect(twilio.validateRequest(TOKEN, ours, url, asObject(params))).toBe(true);
    expect(checkTwilioSignature(TOKEN, ours, url, params)).toBe(true);
  });

  it("the same for 200 random parameter sets, whatever form the parameters come in", () => {
    const r = rng(7);
    const pick = (s: string) => s[Math.floor(r() * s.length)];
    const word = () => Array.from({ length: Math.floor(r() * 6) }, () => pick("aZ09+-_ %&=é☕\u{1F44B}")).join("");
    for (let i = 0; i < 200; i++) {
      const params: [string, string][] = Array.from({ length: Math.floor(r() * 8) }, () => [
        pick("ABCDEFabc") + word(),
        word(),
      ]);
      const expected = twilio.getExpectedTwilioSignature(TOKEN, VOICE, asObject(params));
      const forms: FormParams[] = [params, new URLSearchParams(params), asObject(params)];
      for (const form of forms) expect(twilioSignature(TOKEN, VOICE, form)).toBe(expected);
    }
  });

  it("writes the signed string as the URL, then each name and value with no separator", () => {
    expect(signedString("https://x/y", { b: "2", a: "1", c: ["3", "1", "3"] })).toBe("https://x/ya1b2c1c3");
  });
});

describe("a signature is refused when anything it covers changed", () => {
  const params = Object.entries(CALL);
  const good = twilio.getExpectedTwilioSignature(TOKEN, VOICE, CALL);

  it("accepts the untouched request", () => {
    expect(checkTwilioSignature(TOKEN, good, VOICE, params)).toBe(true);
  });

  it.each([
    ["a wrong token", "54321", good, VOICE, params],
    ["an empty token", "", twilioSignature("", VOICE, params), VOICE, params],
    ["a changed parameter", TOKEN, good, VOICE, [...params.slice(1), ["CallSid", "CA999"]]],
    ["an added parameter", TOKEN, good, VOICE, [...params, ["Digits", "1"]]],
    ["a removed parameter", TOKEN, good, VOICE, params.slice(1)],
    ["a changed path", TOKEN, good, VOICE.replace("voice", "sms"), params],
    ["a changed host", TOKEN, good, VOICE.replace("numbers.", "evil."), params],
    ["a changed scheme", TOKEN, good, VOICE.replace("https:", "http:"), params],
    ["an added query", TOKEN, good, VOICE + "?x=1", params],
    ["a missing header", TOKEN, undefined, VOICE, params],
    ["a null header", TOKEN, null, VOICE, params],
    ["an empty header", TOKEN, "", VOICE, params],
    ["a header with a trailing space", TOKEN, good + " ", VOICE, params],
    ["another request's signature", TOKEN, twilioSignature(TOKEN, VOICE, { To: "+1" }), VOICE, params],
  ] as const)("%s", (_, token, signature, url, p) => {
    expect(checkTwilioSignature(token, signature, url, p as [string, string][])).toBe(false);
  });
});

describe("ports in the URL", () => {
  it("accepts a signature over the URL without its default port, and with it", () => {
    const bare = twilioSignature(TOKEN, VOICE, CALL);
    const withPort = twilioSignature(TOKEN, VOICE.replace(".com/", ".com:443/"), CALL);
    expect(checkTwilioSignature(TOKEN, bare, VOICE.replace(".com/", ".com:443/"), CALL)).toBe(true);
    expect(checkTwilioSignature(TOKEN, withPort, VOICE, CALL)).toBe(true);
    // Twilio's library agrees on both.
    expect(twilio.validateRequest(TOKEN, bare, VOICE.replace(".com/", ".com:443/"), CALL)).toBe(true);
    expect(twilio.validateRequest(TOKEN, withPort, VOICE, CALL)).toBe(true);
  });

  it("uses :80 for http", () => {
    const withPort = twilioSignature(TOKEN, "http://n.example:80/v1/x", CALL);
    expect(checkTwilioSignature(TOKEN, withPort, "http://n.example/v1/x", CALL)).toBe(true);
    expect(checkTwilioSignature(TOKEN, withPort, "https://n.example/v1/x", CALL)).toBe(false);
  });
});

describe("JSON bodies signed with bodySHA256", () => {
  const body = '{"CallSid":"CA1","Body":"héllo"}';
  const url = VOICE + "?bodySHA256=" + bodySha256(body);

  it("matches Twilio's body hash and is accepted by both sides", () => {
    expect(bodySha256(body)).toBe(twilio.getExpectedBodyHash(body));
    const sig = twilioSignature(TOKEN, url);
    expect(twilio.validateRequestWithBody(TOKEN, sig, url, body)).toBe(true);
    expect(checkTwilioBodySignature(TOKEN, sig, url, body)).toBe(true);
    expect(checkTwilioBodySignature(TOKEN, sig, url, Buffer.from(body))).toBe(true);
  });

  it("refuses a changed body, a URL without bodySHA256, and a wrong signature", () => {
    const sig = twilioSignature(TOKEN, url);
    expect(checkTwilioBodySignature(TOKEN, sig, url, body + " ")).toBe(false);
    expect(checkTwilioBodySignature(TOKEN, twilioSignature(TOKEN, VOICE), VOICE, body)).toBe(false);
    expect(checkTwilioBodySignature("other", sig, url, body)).toBe(false);
    expect(checkTwilioBodySignature(TOKEN, undefined, url, body)).toBe(false);
  });
});

describe("carrierUrl: PUBLIC_URL followed by the request's path and query", () => {
  it.each([
    [
      "https://numbers.example.com",
      "/v1/telephony/twilio/voice",
      "https://numbers.example.com/v1/telephony/twilio/voice",
    ],
    [
      "https://numbers.example.com/",
      "/v1/telephony/twilio/voice?a=1",
      "https://numbers.example.com/v1/telephony/twilio/voice?a=1",
    ],
    ["https://example.com/calltrk/", "/v1/telephony/twilio/sms", "https://example.com/calltrk/v1/telephony/twilio/sms"],
    ["http://127.0.0.1:8787", "v1/x", "http://127.0.0.1:8787/v1/x"],
  ])("%s + %s", (base, path, expected) => {
    expect(carrierUrl(base, path)).toBe(expected);
  });
});

describe("signedTwilioRequest builds a request the carrier's checks accept", () => {
  it("form-encodes the parameters and signs them", () => {
    const params: [string, string][] = [...Object.entries(CALL), ["Body", "a+b & c=d 👋"]];
    const req = signedTwilioRequest(VOICE, params, TOKEN);
    expect(req.method).toBe("POST");
    expect(req.headers["Content-Type"]).toBe("application/x-www-form-urlencoded");
    const received = new URLSearchParams(req.body);
    expect([...received]).toEqual(params);
    expect(twilio.validateRequest(TOKEN, req.headers["X-Twilio-Signature"], VOICE, Object.fromEntries(received))).toBe(
      true,
    );
    expect(checkTwilioSignature(TOKEN, req.headers["X-Twilio-Signature"], VOICE, received)).toBe(true);
  });
});
