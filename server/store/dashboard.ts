// The dashboard's reads (docs/dashboard.md): one company's calls, leads and visitors in a time
// range, and page views and pool use counted per 15-minute slot in SQL. Every list is bounded by
// a LIMIT. The visitor's journey is in journey.ts, logins in dashboardLogins.ts; this file also
// gives them all to the store facade (`store.dashboard`).
import { addLogin, endLogin, loginValid } from "./dashboardLogins";
import {
  callOf,
  formOf,
  sessionOf,
  SESSION_COLUMNS,
  SLOT_MS,
  type PoolHistory,
  type RawCall,
  type RawForm,
  type RawSession,
  type SlotCount,
  type TrackerSlot,
} from "./dashboardRows";
import { formById, journey, pageViewCounts } from "./journey";
import type { Db, Sql } from "./sql";

export * from "./dashboardRows";
export type { Journey } from "./journey";

/** Calls that started in [from, to), newest first, at most `limit`. */
export async function callsBetween(sql: Sql, companyId: string, from: number, to: number, limit: number) {
  const rows = await sql.all<RawCall>(
    `SELECT id, start_time, record FROM calls WHERE company_id = ? AND start_time >= ? AND start_time < ?
     ORDER BY start_time DESC, id DESC LIMIT ?`,
    [companyId, from, to, limit],
  );
  return rows.map(callOf);
}

/** Form submissions received in [from, to), newest first, at most `limit`. */
export async function formsBetween(sql: Sql, companyId: string, from: number, to: number, limit: number) {
  const rows = await sql.all<RawForm>(
    `SELECT id, session_id, body, created_at FROM form_submissions WHERE company_id = ? AND created_at >= ?
     AND created_at < ? ORDER BY created_at DESC, id DESC LIMIT ?`,
    [companyId, from, to, limit],
  );
  return rows.map(formOf);
}

/**
 * The company's rows of a table in a time range are found through the table's index by time,
 * not through an index that starts with company_id: those hold every row of the company since
 * the retention limit, and SQLite's planner (with no statistics) would pick them. Indexes by
 * company and time would cost every page view one more index write (measured: up to a third
 * fewer page views a second), so the company is compared as an expression no index serves:
 * `company_id || ''`, the same in both databases. The range scan then also passes over other
 * companies' rows of that range, which a server of a few companies can afford.
 */
const COMPANY = "company_id || '' = ?";

/** Sessions seen during [from, to) (first seen before `to`, last seen from `from`), latest first, at most `limit`. */
export async function sessionsBetween(sql: Sql, companyId: string, from: number, to: number, limit: number) {
  const rows = await sql.all<RawSession>(
    `SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.${COMPANY} AND s.last_seen_at >= ? AND s.first_seen_at < ?
     ORDER BY s.last_seen_at DESC, s.session_id DESC LIMIT ?`,
    [companyId, from, to, limit],
  );
  return rows.map(sessionOf);
}

/** Page views per slot in [from, to). */
export async function pageViewsPerSlot(sql: Sql, companyId: string, from: number, to: number): Promise<SlotCount[]> {
  const rows = await sql.all<SlotCount>(
    `SELECT created_at / ${SLOT_MS} AS slot, count(*) AS n FROM page_views
     WHERE ${COMPANY} AND created_at >= ? AND created_at < ? GROUP BY created_at / ${SLOT_MS}`,
    [companyId, from, to],
  );
  return rows.map((r) => ({ slot: Number(r.slot), n: Number(r.n) }));
}

/**
 * Pool use over [from, to) for every pool number of the company. A number's leases never
 * overlap (one live lease per number, migrations.ts), so the leases live at `from` are, per
 * number, at most its last lease started before `from`; the rest started inside the range and
 * are counted per slot in SQL. Both reads go through leases_by_number.
 */
