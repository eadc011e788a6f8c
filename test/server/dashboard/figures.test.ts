// @vitest-environment node
// The overview's figures (docs/dashboard.md#overview): per-day stacks by source, the source
// table, and pool use rebuilt from per-slot lease starts and ends.
import { describe, expect, it } from "vitest";
import { OTHER, bySource, perDay, seriesOrder } from "../../../server/dashboard/aggregate";
import { poolSeries } from "../../../server/dashboard/pools";
import { daysOf, zoneOf } from "../../../server/dashboard/time";
import { SLOT_MS, type PoolHistory } from "../../../server/store/dashboard";

const at = (s: string) => Date.parse(s);
const item = (t: string, source: string, medium: string | null = "cpc") => ({ at: at(t), source, medium });

describe("per day and source", () => {
  const days = daysOf(zoneOf("America/New_York"), "2026-11-20", "2026-11-22");
  const items = [
    item("2026-11-20T15:00:00Z", "Google Ads"),
    item("2026-11-21T04:59:00Z", "Google Ads"), // still the 20th in New York
    item("2026-11-21T05:00:00Z", "Facebook", "social"),
    item("2026-11-22T12:00:00Z", "Direct", "direct"),
    item("2026-11-23T05:00:00Z", "Direct", "direct"), // the 23rd: outside
    item("2026-11-19T12:00:00Z", "Direct", "direct"), // outside
  ];

  it("series: the busiest sources first, ties by name", () => {
    expect(seriesOrder(items)).toEqual(["Direct", "Google Ads", "Facebook"]);
  });

  it("past the most shown, the rest are one series", () => {
    const many = "ABCDEFGHIJ"
      .split("")
      .map((s, i) => Array.from({ length: 10 - i }, () => item("2026-11-20T15:00:00Z", s)));
    expect(seriesOrder(many.flat(), 4)).toEqual(["A", "B", "C", OTHER]);
    const counts = perDay(many.flat(), days, seriesOrder(many.flat(), 4));
    expect(counts[0]).toEqual([10, 9, 8, 7 + 6 + 5 + 4 + 3 + 2 + 1]);
  });

  it("counts by the zone's days", () => {
    expect(perDay(items, days, ["Google Ads", "Facebook", "Direct"])).toEqual([
      [2, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });

  it("one row per source and medium, busiest first", () => {
    const visitors = [
      { ...item("2026-11-20T15:00:00Z", "Google Ads"), held: true },
      { ...item("2026-11-20T15:00:00Z", "Google Ads"), held: false },
      { ...item("2026-11-20T15:00:00Z", "Bing Organic", "organic"), held: false },
    ];
    expect(bySource(items.slice(0, 3), items.slice(3, 4), visitors)).toEqual([
      { source: "Google Ads", medium: "cpc", visitors: 2, held: 1, calls: 2, leads: 0 },
      { source: "Direct", medium: "direct", visitors: 0, held: 0, calls: 0, leads: 1 },
      { source: "Facebook", medium: "social", visitors: 0, held: 0, calls: 1, leads: 0 },
      { source: "Bing Organic", medium: "organic", visitors: 1, held: 0, calls: 0, leads: 0 },
    ]);
  });
});

describe("pool use", () => {
  const from = at("2026-11-22T00:00:00Z");
  const slot = (t: string) => Math.floor(at(t) / SLOT_MS);
  const history: PoolHistory = {
    sizes: { POOL: 3 },
    atStart: { POOL: 1 },
    changes: [
      { tracker_id: "POOL", slot: slot("2026-11-22T01:05:00Z"), n: 2 },
      { tracker_id: "POOL", slot: slot("2026-11-22T01:40:00Z"), n: -1 },
      { tracker_id: "POOL", slot: slot("2026-11-22T01:40:00Z"), n: 1 }, // one ended, one started: still 3
      { tracker_id: "POOL", slot: slot("2026-11-22T03:00:00Z"), n: -3 },
      { tracker_id: "GONE", slot: slot("2026-11-22T02:00:00Z"), n: 1 },
    ],
    exhaustions: [{ tracker_id: "POOL", slot: slot("2026-11-22T01:50:00Z"), n: 4 }],
  };

  it("steps where the leased count changes, its peak, and the exhaustions", () => {
    const series = poolSeries(history, ["POOL", "IDLE"], from, at("2026-11-22T06:00:00Z"));
    // The trackers asked for and those with a pool now: not GONE, which has neither.
    expect(series.map((p) => p.tracker_id)).toEqual(["POOL", "IDLE"]);
    const [pool, idle] = series;
    expect(pool).toMatchObject({
      tracker_id: "POOL",
      size: 3,
      first: slot("2026-11-22T00:00:00Z"),
      end: slot("2026-11-22T06:00:00Z"),
      steps: [
        [slot("2026-11-22T00:00:00Z"), 1],
        [slot("2026-11-22T01:00:00Z"), 3],
        [slot("2026-11-22T03:00:00Z"), 0],
      ],
      peak: 3,
      exhaustions: [[slot("2026-11-22T01:45:00Z"), 4]],
      exhausted: 4,
    });
    expect(idle).toMatchObject({ tracker_id: "IDLE", size: 0, steps: [[slot("2026-11-22T00:00:00Z"), 0]], peak: 0 });
  });

  it("changes after `until` (now, inside the range) are not drawn", () => {
    const [pool] = poolSeries(history, ["POOL"], from, at("2026-11-22T02:00:00Z"));
    expect(pool.steps.at(-1)).toEqual([slot("2026-11-22T01:00:00Z"), 3]);
    expect(pool.end).toBe(slot("2026-11-22T02:00:00Z"));
  });
});
