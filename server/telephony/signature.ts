// The carrier's request signature, `X-Twilio-Signature` (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier):
// base64 of HMAC-SHA1, keyed by the auth token, of the full URL the carrier requested followed by every
// POST parameter name and value, names sorted. The details follow Twilio's own helper libraries
// (twilio-node's webhooks.ts, twilio-python's RequestValidator), against which test/server/telephony
// checks every case: a repeated name contributes each distinct value once, values sorted; an empty value
// contributes its name alone; the URL is tried as requested, without its port and with the scheme's
// default port, because Twilio has signed both forms. JSON bodies are signed differently: the URL
// carries `bodySHA256` (hex SHA-256 of the raw body) and the signature covers the URL alone.
import { createHash, createHmac } from "node:crypto";
import { sameSecret } from "../http";

/** Form parameters as parsed from the body, as pairs, or as an object (an array value: a repeated name). */
export type FormParams =
  URLSearchParams | Iterable<readonly [string, string]> | Record<string, string | readonly string[]>;

export const SIGNATURE_HEADER = "X-Twilio-Signature";

function pairs(params: FormParams): [string, string][] {
  if (params instanceof URLSearchParams || Symbol.iterator in params) {
    return Array.from(params as Iterable<readonly [string, string]>, ([k, v]) => [k, v]);
  }
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(params as Record<string, string | readonly string[]>)) {
    for (const one of typeof v == "string" ? [v] : v) out.push([k, one]);
  }
  return out;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The string that is signed: the URL, then name+value for each distinct pair, names then values sorted. */
export function signedString(url: string, params: FormParams): string {
  const values = new Map<string, Set<string>>();
  for (const [k, v] of pairs(params)) {
    if (!values.has(k)) values.set(k, new Set());
    values.get(k)!.add(v);
  }
  let s = url;
  for (const name of [...values.keys()].sort(byCodeUnit)) {
    for (const v of [...values.get(name)!].sort(byCodeUnit)) s += name + v;
  }
  return s;
}

/** The `X-Twilio-Signature` the carrier sends for a request to `url` with `params`. */
export function twilioSignature(authToken: string, url: string, params: FormParams = []): string {
  return createHmac("sha1", authToken).update(signedString(url, params), "utf8").digest("base64");
}

/** `url` without its port, and with the scheme's default port when it has none (both forms are signed). */
function portForms(url: string): string[] {
  const m = /^(https?:\/\/)([^/?#]*@)?(\[[^\]]*\]|[^/?#:]*)(:\d*)?(.*)$/i.exec(url);
  if (!m) return [url];
  const [, scheme, user = "", host, port, rest] = m;
  const bare = scheme + user + host + rest;
  const withDefault = scheme + user + host + (/^https/i.test(scheme) ? ":443" : ":80") + rest;
  return port ? [url, bare] : [url, withDefault];
}

/**
 * True when `signature` is the carrier's signature of a form-encoded request to `url`. A missing
 * header, an empty token or a mismatch is false; the comparison takes the same time either way.
 */
export function checkTwilioSignature(
  authToken: string,
  signature: string | null | undefined,
  url: string,
  params: FormParams,
): boolean {
  if (!authToken || !signature) return false;
  let ok = false;
  for (const u of portForms(url)) if (sameSecret(signature, twilioSignature(authToken, u, params))) ok = true;
  return ok;
}

/** Hex SHA-256 of a raw body: the `bodySHA256` query parameter of a JSON request. */
export function bodySha256(body: string | Uint8Array): string {
  return createHash("sha256").update(body).digest("hex");
}

/**
 * The same for a JSON request: the signature covers `url` alone (with its `bodySHA256` query
 * parameter), and that parameter must be the SHA-256 of the exact body bytes.
 */
export function checkTwilioBodySignature(
  authToken: string,
  signature: string | null | undefined,
  url: string,
  body: string | Uint8Array,
): boolean {
  const q = url.indexOf("?");
  const claimed = q < 0 ? null : new URLSearchParams(url.slice(q + 1)).get("bodySHA256");
  if (!claimed) return false;
  const signed = checkTwilioSignature(authToken, signature, url, []);
  return sameSecret(claimed.toLowerCase(), bodySha256(body)) && signed;
}

/**
 * The URL the carrier signs for a request the server received: `PUBLIC_URL` (its own path kept, a
 * trailing slash dropped) followed by the request's path and query exactly as they arrived.
 */
export function carrierUrl(publicUrl: string, pathAndQuery: string): string {
  return publicUrl.replace(/\/+$/, "") + (pathAndQuery.startsWith("/") ? "" : "/") + pathAndQuery;
}

/**
 * A request signed as the carrier would sign it: for the demo's "Simulate a call" and the tests.
 * `body` is form-encoded in the pairs' order; the signature does not depend on that order.
 */
export function signedTwilioRequest(
  url: string,
  params: FormParams,
  authToken: string,
): { url: string; method: "POST"; headers: Record<string, string>; body: string } {
  return {
    url,
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      [SIGNATURE_HEADER]: twilioSignature(authToken, url, params),
    },
    body: new URLSearchParams(pairs(params)).toString(),
  };
}
