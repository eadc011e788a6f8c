// Small HTTP helpers shared by the routes: JSON errors (docs/protocol.md#6-errors), body reading with a
// size limit, field checks, and the API token.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { IncomingMessage } from "node:http";

export type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Bodies above this answer 413 (the bundle keeps form payloads under fetch keepalive's 64 KB). */
export const BODY_LIMIT = 64 * 1024;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 408 | 409 | 413 | 422 | 429 | 503;

/** Ends the request with a JSON error `{"error": message}` (docs/protocol.md#6-errors). */
export const fail = (status: ErrorStatus, message: string): never => {
  throw new HTTPException(status, { message });
};

/**
 * Reads a Node request body up to `limit` bytes; null past it (the rest is drained by
 * @hono/node-server). A client that goes away mid-body (closed, reset, or cut off by the
 * server's request timeout) is its own doing: a 400 that no one reads, never an error logged.
 */
function readNode(incoming: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (v: Buffer | null, e?: unknown) => {
      incoming.off("data", data).off("end", end).off("error", gone).off("close", gone);
      return e ? reject(e) : resolve(v);
    };
    const data = (b: Buffer) => ((size += b.length) > limit ? done(null) : chunks.push(b));
    const end = () => done(Buffer.concat(chunks));
    const gone = () =>
      done(null, new HTTPException(400, { message: "request body not received: the client went away" }));
    incoming.on("data", data).on("end", end).on("error", gone).on("close", gone);
  });
}

/** The same through the web stream (requests made in-process, as in the tests). */
async function readStream(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Buffer | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body ? body.getReader() : null;
  for (let r = reader && (await reader.read()); r && !r.done; r = await reader!.read()) {
    size += r.value.byteLength;
    if (size > limit) {
      reader!.cancel().catch(() => {});
      return null;
    }
    chunks.push(r.value);
  }
  return Buffer.concat(chunks);
}

/**
 * Deepest nesting a body may have. The protocol's deepest is 3 (visitor.utm.utm_source);
 * thousands of levels overflow the stack of the recursive JSON walkers (5,000 nested objects
 * gave "Maximum call stack size exceeded": test/server/fuzz.test.ts).
 */
export const MAX_DEPTH = 32;

/** True when `s` nests objects or arrays deeper than `max` (strings skipped; one pass, no recursion). */
export function tooDeep(s: string, max = MAX_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inString) {
      if (c == 92)
        i++; // backslash: skip the escaped character
      else if (c == 34) inString = false;
    } else if (c == 34) inString = true;
    else if (c == 123 || c == 91) {
      if (++depth > max) return true;
    } else if (c == 125 || c == 93) depth--;
  }
  return false;
}

/** Requests whose body is being read now. */
const reading = new WeakSet<Request>();

/** True while the request's body is still arriving: a deadline passed then is the client's slowness (408), not the store's. */
export const bodyPending = (c: Context): boolean => reading.has(c.req.raw);

/**
 * The request body as a JSON object, whatever its Content-Type (the bundle sends
 * text/plain). Counted while it streams in, so a huge or endless chunked body is cut off
 * at the limit instead of being buffered. Read from Node's request directly: hono's
 * bodyLimit and web streams re-wrap the body, which cut the lease rate by 40%.
 */
export async function jsonBody(c: Context): Promise<Loose> {
  const tooBig = () => fail(413, "body larger than " + BODY_LIMIT + " bytes");
  if (Number(c.req.header("content-length") || 0) > BODY_LIMIT) tooBig();
  const incoming = c.env && (c.env as { incoming?: IncomingMessage }).incoming;
  reading.add(c.req.raw);
  let buf: Buffer | null;
  try {
    buf = await (incoming ? readNode(incoming, BODY_LIMIT) : readStream(c.req.raw.body, BODY_LIMIT));
  } finally {
    reading.delete(c.req.raw);
  }
  if (!buf) tooBig();
  const text = buf!.toString("utf8");
  if (tooDeep(text)) fail(400, "body nested deeper than " + MAX_DEPTH + " levels");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    fail(400, "body is not valid JSON");
  }
  if (!body || typeof body != "object" || Array.isArray(body)) fail(400, "body must be a JSON object");
  // No store keeps U+0000 in text (PostgreSQL refuses it), and no real form or page has one.
  if (hasNul(body)) fail(400, "body must not contain NUL characters");
  return body as Loose;
}

/** True when a string or key anywhere in a parsed body holds U+0000 (bodies nest at most MAX_DEPTH deep). */
function hasNul(value: unknown): boolean {
  if (typeof value == "string") return value.includes("\u0000");
  if (!value || typeof value != "object") return false;
  for (const [k, v] of Object.entries(value)) if (k.includes("\u0000") || hasNul(v)) return true;
  return false;
}

/** A form-encoded body (the carrier's requests), read with the same size limit as JSON bodies. */
export async function formBody(c: Context): Promise<URLSearchParams> {
  if (Number(c.req.header("content-length") || 0) > BODY_LIMIT) fail(413, "body larger than " + BODY_LIMIT + " bytes");
  const incoming = c.env && (c.env as { incoming?: IncomingMessage }).incoming;
  const buf = await (incoming ? readNode(incoming, BODY_LIMIT) : readStream(c.req.raw.body, BODY_LIMIT));
  if (!buf) fail(413, "body larger than " + BODY_LIMIT + " bytes");
  return new URLSearchParams(buf!.toString("utf8"));
}

/** An optional string field, at most `max` characters; null when absent. */
export function optString(body: Loose, key: string, max: number): string | null {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v != "string" || v.length > max) fail(400, `${key} must be a string of at most ${max} characters`);
  return v;
}

export function uuidField(body: Loose, key: string): string {
  const v = body[key];
  if (typeof v != "string" || !UUID.test(v)) fail(400, key + " must be a UUID");
  return (v as string).toLowerCase();
}

/** `Authorization: Token token=...` (CallRail API v3), compared in constant time. */
export function checkToken(c: Context, token: string): void {
  const m = /^Token token="?([^"\s]+)"?$/.exec(c.req.header("authorization") || "");
  if (!m || !sameSecret(m[1], token)) fail(401, "missing or bad API token (Authorization: Token token=...)");
}

export function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(h(a), h(b));
}
