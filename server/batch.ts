// Group commit: writes that arrive in the same event-loop turn share one SQLite
// transaction, each in its own savepoint, so one failing write never undoes another.
// A commit costs far more than the statements in it (WAL append and page writes), and
// this is what lets the server hand out several thousand leases per second
// (README "Speed of the server"). Callers get their answer only after the commit.
import type { Db } from "./db";

interface Job {
  run: () => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  ok?: boolean;
  value?: unknown;
  error?: unknown;
}

export function createBatcher(db: Db) {
  let queue: Job[] = [];
  const savepoint = db.transaction((run: () => unknown) => run());
  const all = db.transaction((jobs: Job[]) => {
    for (const j of jobs) {
      try {
        j.value = savepoint(j.run);
        j.ok = true;
      } catch (e) {
        j.error = e;
      }
    }
  });

  function flush(): void {
    const jobs = queue;
    queue = [];
    try {
      // IMMEDIATE: take the write lock first, so a second process on the same file waits
      // (busy_timeout) instead of reading a free number that is about to be taken.
      all.immediate(jobs);
    } catch (e) {
      // The commit failed: nothing was stored.
      for (const j of jobs) {
        j.ok = false;
        j.error = j.error || e;
      }
    }
    for (const j of jobs) {
      if (j.ok) j.resolve(j.value);
      else j.reject(j.error);
    }
  }

  /** Runs `run` inside the next group commit; resolves with its result once committed. */
  return function write<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (!queue.length) setImmediate(flush);
      queue.push({ run, resolve: resolve as (v: unknown) => void, reject });
    });
  };
}
