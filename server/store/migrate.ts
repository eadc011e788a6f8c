// Brings a database to the newest schema at start. All missing migrations run in one
// transaction under a lock, so two processes starting at once against an empty database do
// not race: PostgreSQL takes an advisory lock (the second process waits, then finds nothing
// to do); SQLite's write lock (BEGIN IMMEDIATE) does the same for processes on one file.
// Both databases change their schema inside transactions, so a failed migration leaves the
// database as it was.
import { MIGRATIONS, statementsOf, type Migration } from "./migrations";
import { lockKey, type Db, type Sql } from "./sql";

/** The advisory lock that migrations and the start-up import of company files share. */
export const SCHEMA_LOCK = lockKey("calltrk schema");

/** Takes the schema lock for the rest of the transaction (PostgreSQL; SQLite holds its write lock). */
export async function lockSchema(sql: Sql): Promise<void> {
  if (sql.dialect == "postgres") await sql.get("SELECT pg_advisory_xact_lock(?)", [SCHEMA_LOCK]);
}

export class SchemaTooNew extends Error {}

/** Applies the migrations not yet recorded; resolves with the versions it applied. */
export async function migrate(db: Db, migrations: Migration[] = MIGRATIONS, now = Date.now()): Promise<number[]> {
  return db.tx(async (sql) => {
    await lockSchema(sql);
    await sql.run(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
    );
    const rows = await sql.all<{ version: number }>("SELECT version FROM schema_migrations");
    const done = new Set(rows.map((r) => Number(r.version)));
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    const ahead = [...done].filter((v) => v > newest);
    if (ahead.length)
      throw new SchemaTooNew(
        `the database has schema version ${Math.max(...ahead)}, newer than this CallTrk knows (${newest}): run the newer release`,
      );
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      for (const statement of statementsOf(m, sql.dialect)) await sql.run(statement);
      await sql.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [
        m.version,
        m.name,
        now,
      ]);
      applied.push(m.version);
    }
    return applied;
  });
}
