// Session numbers (docs/protocol.md#51-session-numbers): leasing pool numbers to visitor
// sessions. A claim runs in one transaction: keep (and renew) the session's live lease, else
// take the free number released longest ago. On PostgreSQL the free number is picked with
// FOR UPDATE SKIP LOCKED, so concurrent claims from several processes skip each other's rows
// instead of queueing; on SQLite the write lock serializes claims. Either way the partial
// unique indexes one_live_lease_per_number and one_live_lease_per_session (migrations.ts) are
// the last guard. Ending idle leases is a background job (expireLeases), not part of a claim,
// except for the pool a claim found full: its idle leases are ended then, so a pool is never
// reported exhausted while a lease that has run out still holds a number.
import type { Company, TrackerRecord } from "../companies";
import { activeTrackers } from "./companies";
import type { Sql } from "./sql";

export interface Claimed {
  /** Tracker id → number (a pool number, or the fallback number of an exhausted pool). */
  numbers: Record<string, string>;
  /** Trackers asked for whose pool had no free number (answered with the fallback or left out). */
  exhausted: string[];
}

/** Ends the leases idle since before `now - idle` (of one tracker, when given) and frees their numbers. */
export async function endIdleLeases(
  sql: Sql,
  now: number,
  idle: number,
  scope?: { companyId: string; trackerId: string },
): Promise<number> {
  const ended = scope
    ? await sql.all<{ company_id: string; tracker_id: string; number: string; ended_at: number }>(
        `UPDATE leases SET ended_at = last_seen_at + ? WHERE company_id = ? AND tracker_id = ? AND ended_at IS NULL
         AND last_seen_at < ? RETURNING company_id, tracker_id, number, ended_at`,
        [idle, scope.companyId, scope.trackerId, now - idle],
      )
    : await sql.all<{ company_id: string; tracker_id: string; number: string; ended_at: number }>(
        `UPDATE leases SET ended_at = last_seen_at + ? WHERE ended_at IS NULL AND last_seen_at < ?
         RETURNING company_id, tracker_id, number, ended_at`,
        [idle, now - idle],
      );
  for (const e of ended)
    await sql.run(
      "UPDATE pool_numbers SET leased = 0, released_at = ? WHERE company_id = ? AND tracker_id = ? AND number = ?",
      [e.ended_at, e.company_id, e.tracker_id, e.number],
    );
  return ended.length;
}

/** Takes the free number released longest ago (never-used numbers first) for `sessionId`; null when none. */
async function takeFree(sql: Sql, companyId: string, trackerId: string, sessionId: string, now: number) {
  const skipLocked = sql.dialect == "postgres" ? " FOR UPDATE SKIP LOCKED" : "";
  const row = await sql.get<{ number: string }>(
    `UPDATE pool_numbers SET leased = 1 WHERE company_id = ? AND tracker_id = ? AND number = (
       SELECT number FROM pool_numbers WHERE company_id = ? AND tracker_id = ? AND leased = 0
       ORDER BY released_at, number LIMIT 1${skipLocked}) RETURNING number`,
    [companyId, trackerId, companyId, trackerId],
  );
  if (!row) return null;
  // Another process may have given this session a lease of this tracker meanwhile: then the
  // insert does nothing, the number goes back, and the session keeps the lease it has.
  const inserted = await sql.run(
    `INSERT INTO leases (company_id, tracker_id, number, session_id, started_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (company_id, tracker_id, session_id) WHERE ended_at IS NULL DO NOTHING`,
    [companyId, trackerId, row.number, sessionId, now, now],
  );
  if (inserted) return row.number;
  await sql.run("UPDATE pool_numbers SET leased = 0 WHERE company_id = ? AND tracker_id = ? AND number = ?", [
    companyId,
    trackerId,
    row.number,
  ]);
  return renewLive(sql, companyId, trackerId, sessionId, now);
}

/** Renews the session's live lease of one tracker; its number, or null. */
async function renewLive(sql: Sql, companyId: string, trackerId: string, sessionId: string, now: number) {
  const row = await sql.get<{ number: string }>(
    `UPDATE leases SET last_seen_at = ? WHERE company_id = ? AND tracker_id = ? AND session_id = ? AND ended_at IS NULL
     RETURNING number`,
    [now, companyId, trackerId, sessionId],
  );
  return row ? row.number : null;
}

