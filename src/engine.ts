// One instance's swap engine (docs/swapping.md): which tracking number replaces which
// swap target right now, the observer that swaps late content, the journal of what it
// wrote and the open shadow roots it knows. Numbers can change after the first swap (a
// session number arrives, a lease moves, consent is withdrawn), so the engine also puts
// the page's own numbers back (swap/journal.ts), and `destroy()` undoes all of it.
//
// While the page is still being parsed, the observer swaps each node the parser adds on
// its own (no batch bookkeeping), before it is painted, until the first frame; then it
// pauses, and one walk right after DOMContentLoaded, in a task of its own, swaps the rest.
// A mutation record for every node of a long page, and a walk inside the
// DOMContentLoaded handler, delayed DOMContentLoaded and `load` (docs/performance.md#a-long-page).
import { guard, warn } from "./log";
import { buildTable, findSwaps, phoneKey as key, rewriteDigits, type Phone, type Table } from "./swap/phone";
import { swapAttributes, swapTextNode, swapTree, type Swapper } from "./swap/dom";
import { createWatcher, type Watcher } from "./swap/observe";
import { createShadows } from "./swap/shadow";
import { isSkipped } from "./swap/skip";
import { createJournal } from "./swap/journal";
import type { Skip } from "./swap/skip";
import type { Split } from "./swap/split";
import type { Parts } from "./parts/load";
import { DESTROYABLE } from "./build";

export type Engine = ReturnType<typeof createEngine>;

/**
 * `load`: a part of the bundle (the split-number rule); `added`: called after content was
 * added to the page (the forms part is loaded when a form appears).
 */
