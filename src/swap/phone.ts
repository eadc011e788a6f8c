// Phone matching: pure functions, no DOM. Finds printed swap targets in a string and
// builds their replacement in the printed shape (PROTOCOL §2, issue 2 item 3).
//
// How a printed number is read: a *run* is a stretch of digits and separators
// (spaces of any kind, - . ( ) and dashes U+2010..2015). A run is cut into digit
// *groups*; a match is a sequence of whole groups whose digits, with a leading `+`
// when the run starts with one, equal one of the *keys* of a target (its national,
// trunk-prefixed and international spellings, see FORMS). Matching whole groups is
// what keeps `15551231234999` and `ID 905551231234` from matching: their digits sit
// inside one longer group.

/** A parsed E.164 number: country code and national significant number. */
export interface Phone {
  cc: string;
  nsn: string;
}

/**
 * Spellings of a number: "C" stands for the country code, the rest is printed as is,
 * then the national number follows. A spelling without "C" is national: it is only
 * used for a tracking number of the same country.
 */
const FORMS_NANP = ["", "1", "+C"]; // 555…, 1-555…, +1 555…
const FORMS = ["+C", "+C0", "00C", "0", ""]; // +44 20…, +44 (0)20…, 0044 20…, 020…, 20…

interface Entry {
  /** The spelling matched, from FORMS. */
  f: string;
  target: Phone;
  tracking: Phone;
}

/** The swap targets, ready for matching. */
export interface Table {
  /** Printed digit string (with a leading `+` when printed) to entry. */
  keys: Map<string, Entry>;
  /**
   * Digits every printing of some target holds in one piece: the last four of a North
   * American number (always printed 3-3-4), the last two of others. A text without
   * any of them cannot hold a target, which makes the walk cheap (`needle.test`).
   */
  needles: string[];
  needle: RegExp;
}

/** One replacement inside a string: [start, end) holds the digits to rewrite. */
export interface Swap {
  start: number;
  end: number;
  /** The replacement digits, one per digit of the matched span (shape kept). */
  digits: string;
  /** Set when the tracking number has another digit count: text for the whole span. */
  text?: string;
}

// Country codes (ITU-T E.164) are prefix-free: 1 and 7 have one digit, these two,
// every other three. This is all it takes to split a number into code and rest.
const CC = /^([17]|2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])/;

/**
 * Parses a configured number: 10 digits (North American), 11 digits starting with 1,
 * or E.164 (`+` then 8 to 15 digits). Separators are ignored. Null when it is none of these.
 */
export function parsePhone(input: unknown): Phone | null {
  if (typeof input !== "string" && typeof input !== "number") return null;
  const s = String(input).replace(/[\s().\-\u2010-\u2015]/g, "");
  const m = /^(?:\+([1-9]\d{7,14})|1?(\d{10}))$/.exec(s);
  if (!m) return null;
  const d = m[1] || "1" + m[2];
  const cc = (CC.exec(d) || [d.slice(0, 3)])[0];
  return cc === "1" && d.length !== 11 ? null : { cc, nsn: d.slice(cc.length) };
}

/** The key a target is filed under in `Table.keys`: its national spelling (NANP) or `+CC` spelling. */
export const phoneKey = (p: Phone) => (p.cc === "1" ? "" : "+" + p.cc) + p.nsn;

/**
 * Builds the table from [target, tracking number] pairs of parsed numbers.
 * The first pair to claim a key keeps it, so config order decides overlaps.
 */
export function buildTable(pairs: Array<[Phone, Phone]>): Table {
  const keys = new Map<string, Entry>();
  const needles: string[] = [];
  for (const [target, tracking] of pairs) {
    for (const f of target.cc === "1" ? FORMS_NANP : FORMS) {
      const key = f.replace("C", target.cc) + target.nsn;
      if (!keys.has(key)) keys.set(key, { f, target, tracking });
    }
    const n = target.nsn.slice(target.cc === "1" ? -4 : -2);
    if (needles.indexOf(n) < 0) needles.push(n);
  }
  // Needles are digits only, so they are safe in a RegExp and in a CSS string.
  return { keys, needles, needle: new RegExp(needles.join("|") || "$^") };
}

