// @vitest-environment node
// The dashboard's SVG charts (docs/dashboard.md): date labels stay inside the chart.
import { describe, expect, it } from "vitest";
import { poolChart, stackedBars } from "../../../server/dashboard/charts";
import { daysOf, zoneOf } from "../../../server/dashboard/time";

const SLOT_MS = 15 * 60e3;
const z = zoneOf("UTC");
const days = daysOf(z, "2026-11-17", "2026-11-23");
/** The x and anchor of every date label. */
const labels = (svg: string) =>
  [...svg.matchAll(/<text class="axis" x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)">(\d\d-\d\d)<\/text>/g)].map((m) => ({
    x: Number(m[1]),
    anchor: m[2],
    day: m[3],
  }));

describe("date labels", () => {
  it("the pool chart, 47 minutes into today: today has no room at the right end and is not labelled", () => {
    const first = Math.floor(days.starts[0] / SLOT_MS);
    const end = Math.floor((days.starts[6] + 47 * 60e3) / SLOT_MS);
    const svg = String(
      poolChart(
        { tracker_id: "P", size: 5, steps: [[first, 0]], first, end, peak: 1, exhaustions: [], exhausted: 0 },
        z,
        days,
        "Pool",
      ),
    );
    const shown = labels(svg);
    expect(shown.map((l) => l.day)).toEqual(["11-17", "11-18", "11-19", "11-20", "11-21", "11-22"]);
    // Centred labels end at least 35 units (half an "11-22" at the phone's font size) inside the 720-wide chart.
    expect(shown.every((l) => l.anchor != "middle" || l.x <= 720 - 8 - 40)).toBe(true);
  });

  it.each([7, 30, 31, 90])("bars of %i days: no label centred past the right end", (n) => {
    const range = daysOf(z, "2026-08-01", "2026-11-23");
    const shown = { ...range, days: range.days.slice(-n), starts: range.starts.slice(-n - 1) };
    const svg = String(
      stackedBars({ what: "calls", days: shown, series: ["Direct"], values: shown.days.map(() => [1]) }),
    );
    const all = labels(svg);
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((l) => (l.anchor == "middle" ? l.x <= 720 - 8 - 40 : l.anchor == "end"))).toBe(true);
  });
});
