// The session numbers the server leased to this visitor
// (docs/protocol.md#51-session-numbers), kept in localStorage per session so that the
// next page view swaps at once with no network wait (docs/swapping.md#session-numbers).
// `plan` is the pure rule saying what a page view may show and whether it must ask the
// server; the rest reads and writes the cache, never throwing.
import { own, pick, toJson } from "../safe";
import { toE164 } from "../swap/phone";

const KEY = "calltrk_numbers";
/** A tracker whose pool was exhausted is asked for again on a page view this long after the answer. */
export const RETRY_MS = 60e3;
/** Default and cap for `lease_seconds`. */
const LEASE_S = 1800;
const MAX_LEASE_S = 86400;

export interface Lease {
  /** Session id the numbers belong to. */
  sessionId: string;
  /** Tracker id → tracking number (E.164), as the server answered (a fallback number included). */
  numbers: Record<string, string>;
  /** Tracker ids asked for. */
  asked: string[];
  /**
   * Tracker ids whose pool had no free number: left out of the answer, or listed in its
   * `exhausted` field (then `numbers` holds the fallback number). Asked for again after RETRY_MS.
   */
  exhausted: string[];
  /** Of those, the ones refused because this visitor's address holds its share (the answer's `capped`; not cached). */
  capped?: string[];
  /** When the answer came (ms). */
  answeredAt: number;
  /** When the lease ends unless renewed (ms). */
  endsAt: number;
  /** Lease length (seconds). */
  leaseSeconds: number;
}

export interface Plan {
  /** Numbers that may be shown now. */
  numbers: Record<string, string>;
  /** Ask the server (no, stale or incomplete lease); otherwise a page view renews it. */
  ask: boolean;
}

/**
 * What this page view does with the cached lease for `session` and the winning session
 * trackers `wanted`:
 * - none, another session's, or expired: show nothing yet, ask;
 * - a wanted tracker never asked for: ask;
 * - an exhausted tracker (no number, or the fallback number) answered more than RETRY_MS
 *   ago: ask again, so a number freed meanwhile reaches the visitor; its fallback number
 *   is shown meanwhile;
 * - less than a third of the lease left: ask (the same session keeps its number, docs/protocol.md#51-session-numbers);
 * numbers of a live lease are shown at once in every case.
 */
export function plan(lease: Lease | null, session: string, wanted: string[], now: number): Plan {
  if (!lease || lease.sessionId != session || lease.endsAt <= now) return { numbers: {}, ask: true };
  const numbers: Record<string, string> = {};
  let ask = lease.endsAt - now < (lease.leaseSeconds * 1000) / 3;
  for (const id of wanted) {
    const n = own(lease.numbers, id);
    if (n) numbers[id] = n;
    if (lease.asked.indexOf(id) < 0) ask = true;
    else if (lease.exhausted.indexOf(id) >= 0 && now - lease.answeredAt > RETRY_MS) ask = true;
  }
  return { numbers, ask };
}

/** The server's answer as a lease, or null when it is not one (then: "no numbers", docs/protocol.md#5-server-endpoints-used-by-the-bundle). */
export function fromAnswer(body: unknown, session: string, asked: string[], now: number): Lease | null {
  const b = body as {
    session_id?: unknown;
    numbers?: unknown;
    lease_seconds?: unknown;
    exhausted?: unknown;
    capped?: unknown;
  } | null;
  if (!b || typeof b != "object" || !b.numbers || typeof b.numbers != "object") return null;
  if (b.session_id != null && b.session_id != session) return null;
  // Absent from the answer means none exhausted (a server that does not send the field).
  const listed = Array.isArray(b.exhausted) ? b.exhausted : [];
  const numbers: Record<string, string> = {};
  const exhausted: string[] = [];
  for (const id of asked) {
    const v = own(b.numbers as Record<string, unknown>, id);
    const number = typeof v == "string" ? toE164(v) : null;
    if (number) numbers[id] = number;
    if (!number || listed.indexOf(id) >= 0) exhausted.push(id);
  }
  const s = Number(b.lease_seconds);
  const leaseSeconds = s > 0 ? Math.min(s, MAX_LEASE_S) : LEASE_S;
  return {
    sessionId: session,
    numbers,
    asked: asked.slice(),
    exhausted,
    capped: Array.isArray(b.capped) ? exhausted.filter((id) => (b.capped as unknown[]).indexOf(id) >= 0) : [],
    answeredAt: now,
    endsAt: now + leaseSeconds * 1000,
    leaseSeconds,
  };
}

/** The cached lease, when it has the shape `writeLease` gives it (anything else: none). */
export function readLease(): Lease | null {
  try {
    const l = pick(JSON.parse(localStorage.getItem(KEY)!), [
      "sessionId",
      "numbers",
      "asked",
      "exhausted",
      "answeredAt",
      "endsAt",
      "leaseSeconds",
    ]) as unknown as Lease;
    const ok =
      typeof l.sessionId == "string" &&
      !!l.numbers &&
      typeof l.numbers == "object" &&
      Array.isArray(l.asked) &&
      Array.isArray(l.exhausted) &&
      l.answeredAt > 0 &&
      l.endsAt > 0 &&
      l.leaseSeconds > 0;
    return ok ? l : null;
  } catch {
    return null;
  }
}

export function writeLease(x: Lease | null): void {
  try {
    if (x) localStorage.setItem(KEY, toJson(x));
    else localStorage.removeItem(KEY);
  } catch {
    // full or blocked: this page view still has the numbers in memory
  }
}

/** A page view renewed the lease on the server (docs/protocol.md#52-page-views): it now ends a whole lease from now. */
export const renewed = (x: Lease, now: number): Lease => Object.assign({}, x, { endsAt: now + x.leaseSeconds * 1000 });