/** The company's active session trackers among `trackerIds`, each once, in the order asked. */
export function sessionTrackers(c: Company, trackerIds: string[]): TrackerRecord[] {
  const live = activeTrackers(c);
  const out: TrackerRecord[] = [];
  for (const id of new Set(trackerIds)) {
    const t = live.find((x) => x.id == id && x.type == "session");
    if (t) out.push(t);
  }
  return out;
}

/** The answer from each tracker's pool number (null: none free): fallback numbers and exhaustion. */
function answer(trackers: TrackerRecord[], taken: Map<string, string | null>): Claimed {
  const out: Claimed = { numbers: {}, exhausted: [] };
  for (const t of trackers) {
    const number = taken.get(t.id);
    if (number) out.numbers[t.id] = number;
    else {
      out.exhausted.push(t.id);
      if (t.fallback_number) out.numbers[t.id] = t.fallback_number;
    }
  }
  return out;
}

/**
 * Numbers for one session, statement by statement (SQLite, inside the claim's transaction):
 * tracker id → number, for the active session trackers asked for. A pool with no free number
 * gives its fallback number, or nothing, and is counted.
 */
export async function claimNumbers(
  sql: Sql,
  c: Company,
  sessionId: string,
  trackerIds: string[],
  now: number,
  idle: number,
): Promise<Claimed> {
  const trackers = sessionTrackers(c, trackerIds);
  const taken = new Map<string, string | null>();
  for (const { id } of trackers) {
    let number = (await renewLive(sql, c.id, id, sessionId, now)) ?? (await takeFree(sql, c.id, id, sessionId, now));
    if (!number && (await endIdleLeases(sql, now, idle, { companyId: c.id, trackerId: id })))
      number = await takeFree(sql, c.id, id, sessionId, now);
    if (!number)
      await sql.run("INSERT INTO pool_exhaustions (company_id, tracker_id, at) VALUES (?, ?, ?)", [c.id, id, now]);
    taken.set(id, number);
  }
  return answer(trackers, taken);
}

/**
 * The same claim as one statement (PostgreSQL): the function calltrk_claim (migrations.ts,
 * version 4) writes the session and the page view and runs the steps of claimNumbers, so a
 * claim is one round trip and its own transaction.
 */
export async function claimInOneStatement(
  sql: Sql,
  c: Company,
  sessionId: string,
  visitor: string | null,
  page: { page_url?: string | null; title?: string | null } | null,
  trackerIds: string[],
  now: number,
  idle: number,
): Promise<Claimed> {
  const trackers = sessionTrackers(c, trackerIds);
  const rows = await sql.all<{ tracker_id: string; number: string | null }>(
    "SELECT tracker_id, number FROM calltrk_claim(?, ?, ?, ?, ?, ARRAY(SELECT json_array_elements_text(CAST(? AS text)::json)), ?, ?)",
    [
      c.id,
      sessionId,
      visitor,
      page?.page_url ?? null,
      page?.title ?? null,
      JSON.stringify(trackers.map((t) => t.id)),
      now,
      idle,
    ],
  );
  return answer(trackers, new Map(rows.map((r) => [r.tracker_id, r.number])));
}

/** A page view renews every live lease of the session (docs/protocol.md#52-page-views). */
export function renewSession(sql: Sql, companyId: string, sessionId: string, now: number): Promise<number> {
  return sql.run("UPDATE leases SET last_seen_at = ? WHERE company_id = ? AND session_id = ? AND ended_at IS NULL", [
    now,
    companyId,
    sessionId,
  ]);
}

/**
 * Who held `number` at `time`: a call arrives after the fact and the number may have moved
 * on. A lease not yet ended by the background job counts as ended `idle` after it was last seen.
 */
export function holderAt(
  sql: Sql,
  companyId: string,
  number: string,
  time: number,
  idle: number,
): Promise<{ tracker_id: string; session_id: string } | undefined> {
  return sql.get(
    `SELECT tracker_id, session_id FROM leases WHERE company_id = ? AND number = ? AND started_at <= ?
     AND COALESCE(ended_at, last_seen_at + ?) >= ? ORDER BY started_at DESC LIMIT 1`,
    [companyId, number, time, idle, time],
  );
}
