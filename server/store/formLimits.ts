// Form submissions' limits in the store (docs/security.md#form-submissions): the per-company
// daily quota, counted from the stored rows so that every process sharing the database
// counts the same submissions, and their own retention.
import type { Sql } from "./sql";

const DAY = 864e5;

/** A company stored its quota of submissions in the last 24 hours; nothing was stored. */
export class FormQuotaReached extends Error {
  constructor(readonly quota: number) {
    super(`form submission quota reached: at most ${quota} a day for this company (FORM_DAILY_QUOTA)`);
  }
}

/**
 * Throws FormQuotaReached when the submission `id` is new and the company stored `quota`
 * submissions in the 24 hours before `now`; 0 means no quota. A submission sent again (the
 * same id) is never refused: it stores nothing. Several processes may each let one more in
 * at the very edge: the count and the insert are one transaction, not one lock.
 */
export async function checkFormQuota(sql: Sql, companyId: string, id: string, quota: number, now: number) {
  if (!quota) return;
  if (await sql.get("SELECT 1 AS x FROM form_submissions WHERE company_id = ? AND id = ?", [companyId, id])) return;
  const row = await sql.get<{ n: number }>(
    "SELECT count(*) AS n FROM form_submissions WHERE company_id = ? AND created_at > ?",
    [companyId, now - DAY],
  );
  if (Number(row!.n) >= quota) throw new FormQuotaReached(quota);
}

/** Form submissions stored before `before` go (FORM_RETENTION_DAYS); how many. */
export function purgeForms(sql: Sql, before: number): Promise<number> {
  return sql.run("DELETE FROM form_submissions WHERE created_at < ?", [before]);
}
