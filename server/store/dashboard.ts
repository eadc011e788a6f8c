// The dashboard's reads (docs/dashboard.md): one company's calls, leads and visitors in a time
// range, page views and pool use aggregated per 15-minute slot in SQL, one visitor's journey,
// and the dashboard's logins. Every list is bounded by a LIMIT; stored JSON is parsed leniently
// (a document that is not valid JSON reads as an empty object), since the pages must render
// whatever the store holds.
import type { LeaseRow, PageViewRow } from "./rows";
import type { Db, Param, Sql } from "./sql";

/**
 * Aggregates are counted per slot of this many milliseconds (`created_at / SLOT_MS`, integer
 * division in both databases). Every time zone's offset is a multiple of 15 minutes, so a
 * slot never straddles a local midnight and the dashboard sums slots into local days.
 */
export const SLOT_MS = 900_000;

export type Doc = Record<string, unknown>;

/** A call: its id and start, and the stored v3 call object. */
export interface DashCall {
  id: number;
  start_time: number;
  record: Doc;
}

/** A form submission: the bundle's body as stored (docs/protocol.md#53-form-submissions). */
export interface DashForm {
  id: string;
  session_id: string | null;
  body: Doc;
  created_at: number;
}

/** A visitor session, and whether it was ever leased a pool number. */
export interface DashSession {
  session_id: string;
  visitor: Doc;
  first_seen_at: number;
  last_seen_at: number;
  held: boolean;
}

export interface SlotCount {
  slot: number;
  n: number;
}

export interface TrackerSlot extends SlotCount {
  tracker_id: string;
}

/** What a pool-use chart needs: sizes now, leases live at the range's start, and changes per slot. */
export interface PoolHistory {
  /** Tracker id → numbers in its pool now. */
  sizes: Record<string, number>;
  /** Tracker id → leases live at `from`. */
  atStart: Record<string, number>;
  /** Leases started (`n` > 0) and ended (`n` < 0) per tracker and slot within the range. */
  changes: TrackerSlot[];
  exhaustions: TrackerSlot[];
}

