// Which tracking number replaces which swap target (PROTOCOL §3). For now only source
// trackers whose rule is `all` take part; the full tiers come with tracker rules.
import { warn } from "./log";
import { parsePhone, type Phone } from "./swap/phone";
import type { CompanyConfig, Tracker } from "./types";

/** [swap target, tracking number] pairs, in config order, from active `all` source trackers. */
export function sourcePairs(config: CompanyConfig): Array<[Phone, Phone]> {
  const pairs: Array<[Phone, Phone]> = [];
  for (const t of config.trackers as Array<Tracker | null>) {
    if (!t || t.status !== "active" || t.type !== "source") continue;
    const s = t.source;
    if (s !== "all" && !(s && s.type === "all")) continue;
    const number = parsePhone(t.tracking_numbers && t.tracking_numbers[0]);
    // A tracker with no swap_targets swaps its destination number (PROTOCOL §3).
    const targets = t.swap_targets && t.swap_targets.length ? t.swap_targets : [t.destination_number];
    for (const raw of targets) {
      const target = parsePhone(raw);
      if (number && target) pairs.push([target, number]);
      else warn("tracker " + t.id + ": bad number " + (number ? raw : t.tracking_numbers));
    }
  }
  return pairs;
}
