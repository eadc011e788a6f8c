// Where the first touch lives (docs/protocol.md#4-visitor-attribution): three cookies
// through js-cookie, mirrored to localStorage so a cookie evicted by the browser can be
// restored. Every access is guarded: blocked cookies or storage (Safari private mode,
// sandboxed frames) mean "nothing stored", never an error in the page. The cookies may
// have been written by CallRail's script, with JavaScript's escape()
// (docs/swapping.md#migrating-from-callrail): they are read with its decoding too.
import Cookies from "js-cookie";
import { isIp } from "./domain";
import { dict, pick } from "../safe";
import { validTouch, type FirstTouch } from "./firstTouch";

const REFERRER = "calltrk_referrer";
const LANDING = "calltrk_landing";
const SESSION = "calltrk_session_id";
const MIRROR = "calltrk_first_touch";
const DAY = 864e5;

/**
 * A cookie value as written by encodeURIComponent (js-cookie, this bundle) or by escape()
 * (`%uXXXX`, and `%XX` bytes that are Latin-1 characters rather than UTF-8): runs of `%XX`
 * are read as UTF-8 when they are, else each as one character. Never throws.
 */
export function decodeCookie(value: string): string {
  return value
    .replace(/%u([\da-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/(%[\da-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run.replace(/%([\da-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      }
    });
}

/** Reads with escape()'s decoding as well; writes stay js-cookie's own (encodeURIComponent). */
const reader = /* @__PURE__ */ Cookies.withConverter({ read: decodeCookie });

interface Mirror extends FirstTouch {
  /** When the cookies expire (ms since epoch): an expired mirror is not restored. */
  expires: number;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The stored first touch: the cookies when valid, else an unexpired valid mirror, else null. */
export function readTouch(now: number): FirstTouch | null {
  try {
    const c = { referrer: reader.get(REFERRER), landing: reader.get(LANDING), session_id: reader.get(SESSION) };
    if (validTouch(c)) return c;
  } catch {
    // cookies blocked: try the mirror
  }
  try {
    const m = pick(JSON.parse(storage()!.getItem(MIRROR)!), ["referrer", "landing", "session_id", "expires"]);
    const t = { referrer: m.referrer, landing: m.landing, session_id: m.session_id } as FirstTouch;
    if (Number(m.expires) > now && validTouch(t)) return t;
  } catch {
    // no storage, or not our JSON
  }
  return null;
}

export interface CookieOptions {
  /** undefined: host-only. */
  domain?: string;
  days: number;
  secure: boolean;
}

/** Writes (and so renews) the cookies and the mirror. */
export function writeTouch(t: FirstTouch, o: CookieOptions, now: number): void {
  const attrs = { path: "/", sameSite: "Lax" as const, secure: o.secure, domain: o.domain, expires: o.days };
  try {
    // A host-only copy (another script's, e.g. CallRail's) would be read before ours: it goes.
    if (o.domain) [REFERRER, LANDING, SESSION].forEach((n) => Cookies.remove(n, { path: "/" }));
    Cookies.set(REFERRER, t.referrer, attrs);
    Cookies.set(LANDING, t.landing, attrs);
    Cookies.set(SESSION, t.session_id, attrs);
  } catch {
    // blocked: the mirror may still hold it
  }
  const m: Mirror = { referrer: t.referrer, landing: t.landing, session_id: t.session_id, expires: now + o.days * DAY };
  try {
    // Strings and a number in an object with no prototype: no toJSON a page added anywhere is
    // asked for (safe.ts), without the bundle's own serializer.
    storage()!.setItem(MIRROR, JSON.stringify(Object.assign(dict(), m)));
  } catch {
    // full or blocked
  }
}

/** Removes our cookies and mirror (consent denied). */
export function clearTouch(domain: string | undefined): void {
  try {
    [REFERRER, LANDING, SESSION].forEach((n) => Cookies.remove(n, { path: "/", domain }));
    storage()!.removeItem(MIRROR);
  } catch {
    // nothing to clear, or no access
  }
}

/**
 * The cookie domain (docs/protocol.md#1-embedding): `none` → host-only; a given domain; else the shortest
 * parent domain that accepts a test cookie, which is the registrable domain because
 * browsers refuse cookies on public suffixes (the reliable way, with no suffix list).
 */
export function cookieDomain(host: string, setting: string | undefined): string | undefined {
  if (setting) return setting == "none" ? undefined : setting;
  if (isIp(host) || host.indexOf(".") < 0) return undefined;
  const labels = host.split(".");
  try {
    for (let i = labels.length - 2; i >= 0; i--) {
      const domain = labels.slice(i).join(".");
      Cookies.set("calltrk_probe", "1", { domain, path: "/" });
      const ok = Cookies.get("calltrk_probe") == "1";
      Cookies.remove("calltrk_probe", { domain, path: "/" });
      if (ok) return domain;
    }
  } catch {
    // cookies blocked
  }
  return undefined;
}

/** The company's `grab_cookies` that exist (docs/protocol.md#4-visitor-attribution `cookies`), values capped. */
export function grabCookies(names: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    if (Array.isArray(names))
      names.forEach((n) => {
        const v = typeof n == "string" ? reader.get(n) : undefined;
        if (v !== undefined) out[n] = v.slice(0, 500);
      });
  } catch {
    // cookies blocked
  }
  return out;
}
