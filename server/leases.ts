// Session numbers (issue 6 item 4, PROTOCOL §5.1-5.2): leasing pool numbers to visitor
// sessions. Every claim is one SQLite transaction: expire idle leases, keep a live one,
// else take the least recently released free number. The partial unique index
// one_live_lease_per_number (db.ts) is the last guard against a double lease.
import type { Db } from "./db";
import type { Company } from "./companies";

export interface LeaseOptions {
  /** Idle time after which a lease ends (seconds). Default 1800 (30 min). */
  idleSeconds: number;
}

export function createLeases(db: Db, o: LeaseOptions) {
  const idle = o.idleSeconds * 1000;
  const q = {
    expire: db.prepare(
      "UPDATE leases SET ended_at = last_seen_at + ? WHERE ended_at IS NULL AND last_seen_at < ? RETURNING company_id, tracker_id, number, ended_at",
    ),
    released: db.prepare(
      "UPDATE pool_numbers SET leased = 0, released_at = ? WHERE company_id = ? AND tracker_id = ? AND number = ?",
    ),
    taken: db.prepare("UPDATE pool_numbers SET leased = 1 WHERE company_id = ? AND tracker_id = ? AND number = ?"),
    live: db.prepare(
      "SELECT id, number FROM leases WHERE company_id = ? AND tracker_id = ? AND session_id = ? AND ended_at IS NULL",
    ),
    touch: db.prepare("UPDATE leases SET last_seen_at = ? WHERE id = ?"),
    touchSession: db.prepare(
      "UPDATE leases SET last_seen_at = ? WHERE company_id = ? AND session_id = ? AND ended_at IS NULL",
    ),
    free: db.prepare(
      "SELECT number FROM pool_numbers WHERE company_id = ? AND tracker_id = ? AND leased = 0 ORDER BY released_at, number LIMIT 1",
    ),
    insert: db.prepare(
      "INSERT INTO leases (company_id, tracker_id, number, session_id, started_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    exhausted: db.prepare(
      "INSERT INTO exhaustion (company_id, tracker_id, count) VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET count = count + 1",
    ),
    holder:
      db.prepare(`SELECT tracker_id, session_id FROM leases WHERE company_id = ? AND number = ? AND started_at <= ?
      AND (ended_at IS NULL OR ended_at >= ?) ORDER BY started_at DESC LIMIT 1`),
  };

  let swept = -Infinity;
  /**
   * Ends leases idle for longer than the idle time; their numbers become the most recently
   * released. At most one sweep per second of the clock: a lease may outlive its idle time
   * by up to a second, which nobody can tell, and a burst of claims sweeps once.
   */
  function expire(now: number): number {
    if (now >= swept && now - swept < 1000) return 0;
    swept = now;
    const ended = q.expire.all(idle, now - idle) as Array<{
      company_id: string;
      tracker_id: string;
      number: string;
      ended_at: number;
    }>;
    for (const e of ended) q.released.run(e.ended_at, e.company_id, e.tracker_id, e.number);
    return ended.length;
  }

  /**
   * Numbers for one session (PROTOCOL §5.1): tracker id → number, for the active session
   * trackers asked for. A pool with no free number gives its fallback number, or nothing.
   */
  const claim = db.transaction((c: Company, sessionId: string, trackerIds: string[], now: number) => {
    expire(now);
    const numbers: Record<string, string> = {};
    for (const id of trackerIds) {
      const t = c.trackers.find((x) => x.id == id && x.type == "session" && x.status == "active");
      if (!t || numbers[id]) continue;
      const live = q.live.get(c.id, id, sessionId) as { id: number; number: string } | undefined;
      if (live) {
        q.touch.run(now, live.id);
        numbers[id] = live.number;
        continue;
      }
      const free = q.free.get(c.id, id) as { number: string } | undefined;
      if (free) {
        q.insert.run(c.id, id, free.number, sessionId, now, now);
        q.taken.run(c.id, id, free.number);
        numbers[id] = free.number;
      } else {
        q.exhausted.run(c.id, id);
        if (t.fallback_number) numbers[id] = t.fallback_number;
      }
    }
    return numbers;
  });

  /** A page view renews every live lease of the session (PROTOCOL §5.2). */
  const renew = db.transaction((companyId: string, sessionId: string, now: number) => {
    expire(now);
    return q.touchSession.run(now, companyId, sessionId).changes;
  });

  /** Who held `number` at `time` (a call arrives after the fact; the number may have moved on). */
  function holderAt(companyId: string, number: string, time: number) {
    return q.holder.get(companyId, number, time, time) as { tracker_id: string; session_id: string } | undefined;
  }

  return { claim, renew, expire, holderAt, leaseSeconds: o.idleSeconds };
}

export type Leases = ReturnType<typeof createLeases>;
