// @vitest-environment node
// Webhook signing (docs/protocol.md#9-outgoing-webhooks), checked against the vendor's published answer:
// the fixture is the v3 reference's example body, byte for byte, and the expected signature is the
// literal string the reference prints, not something recomputed here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkWebhookSignature, newSigningKey, webhookId, webhookSignature } from "../../../server/webhooks/sign";

const KEY = "072e77e426f92738a72fe23c4d1953b4";
const PUBLISHED = "UZAHbUdfm3GqL7qzilGozGzWV64=";
const BODY = readFileSync(new URL("./fixtures/callrail-example-body.txt", import.meta.url));

describe("the Signature header", () => {
  it("reproduces the v3 reference's published example exactly", () => {
    expect(webhookSignature(KEY, BODY)).toBe(PUBLISHED);
    expect(webhookSignature(KEY, BODY.toString("utf8"))).toBe(PUBLISHED);
  });

  it("is what a receiver accepts, and only for the exact bytes and key", () => {
    expect(checkWebhookSignature(KEY, BODY, PUBLISHED)).toBe(true);
    const text = BODY.toString("utf8");
    expect(checkWebhookSignature(KEY, text + "\n", PUBLISHED)).toBe(false);
    expect(checkWebhookSignature(KEY, JSON.stringify(JSON.parse(text), null, 1), PUBLISHED)).toBe(false);
    expect(checkWebhookSignature(KEY.toUpperCase(), BODY, PUBLISHED)).toBe(false);
    expect(checkWebhookSignature(KEY, BODY, PUBLISHED.slice(0, -1))).toBe(false);
    expect(checkWebhookSignature(KEY, BODY, undefined)).toBe(false);
    expect(checkWebhookSignature(KEY, BODY, "")).toBe(false);
    expect(checkWebhookSignature("", BODY, webhookSignature("", BODY))).toBe(false);
  });

  it("signs the UTF-8 bytes of a string body", () => {
    const body = '{"customer_name":"Zoë 👋"}';
    expect(webhookSignature(KEY, body)).toBe(webhookSignature(KEY, Buffer.from(body, "utf8")));
    expect(webhookSignature(KEY, body)).not.toBe(webhookSignature(KEY, Buffer.from(body, "latin1")));
  });
});

describe("signing keys", () => {
  it("are 32 lowercase hex digits, different every time", () => {
    const keys = new Set(Array.from({ length: 200 }, () => newSigningKey()));
    expect(keys.size).toBe(200);
    for (const k of keys) expect(k).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("the CallTrk-Webhook-Id header", () => {
  it("is stable for one event and URL, and differs by event and by URL", () => {
    const a = webhookId("evt-1", "https://hooks.example/a");
    expect(a).toMatch(/^WHK[0-9a-f]{32}$/);
    expect(webhookId("evt-1", "https://hooks.example/a")).toBe(a);
    expect(webhookId("evt-2", "https://hooks.example/a")).not.toBe(a);
    expect(webhookId("evt-1", "https://hooks.example/b")).not.toBe(a);
  });

  it("cannot be matched by moving characters between the event key and the URL", () => {
    expect(webhookId("evt-1", "https://x/")).not.toBe(webhookId("evt-1https://x", "/"));
  });
});
