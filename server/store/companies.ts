// Companies and their session pools in the store. A company is kept as its JSON document;
// each session tracker's pool is one row per number, which is what a claim locks and updates.
import { activeTrackers, type Company } from "../companies";
import { Invalid } from "../config/fields";
import { lockSchema } from "./migrate";
import type { Db, Sql } from "./sql";

/** Ends the live lease of `number` now and drops it from the pool (it was removed or moved). */
async function retireNumber(sql: Sql, companyId: string, trackerId: string, number: string, now: number) {
  await sql.run(
    "UPDATE leases SET ended_at = ?, client_key = NULL WHERE company_id = ? AND number = ? AND ended_at IS NULL",
    [now, companyId, number],
  );
  await sql.run("DELETE FROM pool_numbers WHERE company_id = ? AND tracker_id = ? AND number = ?", [
    companyId,
    trackerId,
    number,
  ]);
}

/**
 * Makes the company's active trackers the owners of their tracking numbers: a number belongs
 * to at most one active tracker of the whole server (docs/protocol.md#7-operator-api-callrail-api-v3-subset).
 * Checked before anything is written, under the lock every configuration change takes, so the
 * answer is a 422 naming the number and its owner, never a constraint error.
 */
async function ownNumbers(sql: Sql, c: Company): Promise<void> {
  const owners = new Map<string, string>();
  for (const t of activeTrackers(c))
    for (const n of t.tracking_numbers || []) {
      if (owners.has(n)) throw new Invalid("tracking_numbers", `${n} already belongs to tracker ${owners.get(n)}`);
      owners.set(n, t.id);
    }
  const numbers = [...owners.keys()];
  for (let i = 0; i < numbers.length; i += 500) {
    const chunk = numbers.slice(i, i + 500);
    const taken = await sql.get<{ number: string; company_id: string; tracker_id: string; account_id: string }>(
      `SELECT n.number, n.company_id, n.tracker_id, c.account_id FROM tracking_numbers n
       JOIN companies c ON c.id = n.company_id
       WHERE n.company_id <> ? AND n.number IN (${chunk.map(() => "?").join(", ")}) LIMIT 1`,
      [c.id, ...chunk],
    );
    // Another account's ids are never shown (the operator API answers 404 for them).
    if (taken && taken.account_id != c.account_id)
      throw new Invalid("tracking_numbers", `${taken.number} already belongs to another account`);
    if (taken)
      throw new Invalid(
        "tracking_numbers",
        `${taken.number} already belongs to tracker ${taken.tracker_id} of company ${taken.company_id}`,
      );
  }
  await sql.run("DELETE FROM tracking_numbers WHERE company_id = ?", [c.id]);
  const rows = [...owners];
  for (let i = 0; i < rows.length; i += 300) {
    const chunk = rows.slice(i, i + 300);
    await sql.run(
      `INSERT INTO tracking_numbers (number, company_id, tracker_id) VALUES ${chunk.map(() => "(?, ?, ?)").join(", ")}`,
      chunk.flatMap(([number, tracker]) => [number, c.id, tracker]),
    );
  }
}

/**
 * Stores a company, the numbers it owns and its pools. A number no longer in an active
 * tracker's pool (removed, moved to another tracker, its tracker or company disabled) is
 * retired: its live lease ends now, so no claim can fail on it and it is never handed out
 * again by the tracker that lost it; calls before now still find the session that held it
 * through the lease history.
 */
export async function saveCompany(sql: Sql, c: Company, now: number): Promise<void> {
  await ownNumbers(sql, c);
  await sql.run(
    `INSERT INTO companies (id, account_id, config, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, config = excluded.config, updated_at = excluded.updated_at`,
    [c.id, c.account_id, JSON.stringify(c), now],
  );
  const wanted = new Set<string>();
  // Only active session trackers have a pool: disabling a tracker ends its live leases.
  for (const t of activeTrackers(c))
    if (t.type == "session") for (const n of t.tracking_numbers || []) wanted.add(t.id + " " + n);
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
 * A company file applied over what the store holds: the file's company fields win; its
 * trackers and integrations replace the stored ones with the same id (keeping when they were
 * created); ones an earlier file brought and this one no longer lists go; ones made through
 * the operator API stay. The company's status is kept (a company disabled through the API
 * stays disabled).
 */
export function mergeCompanyFile(file: Company, stored: Company | undefined): Company {
  if (!stored) return file;
  const merge = <T extends { id: string; created_at?: string; from_file?: boolean }>(mine: T[], theirs: T[]) => {
    const byId = new Map(theirs.map((x) => [x.id, x]));
    const kept = theirs.filter((x) => !x.from_file && !mine.some((m) => m.id == x.id));
    return [...mine.map((m) => ({ ...m, created_at: byId.get(m.id)?.created_at ?? m.created_at })), ...kept];
  };
  return {
    ...file,
    status: stored.status ?? file.status,
    disabled_at: stored.disabled_at ?? null,
    created_at: stored.created_at ?? file.created_at,
    trackers: merge(file.trackers, stored.trackers),
    integrations: merge(file.integrations || [], stored.integrations || []),
  };
}

/**
 * Imports company files at start, all in one transaction under the schema lock: two processes
 * starting at once with the same files apply them one after the other, never interleaved.
 */
export async function importCompanies(db: Db, companies: Company[], now: number): Promise<void> {
  await db.tx(async (sql) => {
    await lockSchema(sql);
    for (const c of companies) {
      const row = await sql.get<{ config: string }>("SELECT config FROM companies WHERE id = ?", [c.id]);
      await saveCompany(sql, mergeCompanyFile(c, row ? (JSON.parse(row.config) as Company) : undefined), now);
    }
  });
  // PostgreSQL plans the claim from table statistics, which a pool imported a moment ago does
  // not have yet (autovacuum analyzes within a minute): planned without them, taking a free
  // number scanned the whole pool, 40 times slower (docs/operations.md#postgresql). Sampled,
  // so cheap; SQLite plans from its indexes alone.
  if (db.dialect == "postgres") await db.run("ANALYZE pool_numbers");
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
