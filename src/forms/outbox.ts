// The form outbox (issue 5 item 4, PROTOCOL §5.3): a submission is written to localStorage
// before it is sent and removed only when the server acknowledged it, so a lead survives
// an outage, a navigation or a closed tab. The state machine is pure (functions of the
// entry list and the time); `load`/`save` are the only storage access.
import { ok } from "../net";

export interface Entry {
  /** The submission's id: the server's idempotency key, the same on every retry. */
  id: string;
  /** The request body (PROTOCOL §5.3). */
  body: Record<string, unknown>;
  /** Where it goes: the form_submissions endpoint of the company it was captured for. */
  u: string;
  /** Attempts so far. */
  n: number;
  /** Created (ms). */
  at: number;
  /** Not sent again before (ms): backoff after a failure, or a send in flight. */
  due: number;
}

const KEY = "calltrk_outbox";
export const MAX_ENTRIES = 20;
export const MAX_AGE_MS = 7 * 864e5;
/** A send in flight (or whose answer was lost in a navigation) is not repeated before this. */
export const IN_FLIGHT_MS = 6000;
const BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 600e3;

/** What happened to one send; a send with no answer (a beacon, a timeout) is a retry: the id makes it safe. */
export type Outcome = "ack" | "drop" | "retry";

/** 2xx: acknowledged. 408, 429, 5xx, no answer: retry. Any other 4xx will never succeed: drop (PROTOCOL §6). */
export function outcome(status: number): Outcome {
  if (ok(status)) return "ack";
  if (status >= 400 && status < 500 && status != 408 && status != 429) return "drop";
  return "retry";
}

/** Adds a submission; entries past MAX_AGE_MS are dropped, and the oldest when over MAX_ENTRIES. Returns the dropped ones. */
export function add(list: Entry[], e: Entry, now: number): { list: Entry[]; dropped: Entry[] } {
  const kept = list.filter((x) => now - x.at < MAX_AGE_MS && x.id != e.id).concat(e);
  const dropped = list.filter((x) => kept.indexOf(x) < 0 && x.id != e.id);
  while (kept.length > MAX_ENTRIES) dropped.push(kept.shift()!);
  return { list: kept, dropped };
}

/** Entries to send now (due and not too old), marked in flight. */
export function take(list: Entry[], now: number): { list: Entry[]; send: Entry[] } {
  const send: Entry[] = [];
  const next = list
    .filter((x) => now - x.at < MAX_AGE_MS)
    .map((x) => {
      if (x.due > now) return x;
      const y = { ...x, n: x.n + 1, due: now + IN_FLIGHT_MS };
      send.push(y);
      return y;
    });
  return { list: next, send };
}

/** The list after a send of `id` ended with `o`: removed on ack or drop, backed off (1 s, 4 s, 16 s… 10 min) on retry. */
export function settle(list: Entry[], id: string, o: Outcome, now: number): Entry[] {
  if (o != "retry") return list.filter((x) => x.id != id);
  return list.map((x) => (x.id == id ? { ...x, due: now + Math.min(BACKOFF_MS * Math.pow(4, x.n - 1), MAX_BACKOFF_MS) } : x));
}

/** When the next entry falls due (ms), or null when the outbox is empty. */
export const nextDue = (list: Entry[]) => (list.length ? Math.min(...list.map((x) => x.due)) : null);

export function load(): Entry[] {
  try {
    const x = JSON.parse(localStorage.getItem(KEY) || "[]");
    return Array.isArray(x)
      ? x.filter((e) => e && typeof e.id == "string" && typeof e.u == "string" && e.body && typeof e.body == "object" && e.at > 0).map((e) => ({ ...e, n: +e.n || 0, due: +e.due || 0 }))
      : [];
  } catch {
    return [];
  }
}

/** Writes the outbox; false when storage is blocked or full (the submission then lives in memory only). */
export function save(list: Entry[]): boolean {
  try {
    if (list.length) localStorage.setItem(KEY, JSON.stringify(list));
    else localStorage.removeItem(KEY);
    return true;
  } catch {
    return false;
  }
}
