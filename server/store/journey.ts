// One visitor's journey for the dashboard (docs/dashboard.md#visitors-and-journeys): the session,
// its page views, the pool numbers it held, its leads and calls; one lead; page view counts.
import {
  callOf,
  formOf,
  sessionOf,
  SESSION_COLUMNS,
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
  const leases = await sql.all<LeaseRow>(
    `SELECT company_id, tracker_id, number, session_id, started_at, last_seen_at, ended_at FROM leases
     WHERE company_id = ? AND session_id = ? ORDER BY started_at LIMIT ?`,
    [companyId, sessionId, limit],
  );
  const forms = await sql.all<RawForm>(
    `SELECT id, session_id, body, created_at FROM form_submissions WHERE company_id = ? AND session_id = ?
     ORDER BY created_at LIMIT ?`,
    [companyId, sessionId, limit],
  );
  // A call belongs to the session that held its number when it started (holderAt in
  // leases.ts): the calls during the session's leases, kept when the record names the session.
  const calls = await sql.all<RawCall>(
    `SELECT DISTINCT c.id, c.start_time, c.record FROM leases l JOIN calls c ON c.company_id = l.company_id
     AND c.start_time >= l.started_at AND c.start_time <= COALESCE(l.ended_at, l.last_seen_at + ?)
     WHERE l.company_id = ? AND l.session_id = ? ORDER BY c.start_time LIMIT ?`,
    [idle, companyId, sessionId, limit * 10],
  );
  return {
    session: session && sessionOf(session),
    pages: pages.map((p) => ({ ...p, created_at: Number(p.created_at) })),
    leases: leases.map((l) => ({
      ...l,
      started_at: Number(l.started_at),
      last_seen_at: Number(l.last_seen_at),
      ended_at: l.ended_at == null ? null : Number(l.ended_at),
    })),
    forms: forms.map(formOf),
    calls: calls
      .map(callOf)
      .filter((k) => k.record.session_id === sessionId)
      .slice(0, limit),
  };
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
