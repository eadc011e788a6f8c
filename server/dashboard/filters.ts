// The dashboard's filters (docs/dashboard.md#filters), read from the query string of a GET
// form: company, first and last day (the company's calendar days, default the last 7), source
// (a display name) and page. Anything unreadable falls back to the default and says so. Pure.
import type { Company } from "../companies";
import { addDays, dayOf, daysBetween, daysOf, parseDay, zoneOf, type Days, type Zone } from "./time";

/** Longest range, in days: a year, plus one for a leap year. */
export const MAX_DAYS = 366;
export const DEFAULT_DAYS = 7;
const MAX_PAGE = 10000;

export interface Filters {
  company: Company;
  zone: Zone;
  days: Days;
  /** First instant of the range and the first after it. */
  start: number;
  end: number;
  source: string | null;
  page: number;
  /** What was asked and not used, said on the page. */
  notes: string[];
}

export type Query = Record<string, string | undefined>;

/** The companies in the order the selector lists them: by name, then id. */
export function companyOrder(companies: Iterable<Company>): Company[] {
  const name = (c: Company) => (typeof c.name == "string" && c.name) || c.id;
  return [...companies].sort((a, b) => name(a).localeCompare(name(b)) || (a.id < b.id ? -1 : 1));
}

/** The filters a query asks for; null when there is no company at all. */
export function readFilters(q: Query, companies: Company[], now: number): Filters | null {
  const notes: string[] = [];
  const company = companies.find((c) => c.id === q.company) || companies[0];
  if (!company) return null;
  if (q.company && company.id !== q.company)
    notes.push("No such company: showing " + ((typeof company.name == "string" && company.name) || company.id) + ".");
  const zone = zoneOf(company.time_zone);
  if (zone.refused) notes.push(`The company's time zone is not one this server knows: times are in UTC.`);
  const today = dayOf(zone, now);
  let to = parseDay(q.to) || today;
  let from = parseDay(q.from) || addDays(to, 1 - DEFAULT_DAYS);
  if ((q.to && !parseDay(q.to)) || (q.from && !parseDay(q.from)))
    notes.push("A date was not YYYY-MM-DD: default used.");
  if (from > to) [from, to] = [to, from];
  if (daysBetween(from, to) >= MAX_DAYS) {
    from = addDays(to, 1 - MAX_DAYS);
    notes.push(`At most ${MAX_DAYS} days at once: from ${from}.`);
  }
  const days = daysOf(zone, from, to);
  const page = Number(q.page || 1);
  const source = typeof q.source == "string" && q.source && q.source.length <= 200 ? q.source : null;
  return {
    company,
    zone,
    days,
    start: days.starts[0],
    end: days.starts[days.starts.length - 1],
    source,
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
    notes,
  };
}

/** A dashboard URL with the filters (and `extra`) in its query; defaults left out. */
export function link(path: string, f: Filters, extra: Record<string, string | number | null> = {}): string {
  const q = new URLSearchParams();
  q.set("company", f.company.id);
  q.set("from", f.days.from);
  q.set("to", f.days.to);
  if (f.source) q.set("source", f.source);
  for (const [k, v] of Object.entries(extra)) {
    if (v == null) q.delete(k);
    else q.set(k, String(v));
  }
  return path + "?" + q.toString();
}
