// The companies every request needs, kept in memory per process (a lookup per request would
// cost a query on the lease path). A change made by any process moves the store's companies
// revision; each process compares it every few seconds and reloads when it moved, so several
// processes on one PostgreSQL database converge within that interval
// (docs/operations.md#several-processes).
import type { Company } from "./companies";
import type { Store } from "./store";

export interface CompanyMap {
  get(id: string): Company | undefined;
  values(): IterableIterator<Company>;
  keys(): IterableIterator<string>;
  readonly size: number;
  /** Reloads when the store's revision moved; resolves true when it did. */
  refresh(): Promise<boolean>;
}

export async function loadCompanyMap(store: Store): Promise<CompanyMap> {
  let map = new Map<string, Company>();
  let revision = -1;
  async function refresh(): Promise<boolean> {
    const now = await store.companiesRevision();
    if (now == revision) return false;
    const companies = await store.loadCompanies();
    map = new Map(companies.map((c) => [c.id, c]));
    revision = now;
    return true;
  }
  await refresh();
  return {
    get: (id) => map.get(id),
    values: () => map.values(),
    keys: () => map.keys(),
    get size() {
      return map.size;
    },
    refresh,
  };
}