export async function poolHistory(sql: Sql, companyId: string, from: number, to: number): Promise<PoolHistory> {
  const sizes = await sql.all<{ tracker_id: string; n: number }>(
    "SELECT tracker_id, count(*) AS n FROM pool_numbers WHERE company_id = ? GROUP BY tracker_id",
    [companyId],
  );
  const before = await sql.all<{ tracker_id: string; ended_at: number | null }>(
    `SELECT l.tracker_id, l.ended_at FROM leases l WHERE l.id IN (
       SELECT (SELECT x.id FROM leases x WHERE x.company_id = p.company_id AND x.number = p.number AND x.started_at < ?
               ORDER BY x.started_at DESC LIMIT 1)
       FROM pool_numbers p WHERE p.company_id = ?)`,
    [from, companyId],
  );
  const inRange = `FROM leases WHERE company_id = ? AND number IN (SELECT number FROM pool_numbers WHERE company_id = ?)
     AND started_at >= ? AND started_at < ?`;
  const changes = await sql.all<TrackerSlot>(
    `SELECT tracker_id, started_at / ${SLOT_MS} AS slot, count(*) AS n ${inRange}
     GROUP BY tracker_id, started_at / ${SLOT_MS}
     UNION ALL
     SELECT tracker_id, ended_at / ${SLOT_MS} AS slot, -count(*) AS n ${inRange} AND ended_at < ?
     GROUP BY tracker_id, ended_at / ${SLOT_MS}`,
    [companyId, companyId, from, to, companyId, companyId, from, to, to],
  );
  const exhaustions = await sql.all<TrackerSlot>(
    `SELECT tracker_id, at / ${SLOT_MS} AS slot, count(*) AS n FROM pool_exhaustions
     WHERE company_id = ? AND at >= ? AND at < ? GROUP BY tracker_id, at / ${SLOT_MS}`,
    [companyId, from, to],
  );
  const atStart: Record<string, number> = {};
  for (const l of before) {
    const ended = l.ended_at == null ? null : Number(l.ended_at);
    if (ended != null && ended <= from) continue;
    atStart[l.tracker_id] = (atStart[l.tracker_id] || 0) + 1;
    if (ended != null && ended < to)
      changes.push({ tracker_id: l.tracker_id, slot: Math.floor(ended / SLOT_MS), n: -1 });
  }
  const num = (r: TrackerSlot) => ({ tracker_id: String(r.tracker_id), slot: Number(r.slot), n: Number(r.n) });
  return {
    sizes: Object.fromEntries(sizes.map((r) => [r.tracker_id, Number(r.n)])),
    atStart,
    changes: changes.map(num),
    exhaustions: exhaustions.map(num),
  };
}

/** A session tracker whose pool ran out since a moment: how often, and when last. */
export interface RecentExhaustion {
  tracker_id: string;
  n: number;
  last: number;
}

/** Claims that found a company's pools empty since `since` (epoch ms), per tracker. */
export async function exhaustionsSince(sql: Sql, companyId: string, since: number): Promise<RecentExhaustion[]> {
  const rows = await sql.all<RecentExhaustion>(
    `SELECT tracker_id, count(*) AS n, max(at) AS last FROM pool_exhaustions
     WHERE company_id = ? AND at >= ? GROUP BY tracker_id ORDER BY tracker_id`,
    [companyId, since],
  );
  return rows.map((r) => ({ tracker_id: String(r.tracker_id), n: Number(r.n), last: Number(r.last) }));
}

/** These functions over one database, as the store facade offers them (`store.dashboard`). */
export function dashboardStore(db: Db, idle: number) {
  const read =
    <A extends unknown[], R>(f: (sql: Sql, ...a: A) => R) =>
    (...a: A) =>
      f(db, ...a);
  return {
    callsBetween: read(callsBetween),
    formsBetween: read(formsBetween),
    sessionsBetween: read(sessionsBetween),
    pageViewsPerSlot: read(pageViewsPerSlot),
    poolHistory: read(poolHistory),
    exhaustionsSince: read(exhaustionsSince),
    formById: read(formById),
    journey: (companyId: string, sessionId: string, limit: number) => journey(db, companyId, sessionId, idle, limit),
    pageViewCounts: read(pageViewCounts),
    loginValid: read(loginValid),
    addLogin: (id: string, now: number, expires: number) => db.tx((sql) => addLogin(sql, id, now, expires)),
    endLogin: (id: string) => db.tx((sql) => endLogin(sql, id)),
  };
}

export type DashboardStore = ReturnType<typeof dashboardStore>;
