// Pool use over time (docs/dashboard.md#pool-use): the numbers each session tracker had leased
// at every 15-minute mark of the range, from the per-slot lease starts and ends the store
// counts, and when its pool was found exhausted. Pure.
import { SLOT_MS, type PoolHistory } from "../store/dashboard";

export interface PoolSeries {
  tracker_id: string;
  /** Numbers in the pool now. */
  size: number;
  /** Leased at the end of each slot from `first` on: [slot, leased] where it changed, in order. */
  steps: Array<[number, number]>;
  first: number;
  /** First slot not shown. */
  end: number;
  peak: number;
  /** [slot, claims that found no free number] */
  exhaustions: Array<[number, number]>;
  exhausted: number;
}

/**
 * One series per session tracker of the pool history (those with a pool now, and any other the
 * history names), over [from, until): until is the range's end, or now when that is earlier.
 */
export function poolSeries(h: PoolHistory, trackerIds: string[], from: number, until: number): PoolSeries[] {
  const ids = [...new Set([...trackerIds, ...Object.keys(h.sizes)])];
  const first = Math.floor(from / SLOT_MS);
  const end = Math.max(first + 1, Math.ceil(until / SLOT_MS));
  return ids.map((id) => {
    const delta = new Map<number, number>();
    for (const c of h.changes)
      if (c.tracker_id == id) delta.set(Math.max(c.slot, first), (delta.get(Math.max(c.slot, first)) || 0) + c.n);
    let level = h.atStart[id] || 0;
    let peak = level;
    const steps: Array<[number, number]> = [[first, level]];
    for (const slot of [...delta.keys()].sort((a, b) => a - b)) {
      if (slot >= end) break;
      level = Math.max(0, level + delta.get(slot)!);
      peak = Math.max(peak, level);
      const last = steps[steps.length - 1];
      if (last[0] == slot) last[1] = level;
      else if (level != last[1]) steps.push([slot, level]);
    }
    const exhaustions = h.exhaustions
      .filter((x) => x.tracker_id == id && x.slot >= first && x.slot < end)
      .sort((a, b) => a.slot - b.slot)
      .map((x): [number, number] => [x.slot, x.n]);
    return {
      tracker_id: id,
      size: h.sizes[id] || 0,
      steps,
      first,
      end,
      peak,
      exhaustions,
      exhausted: exhaustions.reduce((n, x) => n + x[1], 0),
    };
  });
}
