// Where the first touch lives (docs/protocol.md#4-visitor-attribution): three cookies
// (cookies.ts), mirrored to localStorage so a cookie evicted by the browser can be
// restored. Every access is guarded: blocked cookies or storage (Safari private mode,
// sandboxed frames) mean "nothing stored", never an error in the page. The cookies may
// have been written by CallRail's script, with JavaScript's escape()
// (docs/swapping.md#migrating-from-callrail): cookies.ts reads them with its decoding too.
import { isIp } from "./domain";
import { dict, pick } from "../safe";
import { validTouch, type FirstTouch } from "./firstTouch";
import { readCookie, writeCookie, type CookieOptions } from "./cookies";

const REFERRER = "calltrk_referrer";
const LANDING = "calltrk_landing";
const SESSION = "calltrk_session_id";
const NAMES = [REFERRER, LANDING, SESSION];
const MIRROR = "calltrk_first_touch";
const DAY = 864e5;

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
    const c = { referrer: readCookie(REFERRER), landing: readCookie(LANDING), session_id: readCookie(SESSION) };
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

/** Writes (and so renews) the cookies and the mirror. */
export function writeTouch(t: FirstTouch, o: CookieOptions, now: number): void {
  try {
    // A host-only copy (another script's, e.g. CallRail's) would be read before ours: it goes.
    if (o.domain) NAMES.forEach((n) => writeCookie(n, "", { days: -1 }));
    writeCookie(REFERRER, t.referrer, o);
    writeCookie(LANDING, t.landing, o);
    writeCookie(SESSION, t.session_id, o);
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
    NAMES.forEach((n) => writeCookie(n, "", { domain, days: -1 }));
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
      writeCookie("calltrk_probe", "1", { domain, days: 1 });
      const ok = readCookie("calltrk_probe") == "1";
      writeCookie("calltrk_probe", "", { domain, days: -1 });
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
        const v = typeof n == "string" ? readCookie(n) : undefined;
        if (v !== undefined) out[n] = v.slice(0, 500);
      });
  } catch {
    // cookies blocked
  }
  return out;
}
