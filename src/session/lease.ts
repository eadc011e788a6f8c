// The session numbers the server leased to this visitor (PROTOCOL §5.1), kept in
// localStorage per session so that the next page view swaps at once with no network wait
// (issue 4 item 3). `plan` is the pure rule saying what a page view may show and whether
// it must ask the server; the rest reads and writes the cache, never throwing.
import { own, toJson } from "../safe";
import { parsePhone } from "../swap/phone";

const KEY = "calltrk_numbers";
/** A tracker the server left out (pool exhausted) is asked for again after this long. */
export const RETRY_MS = 60e3;
/** Default and cap for `lease_seconds`. */
const LEASE_S = 1800;
const MAX_LEASE_S = 86400;

export interface Lease {
  /** Session id the numbers belong to. */
  s: string;
  /** Tracker id → tracking number (E.164), as the server answered. */
  n: Record<string, string>;
  /** Tracker ids asked for (those missing from `n` were exhausted). */
  t: string[];
  /** When the answer came (ms). */
  a: number;
  /** When the lease ends unless renewed (ms). */
  e: number;
  /** Lease length (seconds). */
  l: number;
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
 * - a tracker left out by the server (exhausted) more than RETRY_MS ago: ask again;
 * - less than a third of the lease left: ask (the same session keeps its number, §5.1);
 * numbers of a live lease are shown at once in every case.
 */
export function plan(lease: Lease | null, session: string, wanted: string[], now: number): Plan {
  if (!lease || lease.s != session || lease.e <= now) return { numbers: {}, ask: true };
  const numbers: Record<string, string> = {};
  let ask = lease.e - now < (lease.l * 1000) / 3;
  for (const id of wanted) {
    if (lease.n[id]) numbers[id] = lease.n[id];
    else if (lease.t.indexOf(id) < 0 || now - lease.a > RETRY_MS) ask = true;
  }
  return { numbers, ask };
}

/** The server's answer as a lease, or null when it is not one (then: "no numbers", §5). */
export function fromAnswer(body: unknown, session: string, asked: string[], now: number): Lease | null {
  const b = body as { session_id?: unknown; numbers?: unknown; lease_seconds?: unknown } | null;
  if (!b || typeof b != "object" || !b.numbers || typeof b.numbers != "object") return null;
  if (b.session_id != null && b.session_id != session) return null;
  const n: Record<string, string> = {};
  for (const id of asked) {
    const v = own(b.numbers as Record<string, unknown>, id);
    if (typeof v == "string" && parsePhone(v)) n[id] = v;
  }
  const s = Number(b.lease_seconds);
  const l = s > 0 ? Math.min(s, MAX_LEASE_S) : LEASE_S;
  return { s: session, n, t: asked.slice(), a: now, e: now + l * 1000, l };
}

export function readLease(): Lease | null {
  try {
    const x = JSON.parse(localStorage.getItem(KEY)!) as Lease;
    return x && typeof x.s == "string" && x.n && typeof x.n == "object" && Array.isArray(x.t) && x.e > 0 && x.l > 0
      ? x
      : null;
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

/** A page view renewed the lease on the server (§5.2): it now ends a whole lease from now. */
export const renewed = (x: Lease, now: number): Lease => ({ ...x, e: now + x.l * 1000 });
