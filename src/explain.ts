// Why each swap target shows what it shows (docs/debugging.md#explain): the `targets`
// of `CallTrk.explain()`, one sentence per target. Pure: the instance hands in its state.
// The full debug report (every tracker, places on the page, forms) is the on-demand debug
// part's; this is what every page can answer at once.
import { phoneKey, type Phone } from "./swap/phone";
import type { Win } from "./trackers/match";
import type { Rule } from "./trackers/rules";
import type { LeaseState } from "./session/sessions";
import type { ExplainedTarget } from "./types";

/** Where the config came from, and why it failed when it did. */
export interface ConfigState {
  source: "inline" | "configure" | "request";
  status?: number;
  error?: string;
}

export interface ExplainInput {
  rules: Rule[];
  /** The winners in force. */
  wins: Win[];
  /** The winners had session trackers taken part (consent, not a crawler, not prerendered). */
  allWins: Win[];
  /** Why session trackers take no part, or "" when they do. */
  why: string;
  lookup(target: Phone): string | undefined;
  lease: LeaseState | null;
}

/** A target as it is written in the config's terms: 10 digits in North America, E.164 elsewhere, or the vanity text. */
export const targetText = (p: Phone) => p.text || (p.cc == "1" ? p.nsn : "+" + p.cc + p.nsn);

/** The last lease answer named this tracker's pool as exhausted (it may have sent the fallback number). */
const exhausted = (lease: LeaseState | null, id: string) =>
  !!(lease && lease.lease && lease.lease.exhausted.indexOf(id) >= 0);

/**
 * Why an exhausted tracker had no number: its pool, or this visitor's address holding its
 * share of it (docs/security.md#session-numbers), as the last answer said.
 */
const noFreeNumber = (lease: LeaseState | null, id: string) =>
  lease && lease.lease && (lease.lease.capped || []).indexOf(id) >= 0
    ? "this visitor's address holds its share of the pool (LEASES_PER_ADDRESS)"
    : "the pool has no free number";

/** Why a session tracker that won shows no number: what the last lease request did. */
function sessionReason(lease: LeaseState | null, id: string): string {
  return !lease || lease.state == "none"
    ? "no number asked for on this page view"
    : lease.state == "asking"
      ? "waiting for the number server"
      : lease.state == "failed"
        ? "the number server gave no number (" + (lease.error || lease.status || "no answer") + ")"
        : exhausted(lease, id)
          ? noFreeNumber(lease, id)
          : "no number for this session";
}

/** One entry per swap target of the config, in config order. */
export function explainTargets(o: ExplainInput): ExplainedTarget[] {
  const out: ExplainedTarget[] = [];
  const seen: Record<string, 1> = {};
  const ruleOf = (list: Win[], k: string) => (list.filter((w) => phoneKey(w.target) == k)[0] || { rule: null }).rule;
  o.rules.forEach((rule) =>
    rule.targets.forEach((t) => {
      const k = phoneKey(t);
      if (seen[k]) return;
      seen[k] = 1;
      const r = ruleOf(o.wins, k);
      const number = o.lookup(t) || null;
      const would = ruleOf(o.allWins, k);
      // A session tracker that would win here, had session trackers taken part.
      const idle = would && would.session && o.why ? "session tracker " + would.id : "";
      const reason = !r
        ? idle
          ? idle + " would win, but session trackers take no part: " + o.why
          : "no active tracker listing it matches the visitor's first touch"
        : !r.session
          ? "source tracker " +
            r.id +
            " matches the visitor's first touch (tier " +
            r.tier +
            ")" +
            (idle ? "; " + idle + " takes no part: " + o.why : "")
          : "session tracker " +
            r.id +
            (!number
              ? ": " + sessionReason(o.lease, r.id)
              : exhausted(o.lease, r.id)
                ? ": " + noFreeNumber(o.lease, r.id) + "; its fallback number is shown"
                : " (tier " + r.tier + "): the number leased to this session");
      out.push({ target: targetText(t), number, tracker: number && r ? r.id : null, reason });
    }),
  );
  return out;
}
