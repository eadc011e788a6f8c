// Open shadow roots are trees of their own: a TreeWalker, querySelectorAll and a
// MutationObserver on the document all stop at them. Finding them by looking at every
// element costs more than the whole text walk (measured in bench/), so roots are learnt
// as they come: `attachShadow` is wrapped (as session recorders such as rrweb do), and
// content seen arriving (the first pass, DOMContentLoaded, added nodes) is scanned once
// for roots made before the bundle ran or by the parser (declarative shadow DOM).
//
// The prototype is the page's, so the wrapper is one for all instances; each instance
// keeps its own roots (createShadows) and stops listening when it is destroyed. The
// wrapper is taken off again when no instance listens and nobody wrapped it after us.

import { DESTROYABLE } from "../build";

type Listener = (root: ShadowRoot) => void;

const listeners: Listener[] = [];
let original: Element["attachShadow"] | null = null;
let wrapper: Element["attachShadow"] | null = null;

function wrap(): void {
  if (wrapper || typeof Element === "undefined" || typeof Element.prototype.attachShadow !== "function") return;
  const proto = Element.prototype;
  const attach = (original = proto.attachShadow);
  wrapper = proto.attachShadow = function (this: Element) {
    // eslint-disable-next-line prefer-rest-params
    const root = attach.apply(this, arguments as unknown as [ShadowRootInit]);
    try {
      if (root.mode === "open") listeners.slice().forEach((f) => f(root));
    } catch {
      // never let our bookkeeping break the page's component
    }
    return root;
  };
}

function unwrap(): void {
  // Someone wrapped it after us: taking ours off would take theirs off too. Ours stays, calling no one.
  if (!listeners.length && wrapper && Element.prototype.attachShadow === wrapper) {
    Element.prototype.attachShadow = original!;
    wrapper = original = null;
  }
}

/**
 * The shadow host of the tree `n` is in, or null. Only a shadow root's `host` counts:
 * the root of a detached tree may be an <a> or <area>, whose `host` is a URL's host.
 */
export function hostOf(n: Node): Element | null {
  const root = n.getRootNode();
  return root.nodeType === 11 ? (root as ShadowRoot).host || null : null;
}

/** True when `node` is inside `scope`, looking through the shadow roots in between. */
function within(scope: Node, node: Node | null): boolean {
  for (; node; node = hostOf(node)) if (scope.contains(node)) return true;
  return false;
}

/** One instance's open shadow roots. */
export interface Shadows {
  /** Looks at every element under `scope` for open shadow roots not yet known. */
  scan(scope: Node): void;
  /** The known open shadow roots whose host is inside `scope`, nested roots included. */
  inside(scope: Node): ShadowRoot[];
  /** Stops learning roots (the instance is destroyed). */
  stop(): void;
}

/** Learns the open shadow roots of `doc` (all documents when null); `found` hears of each new one. */
export function createShadows(doc: Document | null, found: Listener): Shadows {
  const roots = new Set<ShadowRoot>();

  function learn(root: ShadowRoot, scan?: boolean): void {
    if (roots.has(root)) return;
    roots.add(root);
    found(root);
    if (scan) self.scan(root); // roots nested in it
  }
  const attached: Listener = (root) => {
    if (!doc || root.ownerDocument === doc) learn(root);
  };

  const self: Shadows = {
    scan(scope) {
      const sr = (scope as Element).shadowRoot;
      if (sr) learn(sr, true);
      // Elements without children hold no other element, so no other host.
      if (!(scope as ParentNode).firstElementChild) return;
      // A live collection where there is one (elements, documents): no static list of every
      // element to allocate on a long page. Shadow roots only have querySelectorAll.
      const el = scope as Element;
      const all = el.getElementsByTagName ? el.getElementsByTagName("*") : el.querySelectorAll("*");
      for (let i = 0; i < all.length; i++) if (all[i].shadowRoot) learn(all[i].shadowRoot!, true);
    },
    inside(scope) {
      const out: ShadowRoot[] = [];
      roots.forEach((r) => {
        if (within(scope, r.host)) out.push(r);
        // A root whose host left the page is forgotten; if the host comes back, the scan
        // of the added content finds it again.
        else if (!r.host.isConnected) roots.delete(r);
      });
      return out;
    },
    stop() {
      if (!DESTROYABLE) return;
      const i = listeners.indexOf(attached);
      if (i >= 0) listeners.splice(i, 1);
      roots.clear();
      unwrap();
    },
  };
  listeners.push(attached);
  wrap();
  return self;
}
