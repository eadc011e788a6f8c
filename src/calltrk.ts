// createCallTrk(options): wires config, trackers and the swap engine into the public API
// of PROTOCOL §2. This is what the ESM build exports; importing it does nothing.
import { CONFIG_TIMEOUT_MS, fetchConfig, readConfig } from "./config";
import { guard, warn } from "./log";
import { buildTable, parsePhone, type Table } from "./swap/phone";
import { swapAttributes, swapTree } from "./swap/dom";
import { createWatcher, type Watcher } from "./swap/observe";
import { onShadowRoot, shadowRootsIn } from "./swap/shadow";
import { isSkipped } from "./swap/skip";
import { sourcePairs } from "./trackers";
import type { CallTrkApi, CallTrkOptions, CompanyConfig, SwapNumbers } from "./types";

export type { CallTrkApi, CallTrkOptions, CompanyConfig, SwapNumbers, Tracker } from "./types";
export { parsePhone, findSwaps, swapText, buildTable } from "./swap/phone";

/** How many not-yet-swappable scopes are remembered before numbers are known. */
const MAX_PENDING = 100;

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
  let configured = false;
  let table: Table | null = null;
  let watcher: Watcher | null = null;
  const pending: Node[] = [];
  const waiting: Array<() => void> = [];

  /** Content seen for the first time: also look in it for shadow roots. */
  function swapNew(n: Node): void {
    if (!table) return;
    swapTree(n, table, true);
    // A host that came back keeps its root: observe it again (add() is idempotent).
    if (watcher) shadowRootsIn(n).forEach((r) => watcher!.add(r));
  }

  function swapNow(n: Node, scan: boolean): void {
    if (!table) {
      if (pending.length < MAX_PENDING) pending.push(n);
      return;
    }
    const t = table;
    if (watcher) watcher.quiet(n, () => swapTree(n, t, scan));
    else swapTree(n, t, scan);
  }

  // Shadow roots attached from now on are observed like the document (see swap/shadow.ts).
  onShadowRoot((root) => watcher && watcher.add(root));

  function start(config: CompanyConfig | null): void {
    table = buildTable(config ? sourcePairs(config) : []);
    if (doc && table.needles.length) {
      watcher = createWatcher({
        nodes: (nodes) => guard("swap", () => nodes.forEach(swapNew)),
        attributes: (els) => guard("swap", () => els.forEach((el) => table && !isSkipped(el) && swapAttributes(el, table))),
      });
      // Observing the whole document from the start swaps nodes as the parser adds them,
      // before they are painted, when the script runs in <head>.
      if (watcher) {
        watcher.add(doc);
        shadowRootsIn(doc).forEach((r) => watcher!.add(r));
      }
      if (doc.body) swapNow(doc.body, true);
      if (doc.readyState === "loading") {
        doc.addEventListener("DOMContentLoaded", () => guard("swap", () => doc.body && swapNow(doc.body, true)));
      }
    }
    pending.splice(0).forEach((n) => swapNow(n, true));
    waiting.splice(0).forEach((f) => f());
  }

  function configure(raw: unknown): void {
    if (configured) return; // first config wins: a second bundle's configure() is ignored
    configured = true;
    start(readConfig(raw));
  }

  function load(): void {
    if (configured) return;
    if (!api) {
      warn("no number server: set data-api or give the config inline");
      return configure(null);
    }
    fetchConfig(api, company).then((raw) => {
      if (!configured) configure(raw === null ? { trackers: [] } : raw);
    });
  }

  function known(numbers: string[]): SwapNumbers {
    const out: SwapNumbers = {};
    if (!table) return out;
    for (const n of numbers) {
      const p = parsePhone(n);
      const e = p && table.keys.get(p.cc === "1" ? p.nsn : "+" + p.cc + p.nsn);
      if (e) out[n] = e.tracking.cc === "1" ? e.tracking.nsn : e.tracking.cc + e.tracking.nsn;
    }
    return out;
  }

  const calltrk: CallTrkApi = {
    swap(scope?: Node | string): void {
      guard("swap", () => {
        // The whole page: shadow roots are known from their attachment, no need to search.
        if (scope === undefined) return doc && doc.body && swapNow(doc.body, false);
        if (typeof scope === "string") {
          let found: NodeListOf<Element>;
          try {
            found = doc!.querySelectorAll(scope);
          } catch {
            return warn("swap: not a valid selector: " + scope);
          }
          return found.forEach((n) => swapNow(n, true));
        }
        if (scope && typeof (scope as Node).nodeType === "number") return swapNow(scope as Node, true);
        warn("swap: expected nothing, a node or a selector string");
      });
    },

    getSwapNumbers(numbers: string[], callback?: (result: SwapNumbers) => void): SwapNumbers {
      return (
        guard("getSwapNumbers", () => {
          if (!Array.isArray(numbers)) {
            warn("getSwapNumbers: expected an array of 10-digit numbers");
            return {};
          }
          const list = numbers.filter((n) => typeof n === "string" || typeof n === "number").map(String);
          const now = known(list);
          if (typeof callback === "function") {
            let called = false;
            const done = () => {
              if (called) return;
              called = true;
              // Always asynchronous, even when the answer is already known (PROTOCOL §2).
              setTimeout(() => guard("getSwapNumbers callback", () => callback(known(list))), 0);
            };
            if (table) done();
            else {
              waiting.push(done);
              setTimeout(done, CONFIG_TIMEOUT_MS + 1000);
            }
          }
          return now;
        }) || {}
      );
    },

    configure(config: CompanyConfig): void {
      guard("configure", () => configure(config));
    },
  };

  if (options.config) configure(options.config);
  // Deferred: a server may append `CallTrk.configure(config)` to the bundle it serves,
  // which runs right after this script, before any microtask (PROTOCOL §1).
  else Promise.resolve().then(() => guard("config", load));
  return calltrk;
}
