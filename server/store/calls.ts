// Calls in the store: attributed when they arrive (calls.ts holds the rule), kept as the v3
// call object with the caller as a column, so that `first_call` is one index lookup.
import { buildCall, type CallInput } from "../calls";
import type { Company } from "../companies";
import { holderAt } from "./leases";
import { sessionVisitor } from "./records";
import type { CallRecord, Page, Paging } from "./rows";
import type { Sql } from "./sql";

export async function addCall(sql: Sql, c: Company, input: CallInput, now: number, idle: number): Promise<CallRecord> {
  const held = await holderAt(sql, c.id, input.tracking_number, input.start_time, idle);
  const visitor = held ? await sessionVisitor(sql, c.id, held.session_id) : null;
  const record = buildCall(c, input, held, visitor, now);
  const row = await sql.get<{ id: number }>(
    "INSERT INTO calls (company_id, record, start_time, customer_phone_number) VALUES (?, '{}', ?, ?) RETURNING id",
    [c.id, input.start_time, input.customer_phone_number],
  );
  record.id = Number(row!.id);
  const earlier = await sql.get(
    "SELECT 1 AS x FROM calls WHERE company_id = ? AND customer_phone_number = ? AND id < ? LIMIT 1",
    [c.id, input.customer_phone_number, record.id],
  );
  record.first_call = !earlier;
  await sql.run("UPDATE calls SET record = ? WHERE id = ?", [JSON.stringify(record), record.id]);
  return record;
}

/** Calls of an account (one company of it, when given), newest first. */
export async function listCalls(
  sql: Sql,
  accountId: string,
  companyId: string | null,
  p: Paging,
): Promise<Page<CallRecord>> {
  const where =
    "company_id IN (SELECT id FROM companies WHERE account_id = ?)" + (companyId ? " AND company_id = ?" : "");
  const args = companyId ? [accountId, companyId] : [accountId];
  const count = await sql.get<{ n: number }>(`SELECT count(*) AS n FROM calls WHERE ${where}`, args);
  const rows = await sql.all<{ record: string }>(
    `SELECT record FROM calls WHERE ${where} ORDER BY start_time DESC, id DESC LIMIT ? OFFSET ?`,
    [...args, p.per_page, (p.page - 1) * p.per_page],
  );
  return { total: Number(count!.n), rows: rows.map((r) => JSON.parse(r.record) as CallRecord) };
}

/** One call of an account, or undefined. */
export async function getCall(sql: Sql, accountId: string, id: number): Promise<CallRecord | undefined> {
  const row = await sql.get<{ record: string }>(
    "SELECT record FROM calls WHERE id = ? AND company_id IN (SELECT id FROM companies WHERE account_id = ?)",
    [id, accountId],
  );
  return row ? (JSON.parse(row.record) as CallRecord) : undefined;
}

export async function recentCalls(sql: Sql, limit: number): Promise<CallRecord[]> {
  const rows = await sql.all<{ record: string }>("SELECT record FROM calls ORDER BY id DESC LIMIT ?", [limit]);
  return rows.map((r) => JSON.parse(r.record) as CallRecord);
}
