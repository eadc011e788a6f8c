// Companies and their session pools in the store. A company is kept as its JSON document;
// each session tracker's pool is one row per number, which is what a claim locks and updates.
import type { Company } from "../companies";
import { lockSchema } from "./migrate";
import type { Db, Sql } from "./sql";

/** Ends the live lease of `number` now and drops it from the pool (it was removed or moved). */
async function retireNumber(sql: Sql, companyId: string, trackerId: string, number: string, now: number) {
  await sql.run("UPDATE leases SET ended_at = ? WHERE company_id = ? AND number = ? AND ended_at IS NULL", [
    now,
    companyId,
    number,
  ]);
  await sql.run("DELETE FROM pool_numbers WHERE company_id = ? AND tracker_id = ? AND number = ?", [
    companyId,
    trackerId,
    number,
  ]);
}

/**
 * Stores a company and its pools. A number no longer in an active tracker's pool (removed,
 * moved to another tracker, or its tracker disabled) is retired: its live lease ends now, so no claim can fail on it and it is
 * never handed out again by the tracker that lost it; calls before now still find the session
 * that held it through the lease history.
 */
export async function saveCompany(sql: Sql, c: Company, now: number): Promise<void> {
  await sql.run(
    `INSERT INTO companies (id, account_id, config, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, config = excluded.config, updated_at = excluded.updated_at`,
    [c.id, c.account_id, JSON.stringify(c), now],
  );
  const wanted = new Set<string>();
  // Only active session trackers have a pool: disabling a tracker ends its live leases.
  for (const t of c.trackers)
    if (t.type == "session" && t.status == "active")
      for (const n of t.tracking_numbers || []) wanted.add(t.id + " " + n);
  const stored = await sql.all<{ tracker_id: string; number: string }>(
    "SELECT tracker_id, number FROM pool_numbers WHERE company_id = ?",
    [c.id],
  );
  const have = new Set(stored.map((p) => p.tracker_id + " " + p.number));
  for (const p of stored)
    if (!wanted.has(p.tracker_id + " " + p.number)) await retireNumber(sql, c.id, p.tracker_id, p.number, now);
  const added = [...wanted].filter((key) => !have.has(key)).map((key) => key.split(" "));
  // Many rows per statement: a pool of thousands of numbers is stored in a few round trips.
  for (let i = 0; i < added.length; i += 300) {
    const rows = added.slice(i, i + 300);
    await sql.run(
      `INSERT INTO pool_numbers (company_id, tracker_id, number) VALUES ${rows.map(() => "(?, ?, ?)").join(", ")}
       ON CONFLICT (company_id, tracker_id, number) DO NOTHING`,
      rows.flatMap(([tracker, number]) => [c.id, tracker, number]),
    );
  }
  await sql.run("UPDATE revisions SET value = value + 1 WHERE name = 'companies'");
}

/**
 * Imports company files at start, all in one transaction under the schema lock: two processes
 * starting at once with the same files apply them one after the other, never interleaved.
 */
export function importCompanies(db: Db, companies: Company[], now: number): Promise<void> {
  return db.tx(async (sql) => {
    await lockSchema(sql);
    for (const c of companies) await saveCompany(sql, c, now);
  });
}

export async function loadCompanies(sql: Sql): Promise<Company[]> {
  const rows = await sql.all<{ config: string }>("SELECT config FROM companies ORDER BY id");
  return rows.map((r) => JSON.parse(r.config) as Company);
}

/** Goes up with every change to any company: a process reloads its company map when it moves. */
export async function companiesRevision(sql: Sql): Promise<number> {
  const row = await sql.get<{ value: number }>("SELECT value FROM revisions WHERE name = 'companies'");
  return row ? Number(row.value) : 0;
}
