// Trackers as the bundle uses them (docs/protocol.md#3-company-config): each tracker of the config is checked
// once and turned into a Rule, or skipped with one console warning. Numbers are parsed
// here, so nothing later ever treats a config string as markup or as a pattern.
import { own } from "../safe";
import { warn } from "../log";
import { parsePhone, type Phone } from "../swap/phone";
import type { TrackerSource } from "../types";

/** Tiers of docs/protocol.md#3-company-config, lowest wins: landing, referrer, search/direct, session (keyed, then "all"), all. */
export const TIER: Record<string, number> = {
  landing_params: 1,
  landing_url: 1,
  web_referrer: 2,
  search: 3,
  direct: 3,
  all: 6,
};
/** Shown only off the web (docs/protocol.md#3-company-config): skipped without a warning. */
const OFFLINE = ["offline", "google_ad_extension", "mobile_ad_extension", "google_my_business"];

export interface Rule {
  id: string;
  session: boolean;
  /** 1–6, see TIER; session trackers are 4 (keyed rule) or 5 (`"all"`). */
  tier: number;
  /** The source rule, with a string `"all"` kept as is. */
  source: Exclude<TrackerSource, "all"> | "all";
  targets: Phone[];
  /** Source trackers: the tracking number shown. Session trackers: null (leased). */
  number: Phone | null;
}

const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x == "object" && !Array.isArray(x);

/** The rule of one config tracker, or null (skipped: inactive, off the web, or malformed with a warning). */
export function readTracker(t: unknown, index: number): Rule | null {
  const bad = (why: string): null => {
    warn("tracker " + ((isObject(t) && typeof t.id == "string" && t.id) || "#" + index) + " skipped: " + why);
    return null;
  };
  if (!isObject(t) || typeof t.id != "string" || !t.id) return bad("no id");
  if (t.status !== "active") return null; // paused or disabled: not an error
  const session = t.type == "session";
  if (!session && t.type != "source") return bad("type must be source or session");
  const source = t.source === "all" ? "all" : isObject(t.source) ? (t.source as Exclude<TrackerSource, "all">) : null;
  if (!source) return bad("no source");
  const kind = source == "all" ? "all" : String(source.type || "").toLowerCase();
  if (OFFLINE.indexOf(kind) >= 0) return null;
  let tier: number;
  if (session) tier = kind == "all" ? 5 : 4;
  else if (!(tier = own(TIER, kind)!)) return bad("unknown source type " + kind);

  let number: Phone | null = null;
  if (!session) {
    number = parsePhone(Array.isArray(t.tracking_numbers) ? t.tracking_numbers[0] : null);
    if (!number) return bad("no valid tracking number");
  }
  // A tracker with no swap_targets swaps its destination number (docs/protocol.md#3-company-config).
  const raw = Array.isArray(t.swap_targets) && t.swap_targets.length ? t.swap_targets : [t.destination_number];
  const targets: Phone[] = [];
  raw.forEach((r) => {
    const p = parsePhone(r, true);
    if (p) targets.push(p);
    else warn("tracker " + t.id + ": bad swap target ignored");
  });
  if (!targets.length) return bad("no valid swap target");
  return { id: t.id, session, tier, source, targets, number };
}
