// The store boundary: every read and write of the server goes through these typed functions,
// and no SQL exists outside server/store/. Two databases behind it, chosen at start: embedded
// SQLite under DATA_DIR (the default), or PostgreSQL when DATABASE_URL is set
// (docs/protocol.md#10-stores, docs/operations.md#the-store).
import type { CallInput } from "../calls";
import type { Company } from "../companies";
import {
  addCall,
  getCall,
  listCalls,
  recentCalls,
  recordProgress,
  updateCall,
  type CallChanges,
  type CallFilter,
} from "./calls";
import { accountCompanies, changeCompany, companyDoc, insertCompany } from "./config";
import { addForm, listFormObjects, type IntakeFacts } from "./forms";
import { checkFormQuota, purgeForms } from "./formLimits";
import { addText, listConversations } from "./texts";
import { claimDue, deliveryStatus, recordAttempt, type AttemptResult } from "./webhooks";
import type { CallProgress } from "../telephony/callFields";
import type { TextArrival } from "../telephony/textFields";
import { companiesRevision, importCompanies, loadCompanies } from "./companies";
import {
  claimInOneStatement,
  claimNumbers,
  endIdleLeases,
  endLongLeases,
  renewSession,
  type ClaimClient,
  type Claimed,
} from "./leases";
import { dashboardStore } from "./dashboard";
import { migrate } from "./migrate";
import { openPostgres, type PostgresOptions } from "./postgres";
import { accountExists, leaseHistory, listForms, liveLeases, poolUse, recentForms, recentSessions } from "./reads";
import { addPageView, purgeVisitorData, sessionPageViews, touchSession, type PageView } from "./records";
import type { FormBody, Paging, Visitor } from "./rows";
import type { Db } from "./sql";
import { openSqlite } from "./sqlite";

export { StoreUnavailable } from "./sql";
export { FormQuotaReached } from "./formLimits";
export type { Claimed, ClaimClient } from "./leases";
export type * from "./rows";
export type { CallChanges, CallFilter } from "./calls";
export type { IntakeFacts } from "./forms";
export type { Conversation } from "./texts";
export type { Delivery, DeliveryStatus, AttemptResult, WebhookEvent } from "./webhooks";
export type { DashCall, DashForm, DashSession, DashboardStore, Journey, PoolHistory } from "./dashboard";

export interface StoreOptions {
  /** PostgreSQL URL (postgres://user:pass@host:port/db); when absent, SQLite under dataDir. */
  databaseUrl?: string;
  /** Folder of calltrk.sqlite, or ":memory:". */
  dataDir: string;
  /** A lease ends after this long without a claim or page view, seconds. */
  idleSeconds: number;
  /** A lease ends this long after it began when its number had no call (0: never), seconds. */
  leaseMaxSeconds?: number;
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
  /** Who asks, for the per-client cap (none when absent). */
  client?: ClaimClient;
}

export type Store = ReturnType<typeof storeOver>;

