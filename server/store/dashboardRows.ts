// What the dashboard's reads give back (server/store/dashboard.ts, journey.ts), and how stored
// rows become them: JSON documents parsed leniently (a document that is not valid JSON reads
// as an empty object), since the pages must render whatever the store holds.

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

export type RawCall = { id: number; start_time: number; record: string };
export const callOf = (r: RawCall): DashCall => ({
  id: Number(r.id),
  start_time: Number(r.start_time),
  record: parseDoc(r.record),
});

export type RawForm = { id: string; session_id: string | null; body: string; created_at: number };
export const formOf = (r: RawForm): DashForm => ({
  id: String(r.id),
  session_id: r.session_id == null ? null : String(r.session_id),
  body: parseDoc(r.body),
  created_at: Number(r.created_at),
});

export type RawSession = {
  session_id: string;
  visitor: string | null;
  first_seen_at: number;
  last_seen_at: number;
  held: number;
};
export const sessionOf = (r: RawSession): DashSession => ({
  session_id: String(r.session_id),
  visitor: parseDoc(r.visitor),
  first_seen_at: Number(r.first_seen_at),
  last_seen_at: Number(r.last_seen_at),
  held: Number(r.held) == 1,
});

export const SESSION_COLUMNS = `s.session_id, s.visitor, s.first_seen_at, s.last_seen_at,
  CASE WHEN EXISTS (SELECT 1 FROM leases l WHERE l.company_id = s.company_id AND l.session_id = s.session_id)
  THEN 1 ELSE 0 END AS held`;
