// Session numbers (docs/protocol.md#51-session-numbers): leasing pool numbers to visitor
// sessions. A claim runs in one transaction: keep (and renew) the session's live lease, else
// take the free number released longest ago. On PostgreSQL the free number is picked with
// FOR UPDATE SKIP LOCKED, so concurrent claims from several processes skip each other's rows
// instead of queueing; on SQLite the write lock serializes claims. Either way the partial
// unique indexes one_live_lease_per_number and one_live_lease_per_session (migrations.ts) are
// the last guard. Ending idle leases is a background job (expireLeases), not part of a claim,
// except for the pool a claim found full: its idle leases are ended then, so a pool is never
// reported exhausted while a lease that has run out still holds a number.
//
// Against one client holding a pool (docs/security.md#session-numbers): a client (a keyed hash
// of its address group) holds at most `cap` live leases of a company, and a lease ends after
// `max` without a call to its number, however often it is renewed.
import { activeTrackers, type Company, type TrackerRecord } from "../companies";
import type { Sql } from "./sql";

export interface Claimed {
  /** Tracker id → number (a pool number, or the fallback number of an exhausted pool). */
  numbers: Record<string, string>;
  /** Trackers asked for whose pool had no free number (answered with the fallback or left out). */
  exhausted: string[];
  /** Of those, the ones refused because this client already holds its share of leases. */
  capped: string[];
}

/** Who asks, for the per-client cap: a key of the client (server/clients.ts) and the cap (0: none). */
export interface ClaimClient {
  key: string | null;
  cap: number;
}

const ended = "company_id, tracker_id, number, ended_at";
type Ended = { company_id: string; tracker_id: string; number: string; ended_at: number };

async function release(sql: Sql, leases: Ended[]) {
  for (const e of leases)
    await sql.run(
      "UPDATE pool_numbers SET leased = 0, released_at = ? WHERE company_id = ? AND tracker_id = ? AND number = ?",
      [e.ended_at, e.company_id, e.tracker_id, e.number],
    );
  return leases.length;
}

/** Ends the leases idle since before `now - idle` (of one tracker, when given) and frees their numbers. */
export async function endIdleLeases(
  sql: Sql,
  now: number,
  idle: number,
  scope?: { companyId: string; trackerId: string },
): Promise<number> {
  // An ended lease forgets its client: the key is kept only while the lease lives.
  return release(
    sql,
    scope
      ? await sql.all<Ended>(
          `UPDATE leases SET ended_at = last_seen_at + ?, client_key = NULL WHERE company_id = ? AND tracker_id = ?
           AND ended_at IS NULL AND last_seen_at < ? RETURNING ${ended}`,
          [idle, scope.companyId, scope.trackerId, now - idle],
        )
      : await sql.all<Ended>(
          `UPDATE leases SET ended_at = last_seen_at + ?, client_key = NULL WHERE ended_at IS NULL AND last_seen_at < ?
           RETURNING ${ended}`,
          [idle, now - idle],
        ),
  );
}

/**
 * Ends the leases older than `max` whose number had no call since the lease began, and frees
 * their numbers: renewing page views every few minutes does not keep a number forever.
 */
export async function endLongLeases(sql: Sql, now: number, max: number): Promise<number> {
  return release(
    sql,
    await sql.all<Ended>(
      `UPDATE leases SET ended_at = ?, client_key = NULL WHERE ended_at IS NULL AND started_at < ? AND NOT EXISTS (
         SELECT 1 FROM calls c WHERE c.company_id = leases.company_id AND c.tracking_phone_number = leases.number
         AND c.start_time >= leases.started_at) RETURNING ${ended}`,
      [now, now - max],
    ),
  );
}

