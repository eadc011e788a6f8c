// The one interface every store function talks to, whatever the database: statements with
// `?` placeholders, rows as plain objects, and transactions. sqlite.ts and postgres.ts
// implement it; everything above them is written once (docs/operations.md#the-store).

export type Param = string | number | null;
export type Dialect = "sqlite" | "postgres";

export interface Sql {
  readonly dialect: Dialect;
  /** Every row of a query. */
  all<T>(text: string, params?: Param[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T>(text: string, params?: Param[]): Promise<T | undefined>;
  /** A statement; how many rows it changed. */
  run(text: string, params?: Param[]): Promise<number>;
}

export interface Db extends Sql {
  /**
   * Runs `fn` in a transaction and resolves once it is committed. SQLite: writes of the same
   * event-loop turn share one commit (group commit), each in its own savepoint, so one failing
   * write never undoes another. PostgreSQL: its own transaction on a pooled connection.
   * No network or other slow I/O inside `fn`: it holds the write lock.
   */
  tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` in a transaction only if no other process is doing the same job (`job` names it):
   * PostgreSQL takes a transaction-level advisory lock; SQLite's write lock serializes anyway.
   * Resolves with undefined when another process holds the job.
   */
  exclusive<T>(job: string, fn: (sql: Sql) => Promise<T>): Promise<T | undefined>;
  /** Closes every connection. */
  close(): Promise<void>;
}

/**
 * The store is unreachable or too slow (database down, pool exhausted, statement timeout):
 * answered 503, never 500, and the caller may try again later.
 */
export class StoreUnavailable extends Error {
  constructor(readonly cause: unknown) {
    super("the store is unavailable: " + (cause instanceof Error ? cause.message : String(cause)));
  }
}

/** A stable 32-bit key for an advisory lock, from a job name (FNV-1a). */
export function lockKey(job: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < job.length; i++) {
    h ^= job.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
