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

function sessionReason(rule: Rule, lease: LeaseState | null): string {
  const x = lease && lease.lease;
  const s = "session tracker " + rule.id + ": ";
  if (!lease || lease.state == "none") return s + "no number asked for on this page view";
  if (lease.state == "asking") return s + "waiting for the number server";
  if (lease.state == "failed")
    return s + "the number server gave no number (" + (lease.error || lease.status || "no answer") + ")";
  if (x && x.exhausted.indexOf(rule.id) >= 0) return s + "the pool has no free number";
  return s + "no number for this session";
}

/** One entry per swap target of the config, in config order. */
export function explainTargets(o: ExplainInput): ExplainedTarget[] {
  const out: ExplainedTarget[] = [];
  const seen: Record<string, 1> = {};
  const winOf = (list: Win[], k: string) => list.filter((w) => phoneKey(w.target) == k)[0];
  o.rules.forEach((rule) =>
    rule.targets.forEach((t) => {
      const k = phoneKey(t);
      if (seen[k]) return;
      seen[k] = 1;
      const w = winOf(o.wins, k);
      const number = o.lookup(t) || null;
      const would = winOf(o.allWins, k);
      let reason: string;
      if (!w)
        reason =
          would && would.rule.session && o.why
            ? "session tracker " + would.rule.id + " would win, but session trackers take no part: " + o.why
            : "no active tracker listing it matches the visitor's first touch";
      else if (!w.rule.session)
        reason = "source tracker " + w.rule.id + " matches the visitor's first touch (tier " + w.rule.tier + ")";
      else if (number)
        reason = "session tracker " + w.rule.id + " (tier " + w.rule.tier + "): the number leased to this session";
      else reason = sessionReason(w.rule, o.lease);
      if (w && !w.rule.session && would && would.rule.session && o.why)
        reason += "; session tracker " + would.rule.id + " takes no part: " + o.why;
      out.push({ target: targetText(t), number, tracker: number && w ? w.rule.id : null, reason });
    }),
  );
  return out;
}
