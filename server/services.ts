// What the routes share: the store, the company map, the API token and the clock. Made once
// per server by createServices; the routes receive it and never open anything themselves.
import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { Company } from "./companies";
import { clientAddress, clientKey } from "./clients";
import { loadCompanyMap, type CompanyMap } from "./companyMap";
import type { LimitOptions } from "./limit";
import { openStore, type ClaimClient, type Store } from "./store";
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
  /** The URL the carrier and browsers reach this server at (signatures are over it); default http://HOST:PORT. */
  publicUrl?: string;
  /** The carrier's auth token (TWILIO_AUTH_TOKEN): without it the carrier webhooks answer 403. */
  twilioToken?: string | null;
  /** Webhook URLs may be private, loopback or link-local addresses (WEBHOOKS_ALLOW_PRIVATE=1). */
  allowPrivateWebhooks?: boolean;
  /** Form submissions stored per company in 24 hours (default DEFAULT_FORM_QUOTA); 0: no quota. */
  formDailyQuota?: number;
  /** Live leases one client (address, IPv6 by /64) may hold per company (default DEFAULT_LEASES_PER_ADDRESS); 0: no cap. */
  leasesPerAddress?: number;
  /** A lease ends this long after it began when its number had no call (default DEFAULT_LEASE_MAX_SECONDS); 0: never. */
  leaseMaxSeconds?: number;
}

/** Enough for a household or a small office behind one address; a small share of any pool. */
export const DEFAULT_LEASES_PER_ADDRESS = 4;
/** Four hours: longer than a visit, shorter than holding a number for a day. */
export const DEFAULT_LEASE_MAX_SECONDS = 4 * 3600;

export interface Services {
  store: Store;
  companies: CompanyMap;
  token: string;
  now: () => number;
  publicUrl: string;
  twilioToken: string | null;
  allowPrivateWebhooks: boolean;
  /** Called after a write queued webhooks, so the delivery worker looks at once (set by the worker). */
  nudgeWebhooks: () => void;
  /** Who a request comes from, as the per-client lease cap counts (server/clients.ts). */
  client: (c: Context) => ClaimClient;
}

/**
 * The per-client lease cap's view of a request: a keyed hash of the client's address group,
 * keyed by a secret derived from the API token (the same in every process of one server).
 */
function clientOf(o: ServerOptions): (c: Context) => ClaimClient {
  const secret = createHash("sha256")
    .update("calltrk client key\0" + o.token)
    .digest("hex");
  const cap = o.leasesPerAddress ?? DEFAULT_LEASES_PER_ADDRESS;
  return (c) => ({ key: clientKey(secret, clientAddress(c, !!o.trustProxy)), cap });
}

/** Opens the store (migrating it), imports the company files, loads the company map. */
export async function createServices(o: ServerOptions): Promise<Services> {
  const now = o.now || Date.now;
  const store = await openStore({
    dataDir: o.dataDir,
    databaseUrl: o.databaseUrl,
    idleSeconds: o.idleSeconds || 1800,
    leaseMaxSeconds: o.leaseMaxSeconds ?? DEFAULT_LEASE_MAX_SECONDS,
    postgres: o.postgres,
  });
  try {
    if (o.companies && o.companies.length) await store.importCompanies(o.companies, now());
    const companies = await loadCompanyMap(store);
    return {
      store,
      companies,
      token: o.token,
      now,
      publicUrl: (o.publicUrl || "http://127.0.0.1:3000").replace(/\/+$/, ""),
      twilioToken: o.twilioToken || null,
      allowPrivateWebhooks: !!o.allowPrivateWebhooks,
      nudgeWebhooks: () => {},
      client: clientOf(o),
    };
  } catch (e) {
    await store.close().catch(() => {});
    throw e;
  }
}
