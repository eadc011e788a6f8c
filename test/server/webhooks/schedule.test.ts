// @vitest-environment node
// The retry schedule (docs/protocol.md#9-outgoing-webhooks): fast first retry, growing delays, bounded
// jitter, and never giving up before 24 hours.
import { describe, expect, it } from "vitest";
import { JITTER, RETRY_FOR_MS, nextAttemptAt } from "../../../server/webhooks/schedule";
import { rng } from "../rng";

const T0 = Date.parse("2026-11-22T10:00:00.000Z");
const S = 1000;
const M = 60 * S;
const H = 60 * M;

describe("the delay after a failed attempt", () => {
  it.each([
    [1, 5 * S],
    [2, 30 * S],
    [3, 2 * M],
    [4, 10 * M],
    [5, 30 * M],
    [6, H],
    [7, H],
    [20, H],
  ])("after attempt %i: %i ms, shortened by at most a fifth", (attempts, delay) => {
    const now = T0 + 3 * M;
    expect(nextAttemptAt({ queuedAt: T0, attempts, now, random: () => 0 })).toBe(now + delay);
    expect(nextAttemptAt({ queuedAt: T0, attempts, now, random: () => 0.999999 })).toBe(
      now + Math.round(delay * (1 - JITTER * 0.999999)),
    );
    expect(nextAttemptAt({ queuedAt: T0, attempts, now, random: () => 0.5 })).toBe(now + delay * 0.9);
  });

  it("keeps a misbehaving random within the bounds", () => {
    expect(nextAttemptAt({ queuedAt: T0, attempts: 1, now: T0, random: () => 7 })).toBe(T0 + 4 * S);
    expect(nextAttemptAt({ queuedAt: T0, attempts: 1, now: T0, random: () => -3 })).toBe(T0 + 5 * S);
  });

  it("reads attempts below 1 as the first", () => {
    expect(nextAttemptAt({ queuedAt: T0, attempts: 0, now: T0, random: () => 0 })).toBe(T0 + 5 * S);
  });
});

describe("giving up", () => {
  it("goes on while the failed attempt came less than 24 h after queueing", () => {
    expect(nextAttemptAt({ queuedAt: T0, attempts: 30, now: T0 + RETRY_FOR_MS - 1 })).not.toBeNull();
  });

  it("stops once an attempt made 24 h or more after queueing has failed", () => {
    expect(nextAttemptAt({ queuedAt: T0, attempts: 30, now: T0 + RETRY_FOR_MS })).toBeNull();
    expect(nextAttemptAt({ queuedAt: T0, attempts: 2, now: T0 + 30 * H })).toBeNull();
  });
});

/** Every attempt fails, instantly (or after `took` ms): the times of all attempts until giving up. */
function simulate(random: () => number, took = 0): number[] {
  const times = [T0];
  for (let at = T0; ;) {
    const next = nextAttemptAt({ queuedAt: T0, attempts: times.length, now: at + took, random });
    if (next === null) return times;
    times.push(next);
    at = next;
  }
}

describe("the whole schedule", () => {
  it.each([
    ["the shortest delays", () => 0.999999],
    ["the longest delays", () => 0],
    ["random delays", rng(3)],
  ])("with %s: first retry within 5 s, growing gaps, last attempt at least 24 h after queueing", (_, random) => {
    const times = simulate(random);
    expect(times[1] - times[0]).toBeLessThanOrEqual(5 * S);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(4 * S);
    expect(times[times.length - 1] - T0).toBeGreaterThanOrEqual(24 * H);
    expect(times[times.length - 1] - T0).toBeLessThan(25 * H);
    for (let i = 2; i < 7; i++) expect(times[i] - times[i - 1]).toBeGreaterThan(times[i - 1] - times[i - 2]);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeLessThanOrEqual(H);
    expect(times.length).toBeGreaterThan(20);
    expect(times.length).toBeLessThan(40);
  });

  it("still covers 24 h when each attempt takes the full 10 s timeout", () => {
    const times = simulate(() => 0.5, 10 * S);
    expect(times[times.length - 1] + 10 * S - T0).toBeGreaterThanOrEqual(24 * H);
  });
});
