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
  /** Observe one more root (the document, or an open shadow root). */
  add(root: Node): void;
  /**
   * Runs our own writes: first hands over what the page changed outside `scope` (the
   * writes will cover the inside), then runs `write` unobserved, so our writes make no
   * records at all: they cost nothing to observe and are never processed again.
   */
  quiet(scope: Node | null, write: () => void): void;
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
  const roots: Node[] = [];
  const mo = new MutationObserver((records) => quiet(records, null));

  function quiet(records: MutationRecord[], scope: Node | null, write?: () => void): void {
    let { nodes, attrs } = dirtyNodes(records);
    if (scope) {
      nodes = nodes.filter((n) => !scope.contains(n));
      attrs = attrs.filter((n) => !scope.contains(n));
    }
    if (!nodes.length && !attrs.length && !write) return;
    mo.disconnect();
    try {
      if (nodes.length) h.nodes(nodes);
      if (attrs.length) h.attributes(attrs);
      if (write) write();
    } finally {
      // Roots whose host left the page are let go; a returning host is scanned again.
      for (let i = roots.length - 1; i >= 0; i--) {
        const host = (roots[i] as ShadowRoot).host;
        if (host && !host.isConnected) roots.splice(i, 1);
        else mo.observe(roots[i], OPTIONS);
      }
    }
  }

  return {
    add(root: Node): void {
      if (roots.indexOf(root) >= 0) return;
      roots.push(root);
      mo.observe(root, OPTIONS);
    },
    quiet(scope: Node | null, write: () => void): void {
      quiet(mo.takeRecords(), scope, write);
    },
  };
}
