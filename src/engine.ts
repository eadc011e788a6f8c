// The swap engine's state (issue 2, issue 4): which tracking number replaces which swap
// target right now, and the observer that swaps late content. Numbers can change after
// the first swap (a session number arrives, a lease moves, consent is withdrawn), so the
// engine also knows what it has shown and puts the page's own numbers back (swap/journal.ts).
import { guard } from "./log";
import { buildTable, phoneKey as key, type Phone, type Table } from "./swap/phone";
import { swapAttributes, swapTree } from "./swap/dom";
import { createWatcher, type Watcher } from "./swap/observe";
import { onShadowRoot, shadowRootsIn } from "./swap/shadow";
import { isSkipped } from "./swap/skip";
import { restore } from "./swap/journal";

export function createEngine(doc: Document | null) {
  let table: Table | null = null;
  let watcher: Watcher | null = null;
  /** Swap target key → tracking number shown for it. */
  let shown = new Map<string, Phone>();
  const pending: Node[] = [];

  function swapNow(n: Node, scan: boolean): void {
    if (!table) return void (pending.length < 100 && pending.push(n));
    const t = table;
    if (watcher) watcher.quiet(n, () => swapTree(n, t, scan));
    else swapTree(n, t, scan);
  }

  function observe(): void {
    if (watcher || !doc) return;
    watcher = createWatcher({
      // A host that came back keeps its root: observe it again (add() is idempotent).
      nodes: (nodes) =>
        guard(() => nodes.forEach((n) => table && swapTree(n, table, true).forEach((r) => watcher!.add(r)))),
      attributes: (els) => guard(() => els.forEach((el) => table && swapAttributes(el, table, isSkipped))),
    });
    // Observing the whole document from the start swaps nodes as the parser adds them,
    // before they are painted, when the script runs in <head>.
    if (watcher) [doc as Node].concat(shadowRootsIn(doc)).forEach(watcher.add);
    const all = () => guard(() => doc.body && swapNow(doc.body, true));
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", all);
  }
  // Shadow roots attached from now on are observed like the document (see swap/shadow.ts).
  onShadowRoot((root) => watcher && watcher.add(root));

  return {
    /**
     * Use these [swap target, tracking number] pairs from now on and swap the page.
     * A number shown before and now wrong is replaced by the new one, or by the page's
     * own number when the target has none any more (PROTOCOL §5: no number, original).
     */
    set(pairs: Array<[Phone, Phone]>): void {
      const next = new Map<string, Phone>();
      pairs.forEach((p) => next.has(key(p[0])) || next.set(key(p[0]), p[1]));
      let moved = false;
      shown.forEach((was, k) => {
        const now = next.get(k);
        if (!now || key(now) != key(was)) moved = true;
      });
      shown = next;
      const first = !table;
      table = buildTable(pairs);
      if (table.needles.length) observe();
      if (!doc || !doc.body) return;
      // A number already shown must change: the page's own numbers come back, then the new ones go in.
      if (moved && watcher) watcher.quiet(doc.body, restore);
      else if (moved) restore();
      if (first || moved || pairs.length) swapNow(doc.body, true);
      pending.splice(0).forEach((n) => swapNow(n, true));
    },
    swap: swapNow,
    /** The tracking number for a swap target now, as 10 digits (or CC + national), else undefined. */
    lookup(target: Phone): string | undefined {
      const e = table && table.keys.get(key(target));
      return e ? (e.tracking.cc === "1" ? "" : e.tracking.cc) + e.tracking.nsn : undefined;
    },
  };
}
