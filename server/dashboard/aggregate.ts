// The overview's figures from named items (docs/dashboard.md#overview): calls and leads per
// local day and source, and every source/medium with its visitors, calls and leads. Pure.
import { dayIndex, type Days } from "./time";

export interface Item {
  at: number;
  source: string;
  medium: string | null;
}

export interface SourceRow {
  source: string;
  medium: string | null;
  visitors: number;
  /** Visitors that were leased a pool number. */
  held: number;
  calls: number;
  leads: number;
}

/** The name of the series that gathers the sources past the first few. */
export const OTHER = "Other sources";

/** The `max` sources with the most items (ties by name), then OTHER when more exist. */
export function seriesOrder(items: Item[], max = 7): string[] {
  const count = new Map<string, number>();
  for (const i of items) count.set(i.source, (count.get(i.source) || 0) + 1);
  const sorted = [...count.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map((e) => e[0]);
  return sorted.length > max ? [...sorted.slice(0, max - 1), OTHER] : sorted;
}

/** Counts per day and series: `[day][series]`, items outside the days left out. */
export function perDay(items: Item[], days: Days, series: string[]): number[][] {
  const out = days.days.map(() => series.map(() => 0));
  const index = new Map(series.map((s, i) => [s, i]));
  const other = index.get(OTHER);
  for (const i of items) {
    const d = dayIndex(days, i.at);
    const s = index.has(i.source) ? index.get(i.source)! : other;
    if (d >= 0 && s !== undefined) out[d][s]++;
  }
  return out;
}

/** One row per source and medium, the busiest (calls + leads, then visitors) first. */
export function bySource(calls: Item[], leads: Item[], visitors: Array<Item & { held: boolean }>): SourceRow[] {
  const rows = new Map<string, SourceRow>();
  const row = (i: Item) => {
    const key = i.source + "\n" + (i.medium ?? "");
    let r = rows.get(key);
    if (!r) {
      r = { source: i.source, medium: i.medium, visitors: 0, held: 0, calls: 0, leads: 0 };
      rows.set(key, r);
    }
    return r;
  };
  for (const i of calls) row(i).calls++;
  for (const i of leads) row(i).leads++;
  for (const v of visitors) {
    const r = row(v);
    r.visitors++;
    if (v.held) r.held++;
  }
  return [...rows.values()].sort(
    (a, b) => b.calls + b.leads - (a.calls + a.leads) || b.visitors - a.visitors || (a.source < b.source ? -1 : 1),
  );
}
