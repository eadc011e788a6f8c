// createCallTrk(options): wires config, trackers, session numbers, forms and the swap
// engine into the public API of PROTOCOL §2. This is what the ESM build exports;
// importing it does nothing.
import { fetchConfig, readConfig, readRules } from "./config";
import { guard, warn } from "./log";
import { parsePhone, type Phone } from "./swap/phone";
import { createEngine } from "./engine";
import { startHide } from "./hide";
import { winners, type Win } from "./trackers/match";
import type { Rule } from "./trackers/rules";
import { createSessions } from "./session/sessions";
import { createVisitor } from "./attribution/visitor";
import { createForms, type Forms } from "./forms/capture";
import type { CallTrkApi, CallTrkOptions, CompanyConfig, SwapNumbers, Visitor } from "./types";

export type { Attribution, CallTrkApi, CallTrkOptions, CompanyConfig, SwapNumbers, Tracker, Visitor } from "./types";
export { classify, referrerKey } from "./attribution/classify";
export { parsePhone, findSwaps, swapText, buildTable } from "./swap/phone";
export { winners, matches } from "./trackers/match";
export { readRules, readConfig } from "./config";

/**
 * Creates a CallTrk instance for `doc` (default: the global document). Only the script
 * entry installs one as `window.CallTrk`; tests and the ESM build pass their own.
 */
export function createCallTrk(
  options: CallTrkOptions,
  doc: Document | null = typeof document !== "undefined" ? document : null,
): CallTrkApi {
  const company = options.company || (options.config && options.config.company_id) || "";
  const api = (options.api || "").replace(/\/+$/, "");
  const engine = createEngine(doc);
  const reveal = startHide(doc, options.hide);
  let configured = false;
  let rules: Rule[] = [];
  let wins: Win[] = [];
  /** Session tracker id → number leased to this visitor. */
  let leased: Record<string, string> = {};
  /** Lease requests in flight: getSwapNumbers callbacks wait for them (PROTOCOL §2). */
  let asking = 0;
  const waiting: Array<() => void> = [];
  // The visitor, sessions and forms live on the real page only (cookies, location, storage are the window's).
  const win = typeof window != "undefined";
  const visitor = win ? createVisitor(options, window) : null;
  const sessions =
    win && api
      ? createSessions({
          api,
          company,
          visitor: () => visitor!.get(),
          onNumbers: (n) => {
            leased = n;
            show();
          },
        })
      : null;
  let forms: Forms | null = null;

  /** Swap with the winners: source numbers, and session numbers the visitor holds. */
  function show(): void {
    const pairs: Array<[Phone, Phone]> = [];
    wins.forEach((w) => {
      const n = w.rule.session ? parsePhone(leased[w.rule.id]) : w.rule.number;
      if (n) pairs.push([w.target, n]);
    });
    engine.set(pairs);
  }

  function settled(): void {
    if (asking || !configured) return;
    reveal();
    waiting.splice(0).forEach((f) => f());
  }

  /** Which tracker wins each target for this visitor (again after a consent change). */
  function decide(): void {
    const v = visitor && visitor.get();
    const granted = !!visitor && visitor.state() == "granted";
    wins = v ? winners(rules, v, granted) : [];
    const ids = wins
      .filter((w) => w.rule.session)
      .map((w) => w.rule.id)
      .filter((id, i, a) => a.indexOf(id) == i);
    const s = sessions && granted ? sessions.start(ids) : { numbers: {}, done: null };
    leased = s.numbers;
    show();
    if (s.done) {
      asking++;
      s.done.then(() =>
        guard(() => {
          asking--;
          settled();
        }),
      );
    }
  }

  function configure(raw: unknown): void {
    if (configured) return; // first config wins: a second bundle's configure() is ignored
    configured = true;
    const config = readConfig(raw);
    if (visitor) visitor.settle(config);
    rules = readRules(config);
    decide();
    if (win && api && config && visitor)
      forms = createForms({ api, company, config, visitor, submitCalls: !!options.captureSubmitCalls });
    settled();
  }

  const calltrk: CallTrkApi = {
    swap(scope?: Node | string): void {
      guard(() => {
        // The whole page: shadow roots are known from their attachment, no need to search.
        if (scope === undefined) return doc && doc.body && engine.swap(doc.body, false);
        if (typeof scope === "string") {
          let found: NodeListOf<Element>;
          try {
            found = doc!.querySelectorAll(scope);
          } catch {
            return warn("swap: bad selector " + scope);
          }
          return found.forEach((n) => engine.swap(n, true));
        }
        if (scope && (scope as Node).nodeType > 0) return engine.swap(scope, true);
        warn("swap: bad argument");
      });
    },

    getSwapNumbers(numbers: string[], callback?: (result: SwapNumbers) => void): SwapNumbers {
      const known = (): SwapNumbers => {
        const out: SwapNumbers = {};
        numbers.forEach((n) => {
          const p = parsePhone(n, true);
          const t = p && engine.lookup(p);
          if (t) out[n] = t;
        });
        return out;
      };
      return (
        guard(() => {
          if (!Array.isArray(numbers)) {
            warn("getSwapNumbers: bad argument");
            return {};
          }
          if (typeof callback === "function") {
            // Always later, once, after the config and any lease request settled (PROTOCOL §2).
            waiting.push(() => setTimeout(() => guard(() => callback(known()))));
            settled();
          }
          return known();
        }) || {}
      );
    },

    captureForm(form: HTMLFormElement | string, callback?: () => void): void {
      guard(() => {
        if (forms) return forms.capture(form, callback);
        warn("captureForm: form capture is not available (no config, no consent or no data-api)");
        if (typeof callback == "function") setTimeout(() => guard(callback));
      });
    },

    getVisitor(): Visitor {
      return guard(() => visitor && visitor.get()) as Visitor;
    },

    consent(state: "granted" | "denied"): void {
      guard(() => {
        if (!visitor) return;
        const before = visitor.state();
        visitor.consent(state);
        // "carries on as if it had just loaded" / "keeps showing only source-tracker numbers" (PROTOCOL §5.4)
        if (configured && visitor.state() != before) {
          decide();
          settled();
        }
      });
    },

    configure(config: CompanyConfig): void {
      guard(() => configure(config));
    },
  };

  if (options.config) configure(options.config);
  // Deferred: a server may append `CallTrk.configure(config)` to the bundle it serves,
  // which runs right after this script, before any microtask (PROTOCOL §1).
  else
    Promise.resolve().then(() => {
      if (configured) return;
      if (!api || !company) {
        warn("no data-api or data-company");
        return configure({ trackers: [] });
      }
      fetchConfig(api, company).then((raw) => guard(() => configure(raw)));
    });
  return calltrk;
}
