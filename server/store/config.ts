// Configuration changes of the operator API (docs/protocol.md#7-operator-api-callrail-api-v3-subset):
// a company is one JSON document holding its trackers and integrations, and every change is a
// read-modify-write of that document under the lock all configuration changes take, followed
// by saveCompany (numbers owned, pools synced, leases of retired numbers ended) and a new
// companies revision, so that every process reloads it.
import type { Company } from "../companies";
import { lockSchema } from "./migrate";
import { saveCompany } from "./companies";
import type { Db, Sql } from "./sql";

export async function companyDoc(sql: Sql, id: string): Promise<Company | undefined> {
  const row = await sql.get<{ config: string }>("SELECT config FROM companies WHERE id = ?", [id]);
  return row ? (JSON.parse(row.config) as Company) : undefined;
}

/** The companies of an account, oldest first. */
export async function accountCompanies(sql: Sql, accountId: string): Promise<Company[]> {
  const rows = await sql.all<{ config: string }>("SELECT config FROM companies WHERE account_id = ? ORDER BY id", [
    accountId,
  ]);
  return rows.map((r) => JSON.parse(r.config) as Company);
}

/** Stores a new company (its id must be new). */
export function insertCompany(db: Db, c: Company, now: number): Promise<Company> {
  return db.tx(async (sql) => {
    await lockSchema(sql);
    await saveCompany(sql, c, now);
    return c;
  });
}

/**
 * Changes one company of `accountId`: `change` gets the stored document and returns the new
 * one (or throws Invalid, which leaves everything as it was). Resolves with the new document,
 * or undefined when the account has no such company.
 */
export function changeCompany(
  db: Db,
  accountId: string,
  companyId: string,
  now: number,
  change: (c: Company) => Company,
): Promise<Company | undefined> {
  return db.tx(async (sql) => {
    await lockSchema(sql);
    const c = await companyDoc(sql, companyId);
    if (!c || c.account_id != accountId) return undefined;
    const next = change(c);
    await saveCompany(sql, next, now);
    return next;
  });
}
