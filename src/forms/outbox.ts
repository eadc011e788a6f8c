// The form outbox (docs/forms.md#delivery, docs/protocol.md#53-form-submissions): a submission is written to localStorage
// before it is sent and removed only when the server acknowledged it, so a lead survives
// an outage, a navigation or a closed tab. The state machine is pure (functions of the
// entry list and the time); `load`/`put`/`remove` are the only storage access.
import { ok } from "../net";
import { pick, toJson } from "../safe";

export interface Entry {
  /** The submission's id: the server's idempotency key, the same on every retry. */
  id: string;
  /** The request body (docs/protocol.md#53-form-submissions). */
  body: Record<string, unknown>;
  /** Where it goes: the form_submissions endpoint of the company it was captured for. */
  url: string;
  /** Attempts so far. */
  attempts: number;
  /** Created (ms). */
  createdAt: number;
  /** Not sent again before (ms): backoff after a failure, or a send in flight. */
  due: number;
}

const PREFIX = "calltrk_outbox:";
const FIELDS = ["id", "body", "url", "attempts", "createdAt", "due"];
export const MAX_ENTRIES = 20;
export const MAX_AGE_MS = 7 * 864e5;
/** A send in flight (or whose answer was lost in a navigation) is not repeated before this. */
export const IN_FLIGHT_MS = 6000;
const BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 600e3;

/** What happened to one send; a send with no answer (a beacon, a timeout) is a retry: the id makes it safe. */
export type Outcome = "ack" | "drop" | "retry";

/** 2xx: acknowledged. 408, 429, 5xx, no answer: retry. Any other 4xx will never succeed: drop (docs/protocol.md#6-errors). */
export function outcome(status: number): Outcome {
  if (ok(status)) return "ack";
  if (status >= 400 && status < 500 && status != 408 && status != 429) return "drop";
  return "retry";
}

/** Adds a submission; entries past MAX_AGE_MS are dropped, and the oldest when over MAX_ENTRIES. Returns the dropped ones. */
export function add(list: Entry[], e: Entry, now: number): { list: Entry[]; dropped: Entry[] } {
  const kept = list.filter((x) => now - x.createdAt < MAX_AGE_MS && x.id != e.id).concat(e);
  const dropped = list.filter((x) => kept.indexOf(x) < 0 && x.id != e.id);
  while (kept.length > MAX_ENTRIES) dropped.push(kept.shift()!);
  return { list: kept, dropped };
}

/**
 * Entries to send now (due and not too old, or never sent by the page view that stored them,
 * `pageStart` being when this one began), marked in flight.
 */
export function take(list: Entry[], now: number, pageStart = 0): { list: Entry[]; send: Entry[] } {
  const send: Entry[] = [];
  const next = list
    .filter((x) => now - x.createdAt < MAX_AGE_MS)
    .map((x) => {
      // Never sent, and stored by an earlier page view (which left before it could send it): now.
      const orphan = !x.attempts && x.createdAt < pageStart;
      if (x.due > now && !orphan) return x;
      const y = Object.assign({}, x, { attempts: x.attempts + 1, due: now + IN_FLIGHT_MS });
      send.push(y);
      return y;
    });
  return { list: next, send };
}

/** The list after a send of `id` ended with `o`: removed on ack or drop, backed off (1 s, 4 s, 16 s… 10 min) on retry. */
export function settle(list: Entry[], id: string, o: Outcome, now: number): Entry[] {
  if (o != "retry") return list.filter((x) => x.id != id);
  return list.map((x) =>
    x.id == id
      ? Object.assign({}, x, { due: now + Math.min(BACKOFF_MS * Math.pow(4, x.attempts - 1), MAX_BACKOFF_MS) })
      : x,
  );
}

/** When the next entry falls due (ms), or null when the outbox is empty. */
export const nextDue = (list: Entry[]) => (list.length ? Math.min(...list.map((x) => x.due)) : null);

/** localStorage, then sessionStorage: a full or blocked localStorage still keeps a lead for this tab's next page. */
function stores(): Storage[] {
  const out: Storage[] = [];
  try {
    out.push(localStorage);
  } catch {
    // storage disabled: reading it throws
  }
  try {
    out.push(sessionStorage);
  } catch {
    // the same
  }
  return out.filter(Boolean);
}

/** An entry as `put` wrote it; an endpoint that is not http(s) is not ours (tampered storage). */
const valid = (e: Entry | null) =>
  !!e && typeof e.id == "string" && /^https?:/.test(e.url) && !!e.body && typeof e.body == "object" && e.createdAt > 0;

/**
 * Every stored entry. One key per entry (`calltrk_outbox:<id>`): two tabs writing at once
 * each touch only the entries they changed, so neither can overwrite the other's new lead
 * (a single list under one key loses one tab's write; localStorage is last-writer-wins per key).
 */
export function load(): Entry[] {
  const found: Entry[] = [];
  stores().forEach((s) => {
    try {
      for (let i = 0; i < s.length; i++) {
        const k = s.key(i) || "";
        if (k.indexOf(PREFIX) != 0) continue;
        let e: Entry | null = null;
        try {
          // Own fields only: a polluted Object.prototype `url` must not send a lead elsewhere.
          e = pick(JSON.parse(s.getItem(k)!), FIELDS) as unknown as Entry;
        } catch {
          // not ours
        }
        if (valid(e) && !found.some((x) => x.id == e!.id))
          found.push(Object.assign({}, e!, { attempts: +e!.attempts || 0, due: +e!.due || 0 }));
      }
    } catch {
      // blocked
    }
  });
  return found;
}

/** Stores one entry; false when no storage took it (it then lives in memory only). */
export function put(e: Entry): boolean {
  return stores().some((s) => {
    try {
      s.setItem(PREFIX + e.id, toJson(e));
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether any submission waits in the outbox (a later page view loads the delivery part for it). */
export function pending(): boolean {
  return stores().some((s) => {
    try {
      for (let i = 0; i < s.length; i++) if ((s.key(i) || "").indexOf(PREFIX) == 0) return true;
    } catch {
      // blocked
    }
    return false;
  });
}

/** Removes one entry from every storage. */
export function remove(id: string): void {
  stores().forEach((s) => {
    try {
      s.removeItem(PREFIX + id);
    } catch {
      // blocked
    }
  });
}

/**
 * Stores what changed from `before` to `after` (entries the pure functions above replaced
 * or added; ids they removed) and nothing else, so another tab's entries are never
 * overwritten from a stale read. Returns the entries of `after` no storage took.
 */
export function commit(before: Entry[], after: Entry[]): Entry[] {
  before.forEach((e) => after.some((a) => a.id == e.id) || remove(e.id));
  return after.filter((e) => before.indexOf(e) < 0 && !put(e));
}