/** The store's functions over an open database whose schema is current. */
export function storeOver(db: Db, idleSeconds: number, leaseMaxSeconds = 0) {
  const idle = idleSeconds * 1000;
  const longest = leaseMaxSeconds * 1000;
  return {
    db,
    dialect: db.dialect,
    leaseSeconds: idleSeconds,

    // Configuration (docs/protocol.md#7-operator-api-callrail-api-v3-subset).
    importCompanies: (companies: Company[], now: number) => importCompanies(db, companies, now),
    loadCompanies: () => loadCompanies(db),
    companiesRevision: () => companiesRevision(db),
    company: (id: string) => companyDoc(db, id),
    accountCompanies: (accountId: string) => accountCompanies(db, accountId),
    insertCompany: (c: Company, now: number) => insertCompany(db, c, now),
    changeCompany: (accountId: string, companyId: string, now: number, change: (c: Company) => Company) =>
      changeCompany(db, accountId, companyId, now, change),

    /** The session row, the page that asked, and the numbers: one transaction. */
    claim: (r: ClaimRequest): Promise<Claimed> =>
      db.dialect == "postgres"
        ? claimInOneStatement(
            db,
            r.company,
            r.sessionId,
            r.visitor ? JSON.stringify(r.visitor) : null,
            r.page,
            r.trackerIds,
            r.now,
            idle,
            r.client,
          )
        : db.tx(async (sql) => {
            await touchSession(sql, r.company.id, r.sessionId, r.visitor, r.now);
            if (r.page) await addPageView(sql, r.company.id, r.sessionId, r.page, r.now);
            return claimNumbers(sql, r.company, r.sessionId, r.trackerIds, r.now, idle, r.client);
          }),
    /** A page view: recorded, and the session's leases renewed (docs/protocol.md#52-page-views). */
    pageView: (companyId: string, sessionId: string, view: PageView, now: number) =>
      db.tx(async (sql) => {
        await touchSession(sql, companyId, sessionId, null, now);
        await addPageView(sql, companyId, sessionId, view, now);
        await renewSession(sql, companyId, sessionId, now);
      }),
    /** True when stored now; false when this id was stored before. FormQuotaReached past `dailyQuota` (0: none). */
    addForm: (c: Company, body: FormBody, facts: IntakeFacts, now: number, dailyQuota = 0) =>
      db.tx(async (sql) => {
        await checkFormQuota(sql, c.id, body.id, dailyQuota, now);
        return addForm(sql, c, body, facts, now);
      }),

    // Calls and texts (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier).
    addCall: (c: Company, input: CallInput, now: number, event: "pre_call_webhook" | "post_call_webhook") =>
      db.tx((sql) => addCall(sql, c, input, now, idle, event)),
    callProgress: (companies: (id: string) => Company | undefined, p: CallProgress, now: number) =>
      db.tx((sql) => recordProgress(sql, companies, p, now)),
    updateCall: (
      companies: (id: string) => Company | undefined,
      accountId: string,
      id: number,
      changes: CallChanges,
      now: number,
    ) => db.tx((sql) => updateCall(sql, companies, accountId, id, changes, now)),
    addText: (c: Company, trackerId: string | null, t: TextArrival, now: number) =>
      db.tx((sql) => addText(sql, c, trackerId, t, now)),

    // Outgoing webhooks (docs/protocol.md#9-outgoing-webhooks).
    claimDeliveries: (now: number, lockMs: number, limit: number) => db.tx((sql) => claimDue(sql, now, lockMs, limit)),
    recordAttempt: (id: number, r: AttemptResult, now: number, next: number | null) =>
      db.tx((sql) => recordAttempt(sql, id, r, now, next)),
    deliveryStatus: (integrationId: string) => deliveryStatus(db, integrationId),

    /** Ends idle leases, and leases past the longest lifetime without a call; one process at a time. */
    expireLeases: (now: number) =>
      db.exclusive("lease expiry", async (sql) => {
        const n = await endIdleLeases(sql, now, idle);
        return n + (longest > 0 ? await endLongLeases(sql, now, longest) : 0);
      }),
    /** Visitor data older than `before` goes (docs/privacy.md); one process at a time. */
    purge: (before: number) => db.exclusive("retention", (sql) => purgeVisitorData(sql, before)),
    /** Form submissions older than `before` go (FORM_RETENTION_DAYS); one process at a time. */
    purgeForms: (before: number) => db.exclusive("form retention", (sql) => purgeForms(sql, before)),

    accountExists: (accountId: string) => accountExists(db, accountId),
    listCalls: (accountId: string, filter: CallFilter, p: Paging) => listCalls(db, accountId, filter, p),
    getCall: (accountId: string, id: number) => getCall(db, accountId, id),
    callPageViews: (companyId: string, sessionId: string, until: number, p: Paging) =>
      sessionPageViews(db, companyId, sessionId, until, p.per_page, (p.page - 1) * p.per_page),
    listForms: (accountId: string, companyId: string | null, p: Paging) => listForms(db, accountId, companyId, p),
    listFormObjects: (accountId: string, companyId: string | null, p: Paging) =>
      listFormObjects(db, accountId, companyId, p),
    listConversations: (accountId: string, companyId: string | null, p: Paging) =>
      listConversations(db, accountId, companyId, p),

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
  return storeOver(db, o.idleSeconds, o.leaseMaxSeconds);
}
