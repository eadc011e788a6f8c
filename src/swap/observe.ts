// Late DOM (issue 2 item 5): nodes added later and text edited in place, as React and Vue
// re-renders do, are swapped in the observer's callback. Mutation records are delivered
// in a microtask, so a batch of changes is handled once and before the next paint.
import { blockOf, isPhonePiece } from "./split";

const OPTIONS: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: ["href", "title", "aria-label"],
};

export interface Watcher {
  /** Observe one more root (the document, or an open shadow root found by a walk). */
  add(root: Node): void;
  /** Handle what is pending now, e.g. before an explicit swap. */
  flush(): void;
  /** Forget the records our own writes produced, so they are never processed again. */
  dropOwn(): void;
}

export interface Handlers {
  nodes(nodes: Node[]): void;
  attributes(els: Element[]): void;
}

/** Nodes to walk for a batch: added nodes, edited texts, no node inside another one. */
export function dirtyNodes(records: MutationRecord[]): { nodes: Node[]; attrs: Element[] } {
  const picked = new Set<Node>();
  const attrs = new Set<Element>();
  for (const r of records) {
    if (r.type === "childList") r.addedNodes.forEach((n) => picked.add(n));
    else if (r.type === "attributes") attrs.add(r.target as Element);
    else {
      picked.add(r.target);
      // A re-rendered piece of a split number ("123" in its own <span>): walk its block.
      const b = isPhonePiece((r.target as Text).data) && blockOf(r.target.parentNode);
      if (b) picked.add(b);
    }
  }
  const nodes: Node[] = [];
  picked.forEach((n) => {
    if (!n.isConnected) return;
    for (let p = n.parentNode; p; p = p.parentNode) if (picked.has(p)) return;
    nodes.push(n);
  });
  return { nodes, attrs: Array.from(attrs).filter((el) => el.isConnected) };
}

export function createWatcher(h: Handlers): Watcher | null {
  if (typeof MutationObserver === "undefined") return null;
  const roots = new WeakSet<Node>();
  const handle = (records: MutationRecord[]) => {
    if (!records.length) return;
    const { nodes, attrs } = dirtyNodes(records);
    if (nodes.length) h.nodes(nodes);
    if (attrs.length) h.attributes(attrs);
    mo.takeRecords();
  };
  const mo = new MutationObserver(handle);
  return {
    add(root: Node): void {
      if (roots.has(root)) return;
      roots.add(root);
      mo.observe(root, OPTIONS);
    },
    flush(): void {
      handle(mo.takeRecords());
    },
    dropOwn(): void {
      mo.takeRecords();
    },
  };
}
