// Who may see the dashboard (docs/dashboard.md#signing-in): a browser signed in through the
// login form (a cookie holding a random value; the store keeps only its hash keyed with the API
// token, so changing the token signs everyone out), a script sending the API token in
// `Authorization: Token token=…`, or in demo mode a browser on this machine.
import { createHmac, randomBytes } from "node:crypto";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { forwardedFor, peer } from "../clients";

export const COOKIE = "calltrk_dashboard";
/** A login lasts this long; then the form again. */
export const LOGIN_MS = 12 * 3600e3;

/** A fresh cookie value: 256 random bits. */
export const newLoginValue = () => randomBytes(32).toString("base64url");

/** What the store keeps for a cookie value: its HMAC keyed with the API token. */
export const loginId = (token: string, value: string) =>
  createHmac("sha256", token)
    .update("calltrk dashboard login\n" + value)
    .digest("hex");

/** The login id of the request's cookie, or null without a plausible one. */
export function cookieLogin(c: Context, token: string): string | null {
  const v = getCookie(c, COOKIE);
  return v && /^[\w-]{43}$/.test(v) ? loginId(token, v) : null;
}

/**
 * Whether the browser reached us over https: the request's own URL, or behind a trusted proxy
 * its X-Forwarded-Proto (the last value, the one the proxy set). Decides the cookie's Secure flag.
 */
export function overHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol == "https:") return true;
  const proto = trustProxy ? c.req.header("x-forwarded-proto") : undefined;
  return !!proto && proto.split(",").pop()!.trim().toLowerCase() == "https";
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * The demo's tokenless rule: the client is this machine. Behind a trusted proxy the client is
 * the address the proxy forwarded (as protect.ts counts it), and a request without one is not
 * local; without TRUST_PROXY it is the socket's peer, and a request that says it was forwarded
 * (a local proxy in front) is not local either: the proxy's loopback address is not the client's.
 */
export function demoLocal(c: Context, o: { demo?: boolean; trustProxy?: boolean }): boolean {
  if (!o.demo) return false;
  let address: string | null;
  if (o.trustProxy) address = forwardedFor(c);
  else address = c.req.header("x-forwarded-for") || c.req.header("forwarded") ? null : peer(c);
  return !!address && LOOPBACK.test(address);
}

/** Where to go after signing in: a dashboard path of this server, else the overview. */
export function nextPath(v: unknown): string {
  return typeof v == "string" &&
    v.length <= 2000 &&
    /^\/dashboard(\/[\w\-.%/]*)?(\?[^\s#\\]*)?$/.test(v) &&
    !v.includes("//")
    ? v
    : "/dashboard";
}
