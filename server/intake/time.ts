// Times sent to the server (docs/security.md#times-and-numbers): RFC 3339 date-times only
// (https://www.rfc-editor.org/rfc/rfc3339#section-5.6), with every part in range. Date.parse
// alone reads "1", "March 7" and "2026-02-30" as dates. Pure.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|([+-])(\d{2}):(\d{2}))$/;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Milliseconds since 1970 of `2026-11-22T10:00:00Z`, `2026-11-22T10:00:00.123+02:00` and the
 * like, or null: date, time with seconds, an optional fraction, and `Z` or `±hh:mm`; from 1970 on.
 */
export function isoTime(raw: string): number | null {
  const m = RFC3339.exec(raw);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  // Before 1970 no call or form of this server happened (and Date.UTC reads years 0-99 as 19xx).
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offset = 0;
  if (m[9]) {
    const [h, min] = [Number(m[10]), Number(m[11])];
    if (h > 23 || min > 59) return null;
    offset = (m[9] == "-" ? -1 : 1) * (h * 60 + min) * 60000;
  }
  const ms = m[7] ? Math.floor(Number("0" + m[7]) * 1000) : 0;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset;
}
