// A customer's phone number as typed into a form → E.164 and the display form of the v3
// reference (`404-555-1111` for North America, international otherwise). Pure.
import { e164 } from "../calls";
import { parsePhone } from "../../src/swap/phone";

/** A North American number: area code and exchange never start with 0 or 1 (NANP numbering plan). */
const NANP = /^\+1[2-9]\d\d[2-9]\d{6}$/;
/** Card numbers are 12 to 19 digits; a value that long without a `+` is never read as a phone. */
const CARD_DIGITS = /^\d{12,19}$/;

/**
 * E.164 of a typed number, or null: separators, dashes and an extension (`x12`, `ext. 3`) are
 * ignored, `00` stands for `+`. Ten digits are read as North American only when they are a
 * valid NANP number, so a national number of another country (`06 12 34 56 78`) is not
 * turned into a wrong `+1`: without its country code it stays unread.
 */
export function toE164(raw: string): string | null {
  const s = raw
    .trim()
    .replace(/\s*(?:ext\.?|extension|x|#)\s*\d{1,6}$/i, "")
    .replace(/[\u2010-\u2015/]/g, "-")
    .replace(/^00/, "+");
  if (CARD_DIGITS.test(s.replace(/[\s.()-]/g, ""))) return null;
  const n = e164(s);
  return n && (n.slice(0, 2) != "+1" || NANP.test(n)) ? n : null;
}

/** `+14045551111` → `404-555-1111`; any other country → `+44 2071234567`. */
export function formatPhone(n: string): string {
  const p = parsePhone(n);
  if (!p) return n;
  if (p.cc == "1") return p.nsn.slice(0, 3) + "-" + p.nsn.slice(3, 6) + "-" + p.nsn.slice(6);
  return "+" + p.cc + " " + p.nsn;
}
