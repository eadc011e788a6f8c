// The embedded store: one SQLite file under DATA_DIR (better-sqlite3), the default.
// better-sqlite3 is synchronous; the Db interface is not, so that the same store functions
// serve PostgreSQL. Writes go through group commit: the transactions asked for in one
// event-loop turn share one SQLite transaction, each in its own savepoint. A commit costs far
// more than the statements in it (WAL append and page writes), and this is what carries the
// lease rate (docs/performance.md#the-lease-benchmark). Reads use a second connection, which
// in WAL mode sees every committed write and never waits for the writer.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { StoreUnavailable, type Db, type Param, type Sql } from "./sql";

/** SQLite result codes that mean "the store cannot be used now" rather than "bad statement". */
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL)/;

function unavailable(e: unknown): unknown {
  const code = (e as { code?: unknown })?.code;
  return typeof code == "string" && UNAVAILABLE.test(code) ? new StoreUnavailable(e) : e;
}

function connect(file: string): Database.Database {
  const db = new Database(file);
  // WAL: readers never block the writer; NORMAL is durable across process crashes, which is
  // what a restart needs (https://sqlite.org/wal.html). busy_timeout: a second process on the
  // same file waits for the write lock instead of failing at once.
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = OFF");
  return db;
}

/** Statements prepared once per connection and text. */
function statements(db: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  return (text: string): Database.Statement => {
    let s = cache.get(text);
    if (!s) {
      s = db.prepare(text);
      cache.set(text, s);
    }
    return s;
  };
}

/** A synchronous connection seen through the async Sql interface. */
function view(db: Database.Database): Sql {
  const stmt = statements(db);
  const call = <T>(f: () => T): Promise<T> => {
    try {
      return Promise.resolve(f());
    } catch (e) {
      return Promise.reject(unavailable(e));
    }
  };
  return {
    dialect: "sqlite",
    all: <T>(text: string, params: Param[] = []) => call(() => stmt(text).all(...params) as T[]),
    get: <T>(text: string, params: Param[] = []) => call(() => stmt(text).get(...params) as T | undefined),
    run: (text: string, params: Param[] = []) => call(() => stmt(text).run(...params).changes),
  };
}

interface Job {
  fn: (sql: Sql) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** Opens (creating when needed) `calltrk.sqlite` under `dir`, or a throwaway store for ":memory:". */
export function openSqlite(dir: string): Db & { raw: Database.Database } {
  let file = dir;
  if (dir != ":memory:") {
    mkdirSync(dir, { recursive: true });
    file = join(dir, "calltrk.sqlite");
  }
  const writer = connect(file);
  // An in-memory database exists per connection: there, reads share the writer.
  const reader = dir == ":memory:" ? writer : connect(file);
  const w = view(writer);
  const r = view(reader);
  let queue: Job[] = [];
  let busy = false;

  async function flush(): Promise<void> {
    busy = true;
    const jobs = queue;
    queue = [];
    const done: Array<{ ok: boolean; value?: unknown; error?: unknown }> = [];
    try {
      // IMMEDIATE: take the write lock first, so a second process on the same file waits
      // (busy_timeout) instead of reading a free number that is about to be taken.
      writer.exec("BEGIN IMMEDIATE");
      for (const job of jobs) {
        writer.exec("SAVEPOINT job");
        try {
          const value = await job.fn(w);
          writer.exec("RELEASE job");
          done.push({ ok: true, value });
        } catch (error) {
          writer.exec("ROLLBACK TO job");
          writer.exec("RELEASE job");
          done.push({ ok: false, error });
        }
      }
      writer.exec("COMMIT");
    } catch (e) {
      // The transaction could not begin or commit: nothing of this batch was stored.
      if (writer.inTransaction) writer.exec("ROLLBACK");
      const error = unavailable(e);
      for (let i = 0; i < jobs.length; i++) done[i] = { ok: false, error: done[i]?.error ?? error };
    }
    busy = false;
    jobs.forEach((job, i) => {
      if (done[i].ok) job.resolve(done[i].value);
      else job.reject(done[i].error);
    });
    if (queue.length) setImmediate(flush);
  }

  function tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (!queue.length && !busy) setImmediate(flush);
      queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  return {
    dialect: "sqlite",
    raw: writer,
    all: r.all,
    get: r.get,
    // A bare statement that changes something is a transaction of its own.
    run: (text, params) => tx((sql) => sql.run(text, params)),
    tx,
    // The write lock already lets one process at a time in.
    exclusive: (_job, fn) => tx(fn),
    async close() {
      while (queue.length || busy) await new Promise((r) => setImmediate(r));
      if (reader != writer) reader.close();
      writer.close();
    },
  };
}
