// Phone matching: pure functions, no DOM. Finds printed swap targets in a string and
// builds their replacement in the printed shape (PROTOCOL §2, issue 2 item 3).
//
// How a printed number is read: a *run* is a stretch of digits and separators
// (spaces of any kind, - . ( ) and dashes U+2010..2015). A run is cut into digit
// *groups*; a match is a sequence of whole groups whose digits, with a leading `+`
// when the run starts with one, equal one of the *keys* of a target (the national,
// trunk-prefixed and international spellings, see `keysOf`). Matching whole groups is
// what keeps `15551231234999` and `ID 905551231234` from matching: their digits sit
// inside one longer group.

/** A parsed E.164 number: country code and national significant number. */
export interface Phone {
  cc: string;
  nsn: string;
}

/** How a key was spelled; decides how the tracking number is spelled in its place. */
type Form = "" | "0" | "1" | "+" | "+0" | "00";

interface Entry {
  form: Form;
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

// Two-digit country codes (ITU-T E.164 assignments); 1 and 7 are the only one-digit
// codes and everything else is three digits. Codes are prefix-free, so this is enough
// to split any E.164 number into country code and national number.
const CC2 =
  "202730313233343639404143444546474849515253545556575860616263646566818284869091929394959598";

function ccLength(d: string): number {
  if (d[0] === "1" || d[0] === "7") return 1;
  const two = d.slice(0, 2);
  for (let i = 0; i < CC2.length; i += 2) if (CC2.slice(i, i + 2) === two) return 2;
  return 3;
}

/**
 * Parses a configured number: 10 digits (North American), 11 digits starting with 1,
 * or E.164 (`+` then 8 to 15 digits). Separators are ignored. Null when it is none of these.
 */
export function parsePhone(input: unknown): Phone | null {
  if (typeof input !== "string" && typeof input !== "number") return null;
  const raw = String(input).trim();
  const digits = raw.replace(/[\s().\-\u2010-\u2015]/g, "");
  let d: string;
  if (/^\+\d{8,15}$/.test(digits)) d = digits.slice(1);
  else if (/^\d{10}$/.test(digits)) d = "1" + digits;
  else if (/^1\d{10}$/.test(digits)) d = digits;
  else return null;
  if (d[0] === "0") return null;
  const n = ccLength(d);
  if (d[0] === "1" && d.length !== 11) return null;
  return { cc: d.slice(0, n), nsn: d.slice(n) };
}

/** E.164 text of a parsed number. */
export function e164(p: Phone): string {
  return "+" + p.cc + p.nsn;
}

/** The printed spellings of a target, each with the form that spells its replacement. */
function keysOf(p: Phone): Array<[string, Form]> {
  if (p.cc === "1") {
    return [
      [p.nsn, ""],
      ["1" + p.nsn, "1"],
      ["+1" + p.nsn, "+"],
    ];
  }
  return [
    ["+" + p.cc + p.nsn, "+"],
    ["+" + p.cc + "0" + p.nsn, "+0"], // "+44 (0)20 7123 4567"
    ["00" + p.cc + p.nsn, "00"],
    ["0" + p.nsn, "0"], // national with trunk prefix: "020 7123 4567"
    [p.nsn, ""],
  ];
}

/**
 * Builds the lookup table from [target, tracking number] pairs of parsed numbers.
 * The first pair to claim a key keeps it, so config order decides overlaps.
 */
export function buildTable(pairs: Array<[Phone, Phone]>): Table {
  const keys = new Map<string, Entry>();
  const needles: string[] = [];
  for (const [target, tracking] of pairs) {
    for (const [key, form] of keysOf(target)) {
      if (!keys.has(key)) keys.set(key, { form, target, tracking });
    }
    const n = target.nsn.slice(target.cc === "1" ? -4 : -2);
    if (needles.indexOf(n) < 0) needles.push(n);
  }
  // Needles are digits only, so they are safe in a RegExp and in a CSS string.
  return { keys, needles, needle: new RegExp(needles.join("|") || "$^") };
}

/** Digits of the tracking number spelled as the matched key was; null when only E.164 fits. */
function spell(e: Entry): string | null {
  const t = e.tracking;
  if (e.form === "+") return t.cc + t.nsn;
  if (e.form === "00") return "00" + t.cc + t.nsn;
  // National spellings only make sense when the tracking number is in the same country.
  if (t.cc !== e.target.cc) return null;
  if (e.form === "+0") return t.cc + "0" + t.nsn;
  if (e.form === "1") return "1" + t.nsn;
  if (e.form === "0") return "0" + t.nsn;
  return t.nsn;
}

// A run: optional "+", a digit, then digits and separators, ending on a digit, with at
// least 7 characters (no phone number is shorter). `\s` covers NBSP, thin and narrow
// no-break spaces (U+00A0, U+2009, U+202F).
const RUN = /\+?\d[\d\s().\-\u2010-\u2015]{5,}\d/g;
const GROUP = /\d+/g;
/** Longest key in the table: +CC (3) + NSN (up to 14) + trunk 0. */
const MAX_KEY_DIGITS = 18;

/**
 * North American numbers are printed in 3-3-4 groups (with any of the cuts left out),
 * so "5551 231 234" is not 555-123-1234. Other countries group their digits in many
 * ways (020 7123 4567, 0207 123 4567), so any grouping is taken there.
 */
function fits(e: Entry, cuts: number): boolean {
  if (e.target.cc !== "1") return true;
  const lead = e.form === "" ? 0 : 1;
  return (cuts & ~((1 << lead) | (1 << (lead + 3)) | (1 << (lead + 6)))) === 0;
}

/** True when the separator glues two groups into one number token ("555-123-1234-99"). */
function joins(sep: string): boolean {
  return sep === "-" || sep === ".";
}

/** Finds every printed swap target in `text`, left to right, without overlaps. */
export function findSwaps(text: string, table: Table): Swap[] {
  const out: Swap[] = [];
  if (!table.needle.test(text)) return out;
  RUN.lastIndex = 0;
  let run: RegExpExecArray | null;
  while ((run = RUN.exec(text))) {
    const base = run.index;
    const s = run[0];
    const starts: number[] = [];
    const ends: number[] = [];
    GROUP.lastIndex = 0;
    let g: RegExpExecArray | null;
    while ((g = GROUP.exec(s))) {
      // A separator of more than 3 characters ends the number ("1234    5678").
      if (ends.length && g.index - ends[ends.length - 1] > 3) {
        matchGroups(base, s, starts, ends, table, out);
        starts.length = ends.length = 0;
      }
      starts.push(g.index);
      ends.push(g.index + g[0].length);
    }
    matchGroups(base, s, starts, ends, table, out);
  }
  return out;
}

function matchGroups(
  base: number,
  s: string,
  starts: number[],
  ends: number[],
  table: Table,
  out: Swap[],
): void {
  const n = starts.length;
  const sep = (k: number) => s.slice(ends[k - 1], starts[k]);
  for (let i = 0; i < n; i++) {
    if (i > 0 && joins(sep(i))) continue;
    let key = s[starts[i] - 1] === "+" ? "+" : "";
    let best = -1;
    let entry: Entry | undefined;
    // "+44 555 123 1234": the digits after a leading "+CC" belong to that country.
    if (i === 1 && s[0] === "+") continue;
    let cuts = 0; // group boundaries, as digit counts, a bit per position
    for (let j = i; j < n && key.length <= MAX_KEY_DIGITS; j++) {
      key += s.slice(starts[j], ends[j]);
      const e = table.keys.get(key);
      if (e && !(j + 1 < n && joins(sep(j + 1))) && fits(e, cuts)) (best = j), (entry = e);
      cuts |= 1 << key.replace("+", "").length;
    }
    if (!entry) continue;
    const start = base + starts[i];
    const end = base + ends[best];
    const digits = spell(entry);
    let printed = 0;
    for (let k = i; k <= best; k++) printed += ends[k] - starts[k];
    const swap: Swap = { start, end, digits: digits || "" };
    if (digits === null || digits.length !== printed) {
      // Another digit count: the shape cannot be kept, print the number plainly.
      // A leading "+" stays in the text before the span, so it is not repeated.
      const plus = s[starts[i] - 1] === "+";
      swap.text = (plus ? "" : "+") + entry.tracking.cc + entry.tracking.nsn;
    }
    out.push(swap);
    i = best;
  }
}

/** Rewrites the digits of `span` one by one with `digits`, keeping every other character. */
export function rewriteDigits(span: string, digits: string, from = 0): string {
  let k = from;
  let r = "";
  for (let i = 0; i < span.length; i++) {
    const c = span.charCodeAt(i);
    r += c >= 48 && c <= 57 ? digits[k++] : span[i];
  }
  return r;
}

/** Applies swaps (from `findSwaps` on the same text) and returns the new text. */
export function applySwaps(text: string, swaps: Swap[]): string {
  let r = "";
  let at = 0;
  for (const w of swaps) {
    r += text.slice(at, w.start);
    r += w.text !== undefined ? w.text : rewriteDigits(text.slice(w.start, w.end), w.digits);
    at = w.end;
  }
  return r + text.slice(at);
}

/** Convenience for tests and callers with one string: swap every target in `text`. */
export function swapText(text: string, table: Table): string {
  const swaps = findSwaps(text, table);
  return swaps.length ? applySwaps(text, swaps) : text;
}
