// The store boundary: every read and write of the server goes through these typed functions,
// and no SQL exists outside server/store/. Two databases behind it, chosen at start: embedded
// SQLite under DATA_DIR (the default), or PostgreSQL when DATABASE_URL is set
// (docs/protocol.md#10-stores, docs/operations.md#the-store).
import type { CallInput } from "../calls";
import type { Company } from "../companies";
import { addCall, getCall, listCalls, recentCalls } from "./calls";
import { companiesRevision, importCompanies, loadCompanies } from "./companies";
import { dashboardStore } from "./dashboard";
import { claimNumbers, endIdleLeases, renewSession, type Claimed } from "./leases";
import { migrate } from "./migrate";
import { openPostgres, type PostgresOptions } from "./postgres";
import { accountExists, leaseHistory, listForms, liveLeases, poolUse, recentForms, recentSessions } from "./reads";
import { addForm, addPageView, purgeVisitorData, sessionPageViews, touchSession, type PageView } from "./records";
import type { FormBody, Paging, Visitor } from "./rows";
import type { Db } from "./sql";
import { openSqlite } from "./sqlite";

export { StoreUnavailable } from "./sql";
export type { Claimed } from "./leases";
export type * from "./rows";
export type { DashCall, DashForm, DashSession, DashboardStore, Journey, PoolHistory } from "./dashboard";

export interface StoreOptions {
  /** PostgreSQL URL (postgres://user:pass@host:port/db); when absent, SQLite under dataDir. */
  databaseUrl?: string;
  /** Folder of calltrk.sqlite, or ":memory:". */
  dataDir: string;
  /** A lease ends after this long without a claim or page view, seconds. */
  idleSeconds: number;
  postgres?: PostgresOptions;
}

export interface ClaimRequest {
  company: Company;
  sessionId: string;
  trackerIds: string[];
  visitor: Visitor | null;
  /** The page that asked, recorded as the session's page view (docs/protocol.md#51-session-numbers). */
  page: PageView | null;
  now: number;
}

export type Store = ReturnType<typeof storeOver>;

/** The store's functions over an open database whose schema is current. */
export function storeOver(db: Db, idleSeconds: number) {
  const idle = idleSeconds * 1000;
  return {
    db,
    dialect: db.dialect,
    leaseSeconds: idleSeconds,

    importCompanies: (companies: Company[], now: number) => importCompanies(db, companies, now),
    loadCompanies: () => loadCompanies(db),
    companiesRevision: () => companiesRevision(db),

    /** The session row, the page that asked, and the numbers: one transaction. */
    claim: (r: ClaimRequest): Promise<Claimed> =>
      db.tx(async (sql) => {
        await touchSession(sql, r.company.id, r.sessionId, r.visitor, r.now);
        if (r.page) await addPageView(sql, r.company.id, r.sessionId, r.page, r.now);
        return claimNumbers(sql, r.company, r.sessionId, r.trackerIds, r.now, idle);
      }),
    /** A page view: recorded, and the session's leases renewed (docs/protocol.md#52-page-views). */
    pageView: (companyId: string, sessionId: string, view: PageView, now: number) =>
      db.tx(async (sql) => {
        await touchSession(sql, companyId, sessionId, null, now);
        await addPageView(sql, companyId, sessionId, view, now);
        await renewSession(sql, companyId, sessionId, now);
      }),
    /** True when stored now; false when this id was stored before. */
    addForm: (companyId: string, body: FormBody, now: number) => db.tx((sql) => addForm(sql, companyId, body, now)),
    addCall: (c: Company, input: CallInput, now: number) => db.tx((sql) => addCall(sql, c, input, now, idle)),

    /** Ends idle leases; one process at a time. */
    expireLeases: (now: number) => db.exclusive("lease expiry", (sql) => endIdleLeases(sql, now, idle)),
    /** Visitor data older than `before` goes (docs/privacy.md); one process at a time. */
    purge: (before: number) => db.exclusive("retention", (sql) => purgeVisitorData(sql, before)),

    accountExists: (accountId: string) => accountExists(db, accountId),
    listCalls: (accountId: string, companyId: string | null, p: Paging) => listCalls(db, accountId, companyId, p),
    getCall: (accountId: string, id: number) => getCall(db, accountId, id),
    callPageViews: (companyId: string, sessionId: string, until: number, p: Paging) =>
      sessionPageViews(db, companyId, sessionId, until, p.per_page, (p.page - 1) * p.per_page),
    listForms: (accountId: string, companyId: string | null, p: Paging) => listForms(db, accountId, companyId, p),

    recentCalls: (limit: number) => recentCalls(db, limit),
    recentForms: (limit: number) => recentForms(db, limit),
    recentSessions: (limit: number) => recentSessions(db, limit),
    liveLeases: (limit: number) => liveLeases(db, limit),
    poolUse: () => poolUse(db),
    leaseHistory: (companyId: string) => leaseHistory(db, companyId),
    /** The dashboard's reads and logins (docs/dashboard.md). */
    dashboard: dashboardStore(db, idle),

    close: () => db.close(),
  };
}

/** Opens the database the options name, brings its schema up to date, and gives the store. */
export async function openStore(o: StoreOptions): Promise<Store> {
  const db = o.databaseUrl ? openPostgres(o.databaseUrl, o.postgres) : openSqlite(o.dataDir);
  try {
    await migrate(db);
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }
  return storeOver(db, o.idleSeconds);
}
