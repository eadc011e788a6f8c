// The debug part, loaded on demand (docs/debugging.md): the whole "why" of a page view.
// It starts from what every page answers at once (explain.ts: config, visitor, consent,
// one sentence per swap target) and adds every tracker with whether it matched and won
// (tier, rule), the places each target and its number are found on the page, and the
// forms captured or skipped; `print` writes it to the console.
import { matches } from "../trackers/match";
import { buildTable, findSwaps, parsePhone, type Phone } from "../swap/phone";
import { targetText } from "../explain";
import type { Rule } from "../trackers/rules";
import { own } from "../safe";
import { isCrawler } from "../bots";
import type { Attribution, CompanyConfig, Explanation } from "../types";

export interface DebugState {
  explanation: Explanation;
  /** The config as given (tracker names are read from it). */
  config: CompanyConfig | null;
  rules: Rule[];
  attribution: Attribution | null;
  /** Form submissions seen on this page view: [form name, what happened]. */
  forms: Array<[string, string]>;
  doc: Document | null;
}

export interface DebugPart {
  report(s: DebugState): Explanation;
  print(e: Explanation): void;
}

const TIERS = [
  "",
  "landing page",
  "referring site",
  "search or direct",
  "session tracker rule",
  "session tracker for all",
  "all",
];

/** How often `p` is printed in the page's text and phone links (any format), shadow roots aside. */
function places(doc: Document | null, p: Phone): number {
  if (!doc || !doc.body) return 0;
  const table = buildTable([[p, p]]);
  let n = 0;
  const texts = [doc.title, doc.body.textContent || ""];
  const links = doc.querySelectorAll("a[href]");
  for (let i = 0; i < links.length; i++) texts.push(links[i].getAttribute("href")!);
  texts.forEach((t) => {
    n += findSwaps(t, table).length;
  });
  return n;
}

export function report(s: DebugState): Explanation {
  const e = s.explanation;
  const a = s.attribution;
  const names: Record<string, unknown> = {};
  ((s.config && s.config.trackers) || []).forEach((t) => {
    if (t && typeof t.id == "string") names[t.id] = own(t as unknown as Record<string, unknown>, "name");
  });
  const trackers = s.rules.map((r) => {
    const matched = !!a && matches(r, a);
    const won = e.targets.filter((t) => t.tracker == r.id).map((t) => t.target);
    return {
      id: r.id,
      name: typeof names[r.id] == "string" ? names[r.id] : r.id,
      type: r.session ? "session" : "source",
      tier: r.tier + " (" + TIERS[r.tier] + ")",
      rule: r.source,
      targets: r.targets.map(targetText),
      matched,
      won,
      why: !matched
        ? "its rule does not match the visitor's first touch"
        : won.length
          ? "shown for " + won.join(", ")
          : "matched, but does not show a number (see targets)",
    };
  });
  const targets = e.targets.map((t) => {
    const target = parsePhone(t.target, true);
    const number = t.number ? parsePhone(t.number.length == 10 ? "+1" + t.number : "+" + t.number) : null;
    return Object.assign({}, t, {
      original_on_page: target ? places(s.doc, target) : 0,
      number_on_page: number ? places(s.doc, number) : 0,
    });
  });
  return Object.assign({}, e, {
    // Known at once here; without debug mode, once the sessions part was loaded.
    crawler: isCrawler(navigator.userAgent),
    targets,
    trackers,
    forms: s.forms.map(([form, what]) => ({ form, what })),
  });
}

export function print(e: Explanation): void {
  const c = console;
  c.groupCollapsed("[CallTrk] debug report (calltrk_debug=0 turns it off)");
  c.log("config:", e.config.error ? "failed: " + e.config.error : "from " + e.config.source);
  c.log("consent:", e.consent, "| crawler:", e.crawler, "| prerendering:", e.prerendering);
  c.log("visitor:", e.visitor);
  c.log("session:", e.session);
  c.table(e.targets);
  if (e.trackers) c.table(e.trackers);
  if (e.forms) c.table(e.forms);
  c.log("the same as an object: CallTrk.explain()");
  c.groupEnd();
}
