// Times on the dashboard (docs/dashboard.md#time-zones): every time is shown in the company's
// `time_zone` (an IANA name, UTC when absent or unknown) in one format, `2026-11-22 05:00`, and
// days are that zone's calendar days, found with Intl and no time-zone table of our own. Pure.

export interface Zone {
  /** The IANA name used, `UTC` when the company's was absent or unknown. */
  name: string;
  /** The company's value when it was not usable (shown as a note), else null. */
  refused: string | null;
  parts: Intl.DateTimeFormat;
}

const DAY_MS = 86400000;
const MINUTE_MS = 60000;
const zones = new Map<string, Zone>();

/** The zone named by a company's `time_zone`; UTC when it is absent, not a string, or not a zone Intl knows. */
export function zoneOf(name: unknown): Zone {
  const wanted = typeof name == "string" && name.length <= 64 && name ? name : "UTC";
  let z = zones.get(wanted);
  if (!z) {
    let parts: Intl.DateTimeFormat;
    let used = wanted;
    try {
      parts = formatter(wanted);
    } catch {
      used = "UTC";
      parts = formatter(used);
    }
    z = { name: used, refused: used == wanted ? null : wanted, parts };
    if (zones.size < 1000) zones.set(wanted, z);
  }
  // A value that was not a string is refused too, and says so.
  return name != null && typeof name != "string" ? { ...z, refused: "(not a name)" } : z;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** `YYYY-MM-DD` and `HH:mm` of an instant in the zone. */
function local(z: Zone, t: number): { day: string; time: string } {
  const p: Record<string, string> = {};
  for (const x of z.parts.formatToParts(t)) p[x.type] = x.value;
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The one format of the dashboard: `2026-11-22 05:00`, in the zone; empty for a time that is not one. */
export function formatTime(z: Zone, t: unknown): string {
  const ms = typeof t == "string" ? Date.parse(t) : typeof t == "number" ? t : NaN;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return "";
  const l = local(z, ms);
  return l.day + " " + l.time;
}

/** The zone's calendar day of an instant, `YYYY-MM-DD`. */
export const dayOf = (z: Zone, t: number): string => local(z, t).day;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` that names a real date (years 1970-9999), else null. */
export function parseDay(s: unknown): string | null {
  const m = typeof s == "string" ? DAY.exec(s) : null;
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  return +m[1] >= 1970 && new Date(t).toISOString().slice(0, 10) == m[0] ? m[0] : null;
}

/** Calendar arithmetic on `YYYY-MM-DD`. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `a` to `b` (`b` later: positive). */
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);

/**
 * The first instant of a calendar day in the zone: local midnight, or, where a clock change
 * skips midnight, the first minute that exists. Two guesses from the zone's offset find it on
 * almost every day; otherwise a search over minutes (local days only move forward with time).
 */
export function dayStart(z: Zone, day: string): number {
  const midnightUtc = Date.parse(day + "T00:00:00Z");
  const offset = (t: number) => {
    const l = local(z, t);
    return Date.parse(l.day + "T" + l.time + ":00Z") - t;
  };
  const first = (t: number) => local(z, t).day == day && local(z, t - MINUTE_MS).day < day;
  let guess = midnightUtc - offset(midnightUtc);
  if (first(guess)) return guess;
  guess = midnightUtc - offset(guess);
  if (first(guess)) return guess;
  let lo = (midnightUtc - 15 * 3600000) / MINUTE_MS;
  let hi = (midnightUtc + 15 * 3600000) / MINUTE_MS;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (local(z, mid * MINUTE_MS).day >= day) hi = mid;
    else lo = mid + 1;
  }
  return lo * MINUTE_MS;
}

/** Local days `from`..`to` (inclusive) and their first instants, plus the end of the last. */
export interface Days {
  from: string;
  to: string;
  days: string[];
  /** starts[i] is the first instant of days[i]; starts[days.length] the end of the range. */
  starts: number[];
}

export function daysOf(z: Zone, from: string, to: string): Days {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  const starts = days.map((d) => dayStart(z, d));
  starts.push(dayStart(z, addDays(to, 1)));
  return { from, to, days, starts };
}

/** Index of the day holding instant `t`, or -1 outside the range (a binary search: no Intl per row). */
export function dayIndex(d: Days, t: number): number {
  const s = d.starts;
  if (!(t >= s[0] && t < s[s.length - 1])) return -1;
  let lo = 0;
  let hi = s.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
