// Small HTTP helpers shared by the routes: JSON errors (PROTOCOL §6), body reading with a
// size limit, field checks, and the API token.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Bodies above this answer 413 (the bundle keeps form payloads under fetch keepalive's 64 KB). */
export const BODY_LIMIT = 64 * 1024;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class HttpError extends Error {
  constructor(readonly status: 400 | 401 | 403 | 404 | 413, message: string) {
    super(message);
  }
}

export const fail = (status: HttpError["status"], message: string): never => {
  throw new HttpError(status, message);
};

/** The request body as a JSON object, whatever its Content-Type (the bundle sends text/plain). */
export async function jsonBody(c: Context): Promise<Loose> {
  const declared = Number(c.req.header("content-length") || 0);
  if (declared > BODY_LIMIT) fail(413, "body larger than " + BODY_LIMIT + " bytes");
  const buf = await c.req.arrayBuffer();
  if (buf.byteLength > BODY_LIMIT) fail(413, "body larger than " + BODY_LIMIT + " bytes");
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(buf));
  } catch {
    fail(400, "body is not valid JSON");
  }
  if (!body || typeof body != "object" || Array.isArray(body)) fail(400, "body must be a JSON object");
  return body as Loose;
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

/** An optional plain object whose JSON is at most `max` bytes. */
export function optObject(body: Loose, key: string, max: number): Loose | null {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v != "object" || Array.isArray(v) || JSON.stringify(v).length > max) fail(400, `${key} must be an object under ${max} bytes`);
  return v;
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
