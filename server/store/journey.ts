// One visitor's journey for the dashboard (docs/dashboard.md#visitors-and-journeys): the session,
// its page views, the pool numbers it held, its leads and calls; one lead; page view counts.
import {
  callOf,
  formOf,
  sessionOf,
  SESSION_COLUMNS,
  type DashCall,
  type DashForm,
  type RawCall,
  type RawForm,
  type RawSession,
} from "./dashboardRows";
import type { LeaseRow, PageViewRow } from "./rows";
import type { Param, Sql } from "./sql";

export async function formById(sql: Sql, companyId: string, id: string): Promise<DashForm | undefined> {
  const row = await sql.get<RawForm>(
    "SELECT id, session_id, body, created_at FROM form_submissions WHERE company_id = ? AND id = ?",
    [companyId, id],
  );
  return row && formOf(row);
}

/** One visitor's journey: the session, its page views (oldest first), leases, leads and calls. */
export async function journey(sql: Sql, companyId: string, sessionId: string, idle: number, limit: number) {
  const session = await sql.get<RawSession>(
    `SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.company_id = ? AND s.session_id = ?`,
    [companyId, sessionId],
  );
  const pages = await sql.all<PageViewRow>(
    `SELECT page_url, referrer_url, title, created_at FROM page_views WHERE company_id = ? AND session_id = ?
     ORDER BY created_at, id LIMIT ?`,
    [companyId, sessionId, limit],
  );
  const leases = (
    await sql.all<LeaseRow>(
      `SELECT company_id, tracker_id, number, session_id, started_at, last_seen_at, ended_at FROM leases
       WHERE company_id = ? AND session_id = ? ORDER BY started_at LIMIT ?`,
      [companyId, sessionId, limit],
    )
  ).map((l) => ({
    ...l,
    started_at: Number(l.started_at),
    last_seen_at: Number(l.last_seen_at),
    ended_at: l.ended_at == null ? null : Number(l.ended_at),
  }));
  const forms = await sql.all<RawForm>(
    `SELECT id, session_id, body, created_at FROM form_submissions WHERE company_id = ? AND session_id = ?
     ORDER BY created_at LIMIT ?`,
    [companyId, sessionId, limit],
  );
  return {
    session: session && sessionOf(session),
    pages: pages.map((p) => ({ ...p, created_at: Number(p.created_at) })),
    leases,
    forms: forms.map(formOf),
    calls: await leaseCalls(sql, companyId, sessionId, leases, idle, limit),
  };
}

/**
 * The calls a session's leases took: a call belongs to the session that held its number when
 * it started (holderAt in leases.ts), so the calls that started during each lease, kept when
 * their record names the session. One range read per lease through calls_by_company_time (as
 * one join, SQLite's planner walked every call of the company instead).
 */
async function leaseCalls(
  sql: Sql,
  companyId: string,
  sessionId: string,
  leases: Array<{ started_at: number; last_seen_at: number; ended_at: number | null }>,
  idle: number,
  limit: number,
): Promise<DashCall[]> {
  const found = new Map<number, DashCall>();
  for (const l of leases) {
    const rows = await sql.all<RawCall>(
      `SELECT id, start_time, record FROM calls WHERE company_id = ? AND start_time >= ? AND start_time <= ?
       ORDER BY start_time LIMIT ?`,
      [companyId, l.started_at, l.ended_at ?? l.last_seen_at + idle, limit * 10],
    );
    for (const k of rows.map(callOf)) if (k.record.session_id === sessionId) found.set(k.id, k);
  }
  return [...found.values()].sort((a, b) => a.start_time - b.start_time || a.id - b.id).slice(0, limit);
}

export type Journey = Awaited<ReturnType<typeof journey>>;

/** Session id → page views, for the sessions listed on one page. */
export async function pageViewCounts(sql: Sql, companyId: string, sessionIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!sessionIds.length) return out;
  const rows = await sql.all<{ session_id: string; n: number }>(
    `SELECT session_id, count(*) AS n FROM page_views WHERE company_id = ? AND session_id IN
     (${sessionIds.map(() => "?").join(", ")}) GROUP BY session_id`,
    [companyId, ...(sessionIds as Param[])],
  );
  for (const r of rows) out.set(String(r.session_id), Number(r.n));
  return out;
}
