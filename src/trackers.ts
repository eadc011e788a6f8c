// Which tracking number replaces which swap target (PROTOCOL §3). For now only source
// trackers whose rule is `all` take part; the full tiers come with tracker rules.
import { warn } from "./log";
import { parsePhone, type Phone } from "./swap/phone";
import type { CompanyConfig, Tracker } from "./types";

/** The swap targets of a tracker: its `swap_targets`, else its destination number. */
export function targetsOf(t: Tracker): Phone[] {
  const raw = Array.isArray(t.swap_targets) && t.swap_targets.length ? t.swap_targets : [t.destination_number];
  const out: Phone[] = [];
  for (const r of raw) {
    const p = parsePhone(r);
    if (p) out.push(p);
    else warn("tracker " + t.id + ": swap target skipped, not a phone number: " + String(r));
  }
  return out;
}

function isAll(t: Tracker): boolean {
  const s = t.source;
  return s === "all" || (typeof s === "object" && s !== null && s.type === "all");
}

/** [swap target, tracking number] pairs, in config order, from active `all` source trackers. */
export function sourcePairs(config: CompanyConfig): Array<[Phone, Phone]> {
  const pairs: Array<[Phone, Phone]> = [];
  for (const t of config.trackers) {
    if (t.status !== "active" || t.type !== "source" || !isAll(t)) continue;
    const number = parsePhone(Array.isArray(t.tracking_numbers) ? t.tracking_numbers[0] : undefined);
    if (!number) {
      warn("tracker " + t.id + " skipped: no valid tracking number");
      continue;
    }
    for (const target of targetsOf(t)) pairs.push([target, number]);
  }
  return pairs;
}