export function createEngine(
  doc: Document | null,
  load: <K extends keyof Parts>(name: K) => Promise<Parts[K] | null>,
  added?: () => void,
) {
  let watcher: Watcher | null = null;
  /** Swap target key → tracking number shown for it. */
  let shown = new Map<string, Phone>();
  const pending: Node[] = [];
  const journal = createJournal();
  // Shadow roots attached from now on are observed like the document (add() is idempotent).
  const shadows = createShadows(doc, (root) => watcher && watcher.add(root));
  /** The split-number part once it is there; numbers that need it meanwhile wait (at most 100). */
  let split: Split | null = null;
  const splits: Array<[Text, Skip]> = [];
  const s: Swapper = {
    table: null as unknown as Table,
    write: journal.write,
    shadows,
    split(t, skip) {
      if (split) return split(t, s, skip);
      if (splits.length < 100 && splits.push([t, skip]) == 1)
        load("split").then((p) =>
          guard(() => {
            // Not loaded: split numbers keep their original digits on this page view.
            if (!p) warn("split part not loaded: split numbers kept");
            split = p ? p.splitter(findSwaps, rewriteDigits) : () => {};
            const run = () => splits.splice(0).forEach(([n, k]) => n.isConnected && split!(n, s, k));
            if (watcher) watcher.quiet(null, run);
            else run();
          }),
        );
    },
  };
  let ready = false;
  let scanned = false;

  function swapNow(n: Node, scan: boolean): void {
    if (!ready) {
      if (pending.length < 100) pending.push(n);
      return;
    }
    if (watcher) watcher.quiet(n, () => swapTree(n, s, scan));
    else swapTree(n, s, scan);
  }

  /**
   * The whole page: the body and the document's title. Open shadow roots made before the
   * bundle ran, or by the parser (declarative shadow DOM), are found by looking at every
   * element; on a long page that costs more than the walk itself, so it is done once, when
   * the page is idle (docs/performance.md#a-long-page). Roots attached later are known at once (swap/shadow.ts).
   */
  function swapPage(): void {
    if (!doc || !doc.body) return;
    swapNow(doc.body, false);
    if (!scanned) {
      scanned = true;
      const idle = (cb: () => void) =>
        typeof requestIdleCallback == "function" ? requestIdleCallback(cb, { timeout: 1000 }) : setTimeout(cb);
      idle(() =>
        guard(() => {
          if (!ready || !doc.body) return;
          shadows.scan(doc.body);
          shadows.inside(doc).forEach((r) => swapNow(r, false));
        }),
      );
    }
    const title = doc.getElementsByTagName("title")[0];
    if (title && !doc.body.contains(title)) swapNow(title, false);
  }

  const parsed = () =>
    guard(() => {
      if (watcher) watcher.resume();
      swapPage();
    });

  function observe(): void {
    if (watcher || !doc) return;
    watcher = createWatcher({
      // A host that came back keeps its root: observe it again (add() is idempotent).
      nodes: (nodes) =>
        guard(() => {
          nodes.forEach((n) => swapTree(n, s, true).forEach((r) => watcher!.add(r)));
          if (added && nodes.length) added();
        }),
      attributes: (els) => guard(() => els.forEach((el) => swapAttributes(el, s, isSkipped))),
      parsing: () => doc.readyState === "loading",
      added: (n) =>
        guard(() => {
          if (n.nodeType === 3) swapTextNode(n as Text, s, isSkipped);
          // An element with content of its own was put there by a script: walked as a whole.
          else if ((n as Element).firstChild) swapTree(n, s, true).forEach((r) => watcher!.add(r));
          else if (n.nodeType === 1 && (n as Element).attributes.length) swapAttributes(n as Element, s, isSkipped);
        }),
    });
    if (!watcher) return;
    // Observing the whole document from the start swaps nodes as the parser adds them,
    // before they are painted, when the script runs in <head>.
    [doc as Node].concat(shadows.inside(doc)).forEach(watcher.add);
    if (doc.readyState !== "loading") return;
    doc.addEventListener("DOMContentLoaded", parsed);
    const raf = typeof requestAnimationFrame == "function" ? requestAnimationFrame : null;
    // Frames run before their paint: the first one with content in the body has been swapped.
    const firstFrame = () =>
      guard(() => {
        if (doc.readyState !== "loading" || !watcher) return;
        if (doc.body && doc.body.firstChild) watcher.pause();
        else raf!(firstFrame);
      });
    if (raf) raf(firstFrame);
  }

  return {
    /**
     * Use these [swap target, tracking number] pairs from now on and swap the page.
     * A number shown before and now wrong is replaced by the new one, or by the page's
     * own number when the target has none any more (docs/protocol.md#5-server-endpoints-used-by-the-bundle).
     */
    set(pairs: Array<[Phone, Phone]>): void {
      const next = new Map<string, Phone>();
      pairs.forEach((p) => {
        if (!next.has(key(p[0]))) next.set(key(p[0]), p[1]);
      });
      let moved = false;
      shown.forEach((was, k) => {
        const now = next.get(k);
        if (!now || key(now) != key(was)) moved = true;
      });
      shown = next;
      const first = !ready;
      ready = true;
      s.table = buildTable(pairs);
      if (s.table.needles.length) observe();
      if (!doc || !doc.body) return;
      // A number already shown must change: the page's own numbers come back, then the new ones go in.
      if (moved && watcher) watcher.quiet(doc, journal.restore);
      else if (moved) journal.restore();
      if (first || moved || pairs.length) swapPage();
      pending.splice(0).forEach((n) => swapNow(n, true));
    },
    swap: swapNow,
    /** The tracking number for a swap target now, as 10 digits (or CC + national), else undefined. */
    lookup(target: Phone): string | undefined {
      const e = ready ? s.table.keys.get(key(target)) : undefined;
      return e ? (e.tracking.cc === "1" ? "" : e.tracking.cc) + e.tracking.nsn : undefined;
    },
    /** Stops observing, lets go of the shadow roots and puts the page's own numbers back. */
    destroy(): void {
      if (!DESTROYABLE) return;
      if (doc) doc.removeEventListener("DOMContentLoaded", parsed);
      if (watcher) watcher.stop();
      watcher = null;
      shadows.stop();
      journal.restore();
      ready = false;
      pending.length = 0;
    },
  };
}