/** Takes the free number released longest ago (never-used numbers first) for `sessionId`; null when none. */
async function takeFree(
  sql: Sql,
  companyId: string,
  trackerId: string,
  sessionId: string,
  now: number,
  clientKey: string | null,
) {
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
    `INSERT INTO leases (company_id, tracker_id, number, session_id, started_at, last_seen_at, client_key)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (company_id, tracker_id, session_id) WHERE ended_at IS NULL DO NOTHING`,
    [companyId, trackerId, row.number, sessionId, now, now, clientKey],
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
function answer(trackers: TrackerRecord[], taken: Map<string, string | null>, capped: Set<string>): Claimed {
  const out: Claimed = { numbers: {}, exhausted: [], capped: [...capped] };
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

/** True when the client already holds its share of the company's live leases. */
async function overCap(sql: Sql, companyId: string, client: ClaimClient, now: number, idle: number) {
  if (!client.cap || !client.key) return false;
  const row = await sql.get<{ n: number }>(
    `SELECT count(*) AS n FROM leases WHERE company_id = ? AND client_key = ? AND ended_at IS NULL AND last_seen_at >= ?`,
    [companyId, client.key, now - idle],
  );
  return Number(row!.n) >= client.cap;
}

/**
 * Numbers for one session, statement by statement (SQLite, inside the claim's transaction):
 * tracker id → number, for the active session trackers asked for. A pool with no free number
 * gives its fallback number, or nothing, and is counted; a client over its cap gets no new
 * lease (the fallback number, or nothing) and is not counted as exhaustion.
 */
export async function claimNumbers(
  sql: Sql,
  c: Company,
  sessionId: string,
  trackerIds: string[],
  now: number,
  idle: number,
  client: ClaimClient = { key: null, cap: 0 },
): Promise<Claimed> {
  const trackers = sessionTrackers(c, trackerIds);
  const taken = new Map<string, string | null>();
  const capped = new Set<string>();
  for (const { id } of trackers) {
    let number = await renewLive(sql, c.id, id, sessionId, now);
    if (!number && (await overCap(sql, c.id, client, now, idle))) capped.add(id);
    else if (!number) {
      number = await takeFree(sql, c.id, id, sessionId, now, client.key);
      if (!number && (await endIdleLeases(sql, now, idle, { companyId: c.id, trackerId: id })))
        number = await takeFree(sql, c.id, id, sessionId, now, client.key);
      if (!number)
        await sql.run("INSERT INTO pool_exhaustions (company_id, tracker_id, at) VALUES (?, ?, ?)", [c.id, id, now]);
    }
    taken.set(id, number);
  }
  return answer(trackers, taken, capped);
}

/**
 * The same claim as one statement (PostgreSQL): the function calltrk_claim (migrations.ts,
 * version 7) writes the session and the page view and runs the steps of claimNumbers, so a
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
  client: ClaimClient = { key: null, cap: 0 },
): Promise<Claimed> {
  const trackers = sessionTrackers(c, trackerIds);
  const rows = await sql.all<{ tracker_id: string; number: string | null; capped: boolean }>(
    `SELECT tracker_id, number, capped FROM calltrk_claim(?, ?, ?, ?, ?,
       ARRAY(SELECT json_array_elements_text(CAST(? AS text)::json)), ?, ?, ?, ?)`,
    [
      c.id,
      sessionId,
      visitor,
      page?.page_url ?? null,
      page?.title ?? null,
      JSON.stringify(trackers.map((t) => t.id)),
      now,
      idle,
      client.key,
      client.cap,
    ],
  );
  return answer(
    trackers,
    new Map(rows.map((r) => [r.tracker_id, r.number])),
    new Set(rows.filter((r) => r.capped).map((r) => r.tracker_id)),
  );
}

/** A page no sooner than this after the last renewal counts as a renewal: no browser loads pages faster. */
export const MIN_RENEW_MS = 5_000;

/**
 * A page view renews every live lease of the session (docs/protocol.md#52-page-views), unless
 * the last renewal was less than MIN_RENEW_MS ago.
 */
export function renewSession(sql: Sql, companyId: string, sessionId: string, now: number): Promise<number> {
  return sql.run(
    "UPDATE leases SET last_seen_at = ? WHERE company_id = ? AND session_id = ? AND ended_at IS NULL AND last_seen_at <= ?",
    [now, companyId, sessionId, now - MIN_RENEW_MS],
  );
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
