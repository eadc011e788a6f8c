// First-party cookies, read and written directly (docs/performance.md#js-cookie): the few
// lines the bundle needs, written as js-cookie 3 writes them (the same encoding, so cookies
// written by either read the same) and read with escape()'s decoding as well, since the
// incumbent's script wrote its cookies with escape() (docs/swapping.md#migrating-from-callrail).
// Callers guard: document.cookie throws in sandboxed frames.

/**
 * A cookie value as written by encodeURIComponent (js-cookie, this bundle) or by escape()
 * (`%uXXXX`, and `%XX` bytes that are Latin-1 characters rather than UTF-8): runs of `%XX`
 * are read as UTF-8 when they are, else each as one character. Never throws.
 */
export function decodeCookie(value: string): string {
  const byte = (_: string, h: string) => String.fromCharCode(parseInt(h, 16));
  return value.replace(/%u([\da-f]{4})/gi, byte).replace(/(%[\da-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([\da-f]{2})/gi, byte);
    }
  });
}

/** The first cookie of that name (the browser lists the most specific path first), decoded; undefined when none. */
export function readCookie(name: string): string | undefined {
  for (const c of document.cookie.split("; ")) {
    const i = c.indexOf("=");
    if (i > 0 && decodeCookie(c.slice(0, i)) == name) return decodeCookie(c.slice(i + 1));
  }
}

export interface CookieOptions {
  /** undefined: host-only. */
  domain?: string;
  /** Lifetime in days; negative removes the cookie. */
  days: number;
  secure?: boolean;
}

/** Writes a cookie (path=/, SameSite=Lax); the value encoded as js-cookie encodes it. */
export function writeCookie(name: string, value: string, o: CookieOptions): void {
  document.cookie =
    name +
    "=" +
    encodeURIComponent(value).replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent) +
    "; path=/; expires=" +
    new Date(Date.now() + o.days * 864e5).toUTCString() +
    (o.domain ? "; domain=" + o.domain : "") +
    "; SameSite=Lax" +
    (o.secure ? "; secure" : "");
}
