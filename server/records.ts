// What the bundle reports (PROTOCOL §5.1-5.3): sessions with their attribution, page
// views, and form submissions stored once per bundle-made id.
import type { Db } from "./db";

export function createRecords(db: Db) {
  const q = {
    session:
      db.prepare(`INSERT INTO sessions (company_id, session_id, visitor, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET visitor = COALESCE(excluded.visitor, visitor), last_seen_at = excluded.last_seen_at`),
    view: db.prepare(
      "INSERT INTO page_views (company_id, session_id, page_url, referrer_url, title, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    form: db.prepare(
      "INSERT OR IGNORE INTO form_submissions (id, company_id, session_id, body, created_at) VALUES (?, ?, ?, ?, ?)",
    ),
    visitor: db.prepare("SELECT visitor FROM sessions WHERE company_id = ? AND session_id = ?"),
    purgeViews: db.prepare("DELETE FROM page_views WHERE created_at < ?"),
    purgeSessions: db.prepare("DELETE FROM sessions WHERE last_seen_at < ?"),
    purgeLeases: db.prepare("DELETE FROM leases WHERE ended_at IS NOT NULL AND ended_at < ?"),
  };
  return {
    /** Creates or refreshes a session; a new visitor object replaces the stored one. */
    session(companyId: string, sessionId: string, visitor: unknown, now: number): void {
      q.session.run(companyId, sessionId, visitor ? JSON.stringify(visitor) : null, now, now);
    },
    /** `known`: the session row was just written, no need to touch it again. */
    pageView(
      companyId: string,
      sessionId: string,
      v: { page_url?: string; referrer_url?: string; title?: string },
      now: number,
      known = false,
    ): void {
      if (!known) q.session.run(companyId, sessionId, null, now, now);
      q.view.run(companyId, sessionId, v.page_url ?? null, v.referrer_url ?? null, v.title ?? null, now);
    },
    /** True when stored now, false when this id was stored before (idempotent intake, §5.3). */
    form(companyId: string, body: { id: string; session_id?: string }, now: number): boolean {
      return q.form.run(body.id, companyId, body.session_id ?? null, JSON.stringify(body), now).changes == 1;
    },
    /**
     * Visitor data retention (README "Security and privacy"): page views, sessions not seen
     * since, and ended leases older than `before` are deleted. Form submissions and calls are
     * the business's leads and keep their own copy of the attribution: they stay.
     */
    purge(before: number): number {
      return q.purgeViews.run(before).changes + q.purgeSessions.run(before).changes + q.purgeLeases.run(before).changes;
    },
    visitor(companyId: string, sessionId: string): Record<string, unknown> | null {
      const row = q.visitor.get(companyId, sessionId) as { visitor: string | null } | undefined;
      return row && row.visitor ? JSON.parse(row.visitor) : null;
    },
  };
}

export type Records = ReturnType<typeof createRecords>;
