// When to try a webhook again (docs/protocol.md#9-outgoing-webhooks): retried on a non-2xx answer, a
// timeout or a network error, with growing delays, for at least 24 hours after the event was queued.
// The first retry comes within 5 seconds (a receiver that blinked during a deploy gets the event at
// once); then 30 s, 2 min, 10 min, 30 min, 1 h, and hourly. Each delay is shortened by up to a fifth
// at random, so that many events failing together do not all come back in the same second.

export const RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000];
/** Delays after the listed ones. */
export const LAST_DELAY_MS = 3_600_000;
/** An event is given up only after an attempt made at least this long after it was queued. */
export const RETRY_FOR_MS = 24 * 3_600_000;
/** The largest share of a delay taken off at random. */
export const JITTER = 0.2;

export interface FailedAttempt {
  /** When the event was queued (ms since the epoch). */
  queuedAt: number;
  /** Attempts made so far, the failed one included (1 after the first attempt). */
  attempts: number;
  /** When the failed attempt ended. */
  now: number;
  /** A number in [0, 1): Math.random, or a fixed one in tests. */
  random?: () => number;
}

/** The time of the next attempt, or null: the failed attempt came 24 hours or more after queueing, give up. */
export function nextAttemptAt(f: FailedAttempt): number | null {
  if (f.now - f.queuedAt >= RETRY_FOR_MS) return null;
  const base = RETRY_DELAYS_MS[Math.max(0, f.attempts - 1)] ?? LAST_DELAY_MS;
  const r = Math.min(Math.max((f.random || Math.random)(), 0), 1);
  return f.now + Math.round(base * (1 - JITTER * r));
}