// A run: optional "+", a digit, then digits and separators, ending on a digit, with at
// least 7 characters (no phone number is shorter). `\s` covers NBSP, thin and narrow
// no-break spaces (U+00A0, U+2009, U+202F).
const RUN = /\+?\d[\d\s().\-\u2010-\u2015]{5,}\d/g;

/**
 * North American numbers are printed in 3-3-4 groups (with any of the cuts left out),
 * so "5551 231 234" is not 555-123-1234. Other countries group their digits in many
 * ways (020 7123 4567, 0207 123 4567), so any grouping is taken there. `cuts` has a
 * bit set for each group boundary, counted in digits.
 */
function fits(e: Entry, cuts: number): boolean {
  const lead = e.f.length && 1;
  return e.target.cc !== "1" || !(cuts & ~((1 << lead) | (8 << lead) | (64 << lead)));
}

/** Finds every printed swap target in `text`, left to right, without overlaps. */
export function findSwaps(text: string, table: Table): Swap[] {
  const out: Swap[] = [];
  if (!table.needle.test(text)) return out;
  let run: RegExpExecArray | null;
  RUN.lastIndex = 0;
  while ((run = RUN.exec(text))) {
    const s = run[0];
    // Group k is s.slice(at[k], to[k]); the separator before it is s.slice(to[k-1], at[k]).
    const at: number[] = [];
    const to: number[] = [];
    for (let i = 0, inGroup = false; i <= s.length; i++) {
      const digit = i < s.length && s.charCodeAt(i) > 47 && s.charCodeAt(i) < 58;
      if (digit !== inGroup) {
        (digit ? at : to).push(i);
        inGroup = digit;
      }
    }
    // "-" or "." alone glue two groups into one token ("555-123-1234-99" is not a match).
    const glued = (k: number) => at[k] - to[k - 1] === 1 && (s[at[k] - 1] === "-" || s[at[k] - 1] === ".");
    for (let i = 0; i < at.length; i++) {
      // After a leading "+CC", the digits belong to that country ("+44 555 123 1234").
      if ((i && glued(i)) || (i === 1 && s[0] === "+")) continue;
      let key = i || s[0] !== "+" ? "" : "+";
      let best = -1;
      let entry: Entry | undefined;
      let cuts = 0;
      let printed = 0;
      // A separator of more than 3 characters ends the number ("1234    5678").
      for (let j = i; j < at.length && printed < 18 && (j === i || at[j] - to[j - 1] < 4); j++) {
        key += s.slice(at[j], to[j]);
        const e = table.keys.get(key);
        if (e && !(j + 1 < at.length && glued(j + 1)) && fits(e, cuts)) {
          best = j;
          entry = e;
        }
        cuts |= 1 << (printed += to[j] - at[j]);
      }
      if (!entry) continue;
      const t = entry.tracking;
      const national = entry.f.indexOf("C") < 0;
      const digits = national && t.cc !== entry.target.cc ? "" : entry.f.replace("C", t.cc).replace("+", "") + t.nsn;
      const swap: Swap = { start: run.index + at[i], end: run.index + to[best], digits };
      printed = 0;
      for (let k = i; k <= best; k++) printed += to[k] - at[k];
      // Another digit count: the shape cannot be kept, print the number plainly. A "+"
      // printed before the span stays, so it is not repeated.
      if (digits.length !== printed) swap.text = (key[0] === "+" ? "" : "+") + t.cc + t.nsn;
      out.push(swap);
      i = best;
    }
  }
  return out;
}

/** Rewrites the digits of `span` one by one with `digits` from `from` on, keeping every other character. */
export function rewriteDigits(span: string, digits: string, from = 0): string {
  // A plain loop: a replace() callback costs a call per digit (measured in bench/).
  let r = "";
  for (let i = 0; i < span.length; i++) {
    const c = span.charCodeAt(i);
    r += c > 47 && c < 58 ? digits[from++] : span[i];
  }
  return r;
}

/** Applies swaps (from `findSwaps` on the same text) and returns the new text. */
export function applySwaps(text: string, swaps: Swap[]): string {
  let r = "";
  let at = 0;
  for (const w of swaps) {
    r += text.slice(at, w.start) + (w.text || rewriteDigits(text.slice(w.start, w.end), w.digits));
    at = w.end;
  }
  return r + text.slice(at);
}

/** Swaps every target in one string. */
export function swapText(text: string, table: Table): string {
  return applySwaps(text, findSwaps(text, table));
}
