// Outgoing webhook signing (docs/protocol.md#9-outgoing-webhooks): the `Signature` header is base64 of
// HMAC-SHA1 of the exact body bytes, keyed by the integration's signing_key, as in the v3 reference's
// Webhooks section. A receiver must hash the raw bytes it received, never re-serialized JSON.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { sameSecret } from "../http";

export const SIGNATURE_HEADER = "Signature";
export const WEBHOOK_ID_HEADER = "CallTrk-Webhook-Id";
/** Which event a delivery is (`post_call_webhook`…), so one URL can take several events. */
export const WEBHOOK_EVENT_HEADER = "CallTrk-Webhook-Event";

export function webhookSignature(signingKey: string, body: string | Uint8Array): string {
  return createHmac("sha1", signingKey).update(body).digest("base64");
}

/** What a receiver does: true when `signature` signs `body` with `signingKey`, in constant time. */
export function checkWebhookSignature(
  signingKey: string,
  body: string | Uint8Array,
  signature: string | null | undefined,
): boolean {
  if (!signingKey || !signature) return false;
  return sameSecret(signature, webhookSignature(signingKey, body));
}

/** A new integration's signing_key: 32 hex digits from the system's secure random source, as the v3 reference shows. */
export function newSigningKey(): string {
  return randomBytes(16).toString("hex");
}

/**
 * The `CallTrk-Webhook-Id` of one event sent to one URL: the same on every retry, different for
 * another URL of the same event, so a receiver drops duplicates by it. `eventKey` must be unique to
 * the event for the life of the store (the event row's id, a UUID).
 */
export function webhookId(eventKey: string, url: string): string {
  // The key's length first, so that no other key and URL can make the same hashed string.
  const hashed = `${eventKey.length}:${eventKey}${url}`;
  return "WHK" + createHash("sha256").update(hashed).digest("hex").slice(0, 32);
}
