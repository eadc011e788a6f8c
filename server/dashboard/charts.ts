// Charts as server-rendered SVG (docs/dashboard.md#overview): no script, no style attribute;
// colours come from classes in the stylesheet, labels are escaped text, and every mark has a
// <title> the browser shows on hover. Each chart has its figures as a table beside it.
import { OTHER } from "./aggregate";
import { h, type Html } from "./html";
import type { PoolSeries } from "./pools";
import { SLOT_MS } from "../store/dashboard";
import { formatTime, type Days, type Zone } from "./time";

const W = 720;
const H = 240;
const LEFT = 56;
const RIGHT = 8;
const TOP = 20;
const BOTTOM = 30;
/** A date label closer than this to the plot's right end is aligned to it, not centred past it. */
const EDGE = 40;
/** A label centred on the plot's right end would be cut by the chart's edge (the left has the axis's margin). */
const anchorAt = (x: number) => (x > W - RIGHT - EDGE ? "end" : "middle");
const PLOT_W = W - LEFT - RIGHT;
const PLOT_H = H - TOP - BOTTOM;

/** 1, 2, 5, 10, 20, 50…: the smallest such number at least `n` (and at least 1). */
export function niceMax(n: number): number {
  let m = 1;
  for (;;) {
    for (const f of [1, 2, 5]) if (m * f >= n) return m * f;
    m *= 10;
  }
}

/** The stylesheet class of a series: s0…s6 by position, `so` for the sources gathered as OTHER. */
export const seriesClass = (name: string, i: number) => (name == OTHER ? "so" : "s" + (i % 7));

const fixed = (x: number) => Math.round(x * 10) / 10;

/** Labels of the y axis and its grid lines. */
function yAxis(max: number): Html {
  return h`${[0, max / 2, max].map((v) => {
    const y = fixed(TOP + PLOT_H - (v / max) * PLOT_H);
    const label = Number.isInteger(v) ? String(v) : "";
    return h`<line class="grid" x1="${LEFT}" x2="${W - RIGHT}" y1="${y}" y2="${y}"></line><text class="axis" x="${LEFT - 6}" y="${y + 4}" text-anchor="end">${label}</text>`;
  })}`;
}

/** Up to `most` evenly spaced indexes of `n` (always the first). */
function labelled(n: number, most = 7): number[] {
  const step = Math.max(1, Math.ceil(n / most));
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  return out;
}

/** `2026-11-22` → `11-22`: the axis's short form of the dashboard's date. */
const short = (day: string) => day.slice(5);

export interface Stacked {
  /** What is counted, for titles: "calls", "leads". */
  what: string;
  days: Days;
  series: string[];
  /** [day][series] */
  values: number[][];
}

/** Bars per day, stacked by source. */
export function stackedBars(c: Stacked): Html {
  const totals = c.values.map((d) => d.reduce((a, b) => a + b, 0));
  const all = totals.reduce((a, b) => a + b, 0);
  const max = niceMax(Math.max(...totals, 1));
  const n = c.days.days.length;
  const slot = PLOT_W / n;
  const bar = Math.max(1, slot * 0.72);
  const bars = c.days.days.map((day, d) => {
    let y = TOP + PLOT_H;
    const x = fixed(LEFT + d * slot + (slot - bar) / 2);
    return c.series.map((name, s) => {
      const v = c.values[d][s];
      if (!v) return "";
      const height = (v / max) * PLOT_H;
      y -= height;
      return h`<rect class="${seriesClass(name, s)}" x="${x}" y="${fixed(y)}" width="${fixed(bar)}" height="${fixed(height)}"><title>${day}: ${v} ${c.what} from ${name}</title></rect>`;
    });
  });
  const labels = labelled(n).map(
    (d) =>
      h`<text class="axis" x="${fixed(LEFT + d * slot + slot / 2)}" y="${H - 10}" text-anchor="${anchorAt(LEFT + d * slot + slot / 2)}">${short(c.days.days[d])}</text>`,
  );
  const empty = all
    ? ""
    : h`<text class="empty" x="${LEFT + PLOT_W / 2}" y="${TOP + PLOT_H / 2}" text-anchor="middle">No ${c.what} in these days</text>`;
  return h`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${c.what} per day by source, ${all} in all">${yAxis(max)}${bars}${labels}${empty}</svg>`;
}

/** A source legend, in the series' colours. */
export function legend(series: string[]): Html {
  return h`<ul class="legend">${series.map((name, i) => h`<li><span class="swatch ${seriesClass(name, i)}"></span>${name}</li>`)}</ul>`;
}

/** Leased numbers over time as a step line, the pool size as a dashed line, exhaustion as marks on top. */
export function poolChart(p: PoolSeries, z: Zone, days: Days, name: string): Html {
  const max = niceMax(Math.max(p.size, p.peak, 1));
  const span = p.end - p.first;
  const x = (slot: number) => fixed(LEFT + ((slot - p.first) / span) * PLOT_W);
  const y = (n: number) => fixed(TOP + PLOT_H - (n / max) * PLOT_H);
  let line = `M${x(p.first)} ${y(p.steps[0][1])}`;
  for (const [slot, n] of p.steps.slice(1)) line += ` H${x(slot)} V${y(n)}`;
  line += ` H${x(p.end)}`;
  const area = `${line} V${y(0)} H${x(p.first)} Z`;
  const cap = p.size
    ? h`<line class="cap" x1="${LEFT}" x2="${W - RIGHT}" y1="${y(p.size)}" y2="${y(p.size)}"></line><text class="axis" x="${W - RIGHT - 4}" y="${y(p.size) + 20}" text-anchor="end">pool of ${p.size}</text>`
    : "";
  const marks = p.exhaustions.map(
    ([slot, n]) =>
      h`<rect class="exhausted" x="${x(slot)}" y="${TOP}" width="${Math.max(2, fixed(PLOT_W / span))}" height="${PLOT_H}"><title>${formatTime(z, slot * SLOT_MS)}: ${n} visitor${n == 1 ? "" : "s"} found no free number</title></rect>`,
  );
  // Each day is labelled where it starts: today, begun a moment ago, has no room left at the
  // right end, so its label goes (the one before it says where the days are).
  const starts = labelled(days.days.length).map((d) => ({
    d,
    at: x(Math.max(p.first, Math.floor(days.starts[d] / SLOT_MS))),
  }));
  const labels = starts
    .filter((l, i) => i == 0 || l.at <= W - RIGHT - EDGE)
    .map(
      ({ d, at }) =>
        h`<text class="axis" x="${at}" y="${H - 10}" text-anchor="${anchorAt(at)}">${short(days.days[d])}</text>`,
    );
  return h`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${name}: numbers leased over time, peak ${p.peak} of ${p.size}, exhausted ${p.exhausted} times">${yAxis(max)}${marks}<path class="area" d="${area}"></path><path class="line" d="${line}"></path>${cap}${labels}</svg>`;
}
