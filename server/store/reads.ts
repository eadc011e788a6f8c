// The reads behind the v3 API and the dashboard: form submissions, sessions, leases, pools.
import type { FormBody, FormRow, LeaseRow, Page, Paging, PoolUse, SessionRow } from "./rows";
import type { Sql } from "./sql";

export async function accountExists(sql: Sql, accountId: string): Promise<boolean> {
  return !!(await sql.get("SELECT 1 AS x FROM companies WHERE account_id = ? LIMIT 1", [accountId]));
}

type StoredForm = { company_id: string; body: string; created_at: number };
const formRow = (r: StoredForm): FormRow => ({
  company_id: r.company_id,
  body: JSON.parse(r.body) as FormBody,
  created_at: Number(r.created_at),
});

/** Form submissions of an account (one company of it, when given), newest first. */
export async function listForms(
  sql: Sql,
  accountId: string,
  companyId: string | null,
  p: Paging,
): Promise<Page<FormRow>> {
  const where =
    "f.company_id IN (SELECT id FROM companies WHERE account_id = ?)" + (companyId ? " AND f.company_id = ?" : "");
  const args = companyId ? [accountId, companyId] : [accountId];
  const count = await sql.get<{ n: number }>(`SELECT count(*) AS n FROM form_submissions f WHERE ${where}`, args);
  const rows = await sql.all<StoredForm>(
    `SELECT f.company_id, f.body, f.created_at FROM form_submissions f WHERE ${where}
     ORDER BY f.created_at DESC, f.id DESC LIMIT ? OFFSET ?`,
    [...args, p.per_page, (p.page - 1) * p.per_page],
  );
  return { total: Number(count!.n), rows: rows.map(formRow) };
}

export async function recentForms(sql: Sql, limit: number): Promise<FormRow[]> {
  const rows = await sql.all<StoredForm>(
    "SELECT company_id, body, created_at FROM form_submissions ORDER BY created_at DESC, id DESC LIMIT ?",
    [limit],
  );
  return rows.map(formRow);
}

export async function recentSessions(sql: Sql, limit: number): Promise<SessionRow[]> {
  const rows = await sql.all<Omit<SessionRow, "visitor"> & { visitor: string | null }>(
    "SELECT company_id, session_id, visitor, first_seen_at, last_seen_at FROM sessions ORDER BY last_seen_at DESC LIMIT ?",
    [limit],
  );
  return rows.map((r) => ({ ...r, visitor: r.visitor ? JSON.parse(r.visitor) : null }));
}

export function liveLeases(sql: Sql, limit: number): Promise<LeaseRow[]> {
  return sql.all<LeaseRow>(
    `SELECT company_id, tracker_id, number, session_id, started_at, last_seen_at, ended_at FROM leases
     WHERE ended_at IS NULL ORDER BY last_seen_at DESC LIMIT ?`,
    [limit],
  );
}

/** Every session tracker's pool: size, numbers leased now, exhaustion count. */
export async function poolUse(sql: Sql): Promise<PoolUse[]> {
  const rows = await sql.all<PoolUse>(
    // Exhaustion: the events since the first release's counter (kept in `exhaustion`) gave way to them.
    `SELECT p.company_id, p.tracker_id, count(*) AS size, sum(p.leased) AS leased,
       COALESCE((SELECT max(e.count) FROM exhaustion e WHERE e.company_id = p.company_id AND e.tracker_id = p.tracker_id), 0)
       + (SELECT count(*) FROM pool_exhaustions x WHERE x.company_id = p.company_id AND x.tracker_id = p.tracker_id)
       AS exhausted
     FROM pool_numbers p GROUP BY p.company_id, p.tracker_id ORDER BY p.company_id, p.tracker_id`,
  );
  return rows.map((r) => ({ ...r, size: Number(r.size), leased: Number(r.leased), exhausted: Number(r.exhausted) }));
}

/** The whole lease history of one number, oldest first (tests and support). */
export function leaseHistory(sql: Sql, companyId: string): Promise<LeaseRow[]> {
  return sql.all<LeaseRow>(
    `SELECT company_id, tracker_id, number, session_id, started_at, last_seen_at, ended_at FROM leases
     WHERE company_id = ? ORDER BY id`,
    [companyId],
  );
}
