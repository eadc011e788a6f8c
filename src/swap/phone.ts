// Phone matching: pure functions, no DOM. Finds printed swap targets in a string and
// builds their replacement in the printed shape (docs/swapping.md#how-numbers-are-found).
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
  /**
   * A vanity or exact-text swap target (`1-844-JH-FETAL`): found as exactly this text
   * and replaced by the tracking number in national format; `cc` and `nsn` are empty.
   */
  text?: string;
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
  /** Printed digit string (with a leading `+` when printed) to entry; vanity targets under `phoneKey`. */
  keys: Map<string, Entry>;
  /** Vanity targets, found by their exact text. */
  texts: Entry[];
  /**
   * Digits every printing of some target holds in one piece: the last four of a North
   * American number (always printed 3-3-4), the last two of others. A text without
   * any of them cannot hold a target, which makes the walk cheap (`needle.test`).
   * A vanity target is its own needle.
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

const SEPARATORS = /[\s().\-\u2010-\u2015]/g;
/** NANP area codes and exchanges never start with 0 or 1 (`1` + area + exchange, as digits). */
const NANP_IMPOSSIBLE = /^1(?:[01]|\d{3}[01])/;

/**
 * The number as E.164 digits with its `+`, or null: `+` then 7 to 15 digits, 10 digits
 * (North American), or 11 digits starting with 1; separators ignored. `plausible` also
 * refuses North American numbers no carrier can ring (area code or exchange starting
 * with 0 or 1).
 */
function e164(raw: unknown, plausible: boolean): string | null {
  if (typeof raw !== "string" && typeof raw !== "number") return null;
  const m = /^(?:\+([1-9]\d{6,14})|1?(\d{10}))$/.exec(String(raw).replace(SEPARATORS, ""));
  if (!m) return null;
  const d = m[1] || "1" + m[2];
  if (d[0] === "1" && (d.length !== 11 || (plausible && NANP_IMPOSSIBLE.test(d)))) return null;
  return "+" + d;
}

/**
 * A vanity or exact-text target as written in `swap_targets` (docs/swapping.md#vanity-targets):
 * 7 to 30 characters, letters, digits, spaces and `+ - . ( )`, at least one letter. Its
 * characters are safe in a RegExp once `( ) . +` are escaped, and in a CSS string as they are.
 */
const VANITY = /^(?=.*[A-Za-z])[A-Za-z\d+(][A-Za-z\d ().+-]{5,28}[A-Za-z\d)]$/;

/**
 * The one phone normaliser of the bundle and the server: a number that can ring, as
 * E.164 (`+14045551111`), or null. Accepts `+` E.164 (7 to 15 digits), 10-digit North
 * American numbers and 11-digit ones starting with 1, with any separators; refuses
 * everything else, and North American numbers whose area code or exchange starts with
 * 0 or 1 (`"0000000000"` is null).
 */
export const toE164 = (raw: string): string | null => e164(raw, true);

/**
 * Parses a number into country code and national number. Tracking numbers (what is shown
 * and dialled) must be numbers that can ring (`toE164`); swap targets are text printed on
 * a site and only need the shape of a number (`target`), so a site's fictional
 * `555-123-1234` is still found.
 */
export function parsePhone(input: unknown, target?: boolean): Phone | null {
  const d = e164(input, !target);
  if (!d) {
    const text = target && typeof input == "string" ? input.trim() : "";
    return VANITY.test(text) ? { cc: "", nsn: "", text } : null;
  }
  const cc = (CC.exec(d.slice(1)) || [d.slice(1, 4)])[0];
  return { cc, nsn: d.slice(1 + cc.length) };
}

/** The key a target is filed under in `Table.keys`: its national spelling (NANP) or `+CC` spelling. */
export const phoneKey = (p: Phone) => (p.text ? "=" + p.text : (p.cc === "1" ? "" : "+" + p.cc) + p.nsn);

/** A tracking number as a visitor reads it: `(404) 555-1111` for North America, `+44 2071234567` elsewhere. */
export function nationalFormat(p: Phone): string {
  const n = p.nsn;
  return p.cc === "1" ? "(" + n.slice(0, 3) + ") " + n.slice(3, 6) + "-" + n.slice(6) : "+" + p.cc + " " + n;
}

/**
 * Builds the table from [target, tracking number] pairs of parsed numbers.
 * The first pair to claim a key keeps it, so config order decides overlaps.
 */
export function buildTable(pairs: Array<[Phone, Phone]>): Table {
  const keys = new Map<string, Entry>();
  const texts: Entry[] = [];
  const needles: string[] = [];
  for (const [target, tracking] of pairs) {
    if (target.text) {
      const k = phoneKey(target);
      if (!keys.has(k)) {
        keys.set(k, { f: "", target, tracking });
        texts.push(keys.get(k)!);
        needles.push(target.text);
      }
      continue;
    }
    for (const f of target.cc === "1" ? FORMS_NANP : FORMS) {
      const key = f.replace("C", target.cc) + target.nsn;
      if (!keys.has(key)) keys.set(key, { f, target, tracking });
    }
    const n = target.nsn.slice(target.cc === "1" ? -4 : -2);
    if (needles.indexOf(n) < 0) needles.push(n);
  }
  // Needles are digits or vanity texts (see VANITY): safe in a CSS string, and in a RegExp once escaped.
  return {
    keys,
    texts,
    needles,
    needle: new RegExp(needles.map((n) => n.replace(/[().+]/g, "\\$&")).join("|") || "$^"),
  };
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

/**
 * Finds every printed swap target in `text`, left to right, without overlaps. `link`: the
 * text is a phone link's URL, where a vanity target becomes the E.164 number.
 */
export function findSwaps(text: string, table: Table, link?: boolean): Swap[] {
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
  return table.texts.length ? withVanity(text, table, out, link) : out;
}

const alnum = (c: string | undefined) => !!c && /[A-Za-z\d]/.test(c);

/** Adds the vanity targets found in `text` to the number swaps, in order, the first of overlapping ones kept. */
function withVanity(text: string, table: Table, found: Swap[], link?: boolean): Swap[] {
  for (const e of table.texts) {
    const t = e.target.text!;
    for (let at = text.indexOf(t); at >= 0; at = text.indexOf(t, at + 1)) {
      // Whole words only: "443-997-KIDS" is not inside "443-997-KIDSCLUB".
      if (alnum(text[at - 1]) || alnum(text[at + t.length])) continue;
      const p = e.tracking;
      found.push({ start: at, end: at + t.length, digits: "", text: link ? "+" + p.cc + p.nsn : nationalFormat(p) });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const out: Swap[] = [];
  for (const w of found) if (!out.length || w.start >= out[out.length - 1].end) out.push(w);
  return out;
}

/** Length of the leading run of phone characters: digits, spaces, ( ) + - . and dashes. */
export function phonePrefix(s: string): number {
  const i = s.search(/[^\d\s()+.\-\u2010-\u2015]/);
  return i < 0 ? s.length : i;
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

/** Swaps every target in one string (`link`: a phone link's URL). */
export function swapText(text: string, table: Table, link?: boolean): string {
  return applySwaps(text, findSwaps(text, table, link));
}
