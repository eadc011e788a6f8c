// What the pages read for a range: the company's calls, leads and visitors from the store, each
// named by the server's classification (naming.ts), newest first, with the source filter
// applied. Reads are bounded: past ROW_CAP rows of a kind, the newest ROW_CAP are used and the
// page says so (docs/dashboard.md#limits).
import type { DashCall, DashForm, DashSession, DashboardStore } from "../store";
import type { Filters } from "./filters";
import type { Named, Namer } from "./naming";

export const ROW_CAP = 20000;

export type Listed<T> = T & { named: Named; at: number };

export interface Rows<T> {
  /** The rows of the source filter, newest first. */
  rows: Listed<T>[];
  /** Every source seen in the range, for the filter's choices. */
  sources: string[];
  /** True when the range held more than ROW_CAP rows and only the newest were read. */
  capped: boolean;
}

function listed<T>(raw: T[], f: Filters, name: (r: T) => Named, at: (r: T) => number): Rows<T> {
  const capped = raw.length > ROW_CAP;
  const all = raw.slice(0, ROW_CAP).map((r) => ({ ...r, named: name(r), at: at(r) }));
  const sources = [...new Set(all.map((r) => r.named.source))].sort((a, b) => a.localeCompare(b));
  return { rows: f.source ? all.filter((r) => r.named.source === f.source) : all, sources, capped };
}

export async function callsIn(store: DashboardStore, f: Filters, n: Namer): Promise<Rows<DashCall>> {
  const raw = await store.callsBetween(f.company.id, f.start, f.end, ROW_CAP + 1);
  return listed(
    raw,
    f,
    (r) => n.call(r.record),
    (r) => r.start_time,
  );
}

export async function leadsIn(store: DashboardStore, f: Filters, n: Namer): Promise<Rows<DashForm>> {
  const raw = await store.formsBetween(f.company.id, f.start, f.end, ROW_CAP + 1);
  return listed(
    raw,
    f,
    (r) => n.lead(r.body),
    (r) => r.created_at,
  );
}

export async function visitorsIn(store: DashboardStore, f: Filters, n: Namer): Promise<Rows<DashSession>> {
  const raw = await store.sessionsBetween(f.company.id, f.start, f.end, ROW_CAP + 1);
  return listed(
    raw,
    f,
    (r) => n.visitor(r.visitor),
    (r) => r.last_seen_at,
  );
}

/** One page of rows. */
export const pageOf = <T>(rows: T[], f: Filters, per: number): T[] => rows.slice((f.page - 1) * per, f.page * per);
