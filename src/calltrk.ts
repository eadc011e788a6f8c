// createCallTrk(options): wires config, trackers and the swap engine into the public API
// of PROTOCOL §2. This is what the ESM build exports; importing it does nothing.
import { fetchConfig, readConfig } from "./config";
import { guard, warn } from "./log";
import { buildTable, parsePhone, type Table } from "./swap/phone";
import { swapAttributes, swapTree } from "./swap/dom";
import { createWatcher, type Watcher } from "./swap/observe";
import { onShadowRoot, shadowRootsIn } from "./swap/shadow";
import { isSkipped } from "./swap/skip";
import { sourcePairs } from "./trackers";
import { createVisitor } from "./attribution/visitor";
import type { CallTrkApi, CallTrkOptions, CompanyConfig, SwapNumbers, Visitor } from "./types";

export type { Attribution, CallTrkApi, CallTrkOptions, CompanyConfig, SwapNumbers, Tracker, Visitor } from "./types";
export { classify, referrerKey } from "./attribution/classify";
export { parsePhone, findSwaps, swapText, buildTable } from "./swap/phone";

/**
 * Creates a CallTrk instance for `doc` (default: the global document). Only the script
 * entry installs one as `window.CallTrk`; tests and the ESM build pass their own.
 */
export function createCallTrk(
  options: CallTrkOptions,
  doc: Document | null = typeof document !== "undefined" ? document : null,
): CallTrkApi {
  const company = options.company || (options.config && options.config.company_id);
  const api = (options.api || "").replace(/\/+$/, "");
  let configured = false;
  let table: Table | null = null;
  let watcher: Watcher | null = null;
  /** Scopes given to swap() and callbacks of getSwapNumbers() before numbers were known. */
  const pending: Node[] = [];
  const waiting: Array<() => void> = [];
  // The visitor lives on the real page only (cookies and location are the window's).
  const visitor = typeof window != "undefined" ? createVisitor(options, window) : null;

  /** Content seen for the first time: also look in it for shadow roots. */
  function swapNew(n: Node): void {
    // A host that came back keeps its root: observe it again (add() is idempotent).
    swapTree(n, table!, true).forEach((r) => watcher!.add(r));
  }

  function swapNow(n: Node, scan: boolean): void {
    if (!table) return void (pending.length < 100 && pending.push(n));
    const t = table;
    if (watcher) watcher.quiet(n, () => swapTree(n, t, scan));
    else swapTree(n, t, scan);
  }

  // Shadow roots attached from now on are observed like the document (see swap/shadow.ts).
  onShadowRoot((root) => watcher && watcher.add(root));

  function configure(raw: unknown): void {
    if (configured) return; // first config wins: a second bundle's configure() is ignored
    configured = true;
    const config = readConfig(raw);
    if (visitor) visitor.settle(config);
    const t = (table = buildTable(config ? sourcePairs(config) : []));
    if (doc && t.needles.length) {
      watcher = createWatcher({
        nodes: (nodes) => guard(() => nodes.forEach(swapNew)),
        attributes: (els) => guard(() => els.forEach((el) => swapAttributes(el, t, isSkipped))),
      });
      // Observing the whole document from the start swaps nodes as the parser adds them,
      // before they are painted, when the script runs in <head>.
      if (watcher) [doc as Node].concat(shadowRootsIn(doc)).forEach(watcher.add);
      const all = () => guard(() => doc.body && swapNow(doc.body, true));
      all();
      if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", all);
    }
    pending.splice(0).forEach((n) => swapNow(n, true));
    waiting.splice(0).forEach((f) => f());
  }

  /** The tracking numbers known now for `numbers`, as PROTOCOL §2 spells them. */
  function known(numbers: unknown[]): SwapNumbers {
    const out: SwapNumbers = {};
    for (const n of numbers) {
      const p = parsePhone(n);
      const e = p && table && table.keys.get((p.cc === "1" ? "" : "+" + p.cc) + p.nsn);
      if (e) out[n as string] = (e.tracking.cc === "1" ? "" : e.tracking.cc) + e.tracking.nsn;
    }
    return out;
  }

  const calltrk: CallTrkApi = {
    swap(scope?: Node | string): void {
      guard(() => {
        // The whole page: shadow roots are known from their attachment, no need to search.
        if (scope === undefined) return doc && doc.body && swapNow(doc.body, false);
        if (typeof scope === "string") {
          let found: NodeListOf<Element>;
          try {
            found = doc!.querySelectorAll(scope);
          } catch {
            return warn("swap: bad selector " + scope);
          }
          return found.forEach((n) => swapNow(n, true));
        }
        if (scope && (scope as Node).nodeType > 0) return swapNow(scope, true);
        warn("swap: bad argument");
      });
    },

    getSwapNumbers(numbers: string[], callback?: (result: SwapNumbers) => void): SwapNumbers {
      return (
        guard(() => {
          if (!Array.isArray(numbers)) return warn("getSwapNumbers: bad argument"), {};
          if (typeof callback === "function") {
            // Always later, once, even when the answer is known now (PROTOCOL §2).
            const done = () => setTimeout(() => guard(() => callback(known(numbers))));
            if (table) done();
            else waiting.push(done);
          }
          return known(numbers);
        }) || {}
      );
    },

    getVisitor(): Visitor {
      return guard(() => visitor && visitor.get()) as Visitor;
    },

    consent(state: "granted" | "denied"): void {
      guard(() => visitor && visitor.consent(state));
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
      if (!api || !company) return warn("no data-api or data-company"), configure({ trackers: [] });
      fetchConfig(api, company).then((raw) => guard(() => configure(raw)));
    });
  return calltrk;
}