/** A stored JSON document as an object: anything else (bad JSON, an array, a number) reads as `{}`. */
export function parseDoc(text: unknown): Doc {
  if (typeof text != "string") return {};
  try {
    const v = JSON.parse(text);
    return v && typeof v == "object" && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

type RawCall = { id: number; start_time: number; record: string };
const callOf = (r: RawCall): DashCall => ({
  id: Number(r.id),
  start_time: Number(r.start_time),
  record: parseDoc(r.record),
});

type RawForm = { id: string; session_id: string | null; body: string; created_at: number };
const formOf = (r: RawForm): DashForm => ({
  id: String(r.id),
  session_id: r.session_id == null ? null : String(r.session_id),
  body: parseDoc(r.body),
  created_at: Number(r.created_at),
});

type RawSession = {
  session_id: string;
  visitor: string | null;
  first_seen_at: number;
  last_seen_at: number;
  held: number;
};
const sessionOf = (r: RawSession): DashSession => ({
  session_id: String(r.session_id),
  visitor: parseDoc(r.visitor),
  first_seen_at: Number(r.first_seen_at),
  last_seen_at: Number(r.last_seen_at),
  held: Number(r.held) == 1,
});

const SESSION_COLUMNS = `s.session_id, s.visitor, s.first_seen_at, s.last_seen_at,
  CASE WHEN EXISTS (SELECT 1 FROM leases l WHERE l.company_id = s.company_id AND l.session_id = s.session_id)
  THEN 1 ELSE 0 END AS held`;

/** Calls that started in [from, to), newest first, at most `limit`. */
export async function callsBetween(sql: Sql, companyId: string, from: number, to: number, limit: number) {
  const rows = await sql.all<RawCall>(
    `SELECT id, start_time, record FROM calls WHERE company_id = ? AND start_time >= ? AND start_time < ?
     ORDER BY start_time DESC, id DESC LIMIT ?`,
    [companyId, from, to, limit],
  );
  return rows.map(callOf);
}

/** Form submissions received in [from, to), newest first, at most `limit`. */
export async function formsBetween(sql: Sql, companyId: string, from: number, to: number, limit: number) {
  const rows = await sql.all<RawForm>(
    `SELECT id, session_id, body, created_at FROM form_submissions WHERE company_id = ? AND created_at >= ?
     AND created_at < ? ORDER BY created_at DESC, id DESC LIMIT ?`,
    [companyId, from, to, limit],
  );
  return rows.map(formOf);
}

/** Sessions seen during [from, to) (first seen before `to`, last seen from `from`), latest first, at most `limit`. */
export async function sessionsBetween(sql: Sql, companyId: string, from: number, to: number, limit: number) {
  const rows = await sql.all<RawSession>(
    `SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.company_id = ? AND s.last_seen_at >= ? AND s.first_seen_at < ?
     ORDER BY s.last_seen_at DESC, s.session_id DESC LIMIT ?`,
    [companyId, from, to, limit],
  );
  return rows.map(sessionOf);
}

/** Page views per slot in [from, to). */
export async function pageViewsPerSlot(sql: Sql, companyId: string, from: number, to: number): Promise<SlotCount[]> {
  const rows = await sql.all<SlotCount>(
    `SELECT created_at / ${SLOT_MS} AS slot, count(*) AS n FROM page_views
     WHERE company_id = ? AND created_at >= ? AND created_at < ? GROUP BY created_at / ${SLOT_MS}`,
    [companyId, from, to],
  );
  return rows.map((r) => ({ slot: Number(r.slot), n: Number(r.n) }));
}

/**
 * Pool use over [from, to) for every pool number of the company. A number's leases never
 * overlap (one live lease per number, migrations.ts), so the leases live at `from` are, per
 * number, at most its last lease started before `from`; the rest started inside the range and
 * are counted per slot in SQL. Both reads go through leases_by_number.
 */
export async function poolHistory(sql: Sql, companyId: string, from: number, to: number): Promise<PoolHistory> {
  const sizes = await sql.all<{ tracker_id: string; n: number }>(
    "SELECT tracker_id, count(*) AS n FROM pool_numbers WHERE company_id = ? GROUP BY tracker_id",
    [companyId],
  );
  const before = await sql.all<{ tracker_id: string; ended_at: number | null }>(
    `SELECT l.tracker_id, l.ended_at FROM leases l WHERE l.id IN (
       SELECT (SELECT x.id FROM leases x WHERE x.company_id = p.company_id AND x.number = p.number AND x.started_at < ?
               ORDER BY x.started_at DESC LIMIT 1)
       FROM pool_numbers p WHERE p.company_id = ?)`,
    [from, companyId],
  );
  const inRange = `FROM leases WHERE company_id = ? AND number IN (SELECT number FROM pool_numbers WHERE company_id = ?)
     AND started_at >= ? AND started_at < ?`;
  const changes = await sql.all<TrackerSlot>(
    `SELECT tracker_id, started_at / ${SLOT_MS} AS slot, count(*) AS n ${inRange}
     GROUP BY tracker_id, started_at / ${SLOT_MS}
     UNION ALL
     SELECT tracker_id, ended_at / ${SLOT_MS} AS slot, -count(*) AS n ${inRange} AND ended_at < ?
     GROUP BY tracker_id, ended_at / ${SLOT_MS}`,
    [companyId, companyId, from, to, companyId, companyId, from, to, to],
  );
  const exhaustions = await sql.all<TrackerSlot>(
    `SELECT tracker_id, at / ${SLOT_MS} AS slot, count(*) AS n FROM pool_exhaustions
     WHERE company_id = ? AND at >= ? AND at < ? GROUP BY tracker_id, at / ${SLOT_MS}`,
    [companyId, from, to],
  );
  const atStart: Record<string, number> = {};
  for (const l of before) {
    const ended = l.ended_at == null ? null : Number(l.ended_at);
    if (ended != null && ended <= from) continue;
    atStart[l.tracker_id] = (atStart[l.tracker_id] || 0) + 1;
    if (ended != null && ended < to)
      changes.push({ tracker_id: l.tracker_id, slot: Math.floor(ended / SLOT_MS), n: -1 });
  }
  const num = (r: TrackerSlot) => ({ tracker_id: String(r.tracker_id), slot: Number(r.slot), n: Number(r.n) });
  return {
    sizes: Object.fromEntries(sizes.map((r) => [r.tracker_id, Number(r.n)])),
    atStart,
    changes: changes.map(num),
    exhaustions: exhaustions.map(num),
  };
}

export async function callById(sql: Sql, companyId: string, id: number): Promise<DashCall | undefined> {
  const row = await sql.get<RawCall>("SELECT id, start_time, record FROM calls WHERE company_id = ? AND id = ?", [
    companyId,
    id,
  ]);
  return row && callOf(row);
}

export async function formById(sql: Sql, companyId: string, id: string): Promise<DashForm | undefined> {
  const row = await sql.get<RawForm>(
    "SELECT id, session_id, body, created_at FROM form_submissions WHERE company_id = ? AND id = ?",
    [companyId, id],
  );
  return row && formOf(row);
}

/** One visitor's journey: the session, its page views (oldest first), leases, leads and calls. */
export async function journey(sql: Sql, companyId: string, sessionId: string, idle: number, limit: number) {
  const session = await sql.get<RawSession>(
    `SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.company_id = ? AND s.session_id = ?`,
    [companyId, sessionId],
  );
  const pages = await sql.all<PageViewRow>(
    `SELECT page_url, referrer_url, title, created_at FROM page_views WHERE company_id = ? AND session_id = ?
     ORDER BY created_at, id LIMIT ?`,
    [companyId, sessionId, limit],
  );
  const leases = await sql.all<LeaseRow>(
    `SELECT company_id, tracker_id, number, session_id, started_at, last_seen_at, ended_at FROM leases
     WHERE company_id = ? AND session_id = ? ORDER BY started_at LIMIT ?`,
    [companyId, sessionId, limit],
  );
  const forms = await sql.all<RawForm>(
    `SELECT id, session_id, body, created_at FROM form_submissions WHERE company_id = ? AND session_id = ?
     ORDER BY created_at LIMIT ?`,
    [companyId, sessionId, limit],
  );
  // A call belongs to the session that held its number when it started (holderAt in
  // leases.ts): the calls during the session's leases, kept when the record names the session.
  const calls = await sql.all<RawCall>(
    `SELECT DISTINCT c.id, c.start_time, c.record FROM leases l JOIN calls c ON c.company_id = l.company_id
     AND c.start_time >= l.started_at AND c.start_time <= COALESCE(l.ended_at, l.last_seen_at + ?)
     WHERE l.company_id = ? AND l.session_id = ? ORDER BY c.start_time LIMIT ?`,
    [idle, companyId, sessionId, limit * 10],
  );
  return {
    session: session && sessionOf(session),
    pages: pages.map((p) => ({ ...p, created_at: Number(p.created_at) })),
    leases: leases.map((l) => ({
      ...l,
      started_at: Number(l.started_at),
      last_seen_at: Number(l.last_seen_at),
      ended_at: l.ended_at == null ? null : Number(l.ended_at),
    })),
    forms: forms.map(formOf),
    calls: calls
      .map(callOf)
      .filter((k) => k.record.session_id === sessionId)
      .slice(0, limit),
  };
}

export type Journey = Awaited<ReturnType<typeof journey>>;

/** Session id → page views, for the sessions listed on one page. */
export async function pageViewCounts(sql: Sql, companyId: string, sessionIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!sessionIds.length) return out;
  const rows = await sql.all<{ session_id: string; n: number }>(
    `SELECT session_id, count(*) AS n FROM page_views WHERE company_id = ? AND session_id IN
     (${sessionIds.map(() => "?").join(", ")}) GROUP BY session_id`,
    [companyId, ...(sessionIds as Param[])],
  );
  for (const r of rows) out.set(String(r.session_id), Number(r.n));
  return out;
}

/** A dashboard login: `id` is the keyed hash of the cookie's value, never the value itself. */
export async function addLogin(sql: Sql, id: string, now: number, expires: number): Promise<void> {
  await sql.run("DELETE FROM dashboard_logins WHERE expires_at <= ?", [now]);
  await sql.run("INSERT INTO dashboard_logins (id, created_at, expires_at) VALUES (?, ?, ?)", [id, now, expires]);
}

export async function loginValid(sql: Sql, id: string, now: number): Promise<boolean> {
  return !!(await sql.get("SELECT 1 AS x FROM dashboard_logins WHERE id = ? AND expires_at > ?", [id, now]));
}

export function endLogin(sql: Sql, id: string): Promise<number> {
  return sql.run("DELETE FROM dashboard_logins WHERE id = ?", [id]);
}

/** These functions over one database, as the store facade offers them (`store.dashboard`). */
export function dashboardStore(db: Db, idle: number) {
  const read =
    <A extends unknown[], R>(f: (sql: Sql, ...a: A) => R) =>
    (...a: A) =>
      f(db, ...a);
  return {
    callsBetween: read(callsBetween),
    formsBetween: read(formsBetween),
    sessionsBetween: read(sessionsBetween),
    pageViewsPerSlot: read(pageViewsPerSlot),
    poolHistory: read(poolHistory),
    callById: read(callById),
    formById: read(formById),
    journey: (companyId: string, sessionId: string, limit: number) => journey(db, companyId, sessionId, idle, limit),
    pageViewCounts: read(pageViewCounts),
    loginValid: read(loginValid),
    addLogin: (id: string, now: number, expires: number) => db.tx((sql) => addLogin(sql, id, now, expires)),
    endLogin: (id: string) => db.tx((sql) => endLogin(sql, id)),
  };
}

export type DashboardStore = ReturnType<typeof dashboardStore>;
