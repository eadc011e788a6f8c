// What the bundle reports (docs/protocol.md#5-server-endpoints-used-by-the-bundle): sessions
// with their attribution, page views, and form submissions stored once per bundle-made id.
import type { PageViewRow, Visitor } from "./rows";
import type { Sql } from "./sql";

export interface PageView {
  page_url?: string | null;
  referrer_url?: string | null;
  title?: string | null;
}

/** Creates or refreshes a session; a visitor object given replaces the stored one. */
export function touchSession(
  sql: Sql,
  companyId: string,
  sessionId: string,
  visitor: Visitor | null,
  now: number,
): Promise<number> {
  return sql.run(
    `INSERT INTO sessions (company_id, session_id, visitor, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (company_id, session_id) DO UPDATE SET visitor = COALESCE(excluded.visitor, sessions.visitor),
     last_seen_at = excluded.last_seen_at`,
    [companyId, sessionId, visitor ? JSON.stringify(visitor) : null, now, now],
  );
}

export function addPageView(sql: Sql, companyId: string, sessionId: string, v: PageView, now: number) {
  return sql.run(
    "INSERT INTO page_views (company_id, session_id, page_url, referrer_url, title, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    [companyId, sessionId, v.page_url ?? null, v.referrer_url ?? null, v.title ?? null, now],
  );
}

export async function sessionVisitor(sql: Sql, companyId: string, sessionId: string): Promise<Visitor | null> {
  const row = await sql.get<{ visitor: string | null }>(
    "SELECT visitor FROM sessions WHERE company_id = ? AND session_id = ?",
    [companyId, sessionId],
  );
  return row && row.visitor ? (JSON.parse(row.visitor) as Visitor) : null;
}

/** The session's page views up to `until`, newest first, one page of them. */
export async function sessionPageViews(
  sql: Sql,
  companyId: string,
  sessionId: string,
  until: number,
  limit: number,
  offset: number,
): Promise<{ total: number; rows: PageViewRow[] }> {
  const where = "company_id = ? AND session_id = ? AND created_at <= ?";
  const args = [companyId, sessionId, until];
  const count = await sql.get<{ n: number }>(`SELECT count(*) AS n FROM page_views WHERE ${where}`, args);
  const rows = await sql.all<PageViewRow>(
    `SELECT page_url, referrer_url, title, created_at FROM page_views WHERE ${where}
     ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
    [...args, limit, offset],
  );
  return { total: Number(count!.n), rows };
}

/**
 * Visitor data retention (docs/privacy.md): page views, sessions not seen since, and ended
 * leases older than `before` are deleted. Form submissions and calls are the business's leads
 * and keep their own copy of the attribution: they stay.
 */
export async function purgeVisitorData(sql: Sql, before: number): Promise<number> {
  return (
    (await sql.run("DELETE FROM page_views WHERE created_at < ?", [before])) +
    (await sql.run("DELETE FROM sessions WHERE last_seen_at < ?", [before])) +
    (await sql.run("DELETE FROM leases WHERE ended_at IS NOT NULL AND ended_at < ?", [before]))
  );
}
