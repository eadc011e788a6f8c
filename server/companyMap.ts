// The companies every request needs, kept in memory per process (a lookup per request would
// cost a query on the lease path). A change made by any process moves the store's companies
// revision; each process compares it every few seconds and reloads when it moved, so several
// processes on one PostgreSQL database converge within that interval
// (docs/operations.md#several-processes).
import type { Company, TrackerRecord } from "./companies";
import type { Store } from "./store";

/** Where a call or text to a number goes: the active tracker that owns it, in its company. */
export interface Route {
  company: Company;
  tracker: TrackerRecord;
}

/**
 * Number → route for every active tracker of every active company: its tracking numbers, and
 * a session pool's fallback number (when no tracker owns that number itself). Calls are routed
 * from this map alone, so a caller reaches the business whatever the store does
 * (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier).
 */
export function routesOf(companies: Iterable<Company>): Map<string, Route> {
  const routes = new Map<string, Route>();
  const fallbacks: Array<[string, Route]> = [];
  for (const company of companies) {
    if (company.status == "disabled") continue;
    for (const tracker of company.trackers) {
      if (tracker.status != "active") continue;
      for (const n of tracker.tracking_numbers || []) if (!routes.has(n)) routes.set(n, { company, tracker });
      if (tracker.fallback_number) fallbacks.push([tracker.fallback_number, { company, tracker }]);
    }
  }
  for (const [n, route] of fallbacks) if (!routes.has(n)) routes.set(n, route);
  return routes;
}

export interface CompanyMap {
  get(id: string): Company | undefined;
  values(): IterableIterator<Company>;
  keys(): IterableIterator<string>;
  readonly size: number;
  /** The active tracker a number belongs to (calls and texts). */
  route(number: string): Route | undefined;
  /** Reloads when the store's revision moved; resolves true when it did. */
  refresh(): Promise<boolean>;
}

export async function loadCompanyMap(store: Store): Promise<CompanyMap> {
  let map = new Map<string, Company>();
  let routes = new Map<string, Route>();
  let revision = -1;
  async function refresh(): Promise<boolean> {
    const now = await store.companiesRevision();
    if (now == revision) return false;
    const companies = await store.loadCompanies();
    map = new Map(companies.map((c) => [c.id, c]));
    routes = routesOf(companies);
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
    route: (number) => routes.get(number),
    refresh,
  };
}
