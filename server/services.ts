// What the routes share: the store, the company map, the API token and the clock. Made once
// per server by createServices; the routes receive it and never open anything themselves.
import type { Company } from "./companies";
import { loadCompanyMap, type CompanyMap } from "./companyMap";
import type { LimitOptions } from "./limit";
import { openStore, type Store } from "./store";
import type { PostgresOptions } from "./store/postgres";

export interface ServerOptions {
  /** Folder of the SQLite file, or ":memory:" (ignored with databaseUrl). */
  dataDir: string;
  /** PostgreSQL URL: use PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  postgres?: PostgresOptions;
  /** API token for calls, the read API and the dashboard. */
  token: string;
  /** Lease idle time in seconds (default 1800). */
  idleSeconds?: number;
  /** Project root: dist/ (bundle) and demo/ are found under it. */
  root: string;
  /** Company files stored (and updated) at start. */
  companies?: Company[];
  /** Demo mode: the dashboard opens without a token from loopback. */
  demo?: boolean;
  /** Also serve this folder at /fixtures/ (the e2e pages). */
  fixturesDir?: string;
  /** Add POST /echo, the bench's baseline route. */
  echo?: boolean;
  version?: string;
  /** Clock, for tests. */
  now?: () => number;
  /** Per-client limit on the public endpoints (default DEFAULT_LIMIT); null: none. */
  rateLimit?: LimitOptions | null;
  /** Client addresses from X-Forwarded-For (only behind your own proxy). */
  trustProxy?: boolean;
  /** Form submissions stored per company in 24 hours (default DEFAULT_FORM_QUOTA); 0: no quota. */
  formDailyQuota?: number;
}

export interface Services {
  store: Store;
  companies: CompanyMap;
  token: string;
  now: () => number;
}

/** Opens the store (migrating it), imports the company files, loads the company map. */
export async function createServices(o: ServerOptions): Promise<Services> {
  const now = o.now || Date.now;
  const store = await openStore({
    dataDir: o.dataDir,
    databaseUrl: o.databaseUrl,
    idleSeconds: o.idleSeconds || 1800,
    postgres: o.postgres,
  });
  try {
    if (o.companies && o.companies.length) await store.importCompanies(o.companies, now());
    const companies = await loadCompanyMap(store);
    return { store, companies, token: o.token, now };
  } catch (e) {
    await store.close().catch(() => {});
    throw e;
  }
}
