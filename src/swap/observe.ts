// Late DOM (docs/swapping.md#where-numbers-are-swapped): nodes added later and text edited in place, as
// React and Vue re-renders do, are swapped in the observer's callback. Mutation records are delivered
// in a microtask, so a batch of changes is handled once and before the next paint.
import { ATTRS, blockOf } from "./dom";
import { phonePrefix } from "./phone";
import { DESTROYABLE } from "../build";

const OPTIONS: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributeFilter: ATTRS };

export interface Watcher {
  /** Observe one more root (the document, or an open shadow root). */
  add(root: Node): void;
  /**
   * Runs our own writes: first hands over what the page changed outside `scope` (the
   * writes will cover the inside), then runs `write` unobserved, so our writes make no
   * records at all: they cost nothing to observe and are never processed again.
   */
  quiet(scope: Node | null, write: () => void): void;
  /** Hands over what is pending, then stops observing until `resume()` (the rest of the parse). */
  pause(): void;
  resume(): void;
  /** Stops for good (the instance is destroyed). */
  stop(): void;
}

export interface Handlers {
  /** Added nodes and edited texts, to walk. */
  nodes(nodes: Node[]): void;
  /**
   * While the parser adds the page (`parsing()`), each added node on its own, with no
   * batch bookkeeping: the parser adds one node at a time, children after their parent,
   * so every node comes by itself (docs/performance.md#a-long-page).
   */
  added?(node: Node): void;
  parsing?(): boolean;
  /** Elements whose href, title or aria-label changed. */
  attributes(els: Element[]): void;
}

/** What a batch asks to walk: added nodes and edited texts, and attribute changes. */
export function dirtyNodes(records: MutationRecord[]): { nodes: Node[]; attrs: Element[] } {
  const nodes: Node[] = [];
  const attrs: Element[] = [];
  for (const r of records) {
    const t = r.target;
    if (r.type === "attributes") attrs.push(t as Element);
    else if (r.type === "childList") r.addedNodes.forEach((n) => nodes.push(n));
    else {
      // A re-rendered piece of a split number ("123" in its own <span>): walk its block.
      const d = (t as Text).data;
      nodes.push(/\d/.test(d) && phonePrefix(d) === d.length ? blockOf(t.parentNode) || t : t);
    }
  }
  // Many siblings added at once (a framework render) that are most of their parent's
  // children: one walk of the parent costs less than one walk each.
  const added = new Map<Node, number>();
  for (const n of nodes) if (n.parentNode) added.set(n.parentNode, (added.get(n.parentNode) || 0) + 1);
  added.forEach((k, p) => k > 8 && 2 * k >= p.childNodes.length && nodes.push(p));
  // A node inside another one of the batch is walked with it; a removed one not at all.
  const all = new Set(nodes);
  const keep = (n: Node) => {
    for (let p = n.parentNode; p; p = p.parentNode) if (all.has(p)) return false;
    return n.isConnected;
  };
  return { nodes: Array.from(all).filter(keep), attrs: attrs.filter((n) => n.isConnected) };
}

export function createWatcher(h: Handlers): Watcher | null {
  if (typeof MutationObserver === "undefined") return null;
  const roots: Node[] = [];
  const mo = new MutationObserver((records) => quiet(records, null));
  let paused = false;

  function quiet(records: MutationRecord[], scope: Node | null, write?: () => void): void {
    if (!scope && h.added && h.parsing && h.parsing()) {
      const rest: MutationRecord[] = [];
      for (const r of records) {
        if (r.type !== "childList") rest.push(r);
        else for (let i = 0; i < r.addedNodes.length; i++) if (r.addedNodes[i].isConnected) h.added(r.addedNodes[i]);
      }
      records = rest;
      // Nothing else in the batch: the parse goes on, observed as it was (pause() disconnects below).
      if (!records.length && !paused) return;
    }
    // A change inside the scope about to be walked is covered by the walk: one contains()
    // per record, not one per added node (a framework render adds thousands at once).
    const { nodes, attrs } = dirtyNodes(scope ? records.filter((r) => !scope.contains(r.target)) : records);
    mo.disconnect();
    try {
      h.nodes(nodes);
      h.attributes(attrs);
      if (write) write();
    } finally {
      if (!paused) observeAll();
    }
  }

  function observeAll(): void {
    // Roots whose host left the page are let go; a returning host is scanned again.
    for (let i = roots.length; i--;) {
      const host = (roots[i] as ShadowRoot).host;
      if (host && !host.isConnected) roots.splice(i, 1);
      else mo.observe(roots[i], OPTIONS);
    }
  }

  return {
    add(root: Node): void {
      if (roots.indexOf(root) < 0) {
        roots.push(root);
        if (!paused) mo.observe(root, OPTIONS);
      }
    },
    quiet(scope: Node | null, write: () => void): void {
      quiet(mo.takeRecords(), scope, write);
    },
    pause(): void {
      paused = true;
      quiet(mo.takeRecords(), null);
    },
    resume(): void {
      if (!paused) return;
      paused = false;
      observeAll();
    },
    stop(): void {
      if (!DESTROYABLE) return;
      paused = true;
      mo.disconnect();
      roots.length = 0;
    },
  };
}
