// Open shadow roots are trees of their own: a TreeWalker, querySelectorAll and a
// MutationObserver on the document all stop at them. Finding them by looking at every
// element costs more than the whole text walk (measured in bench/), so roots are learnt
// as they come: `attachShadow` is wrapped (as session recorders such as rrweb do), and
// content seen arriving (the first pass, DOMContentLoaded, added nodes) is scanned once
// for roots made before the bundle ran or by the parser (declarative shadow DOM).

type Listener = (root: ShadowRoot) => void;

const roots = new Set<ShadowRoot>();
const listeners: Listener[] = [];
let wrapped = false;

function learn(root: ShadowRoot, scan?: boolean): void {
  if (roots.has(root)) return;
  roots.add(root);
  listeners.forEach((f) => f(root));
  if (scan) scanShadowRoots(root); // roots nested in it
}

/** Calls `f` for every open shadow root learnt from now on. Wraps attachShadow once. */
export function onShadowRoot(f: Listener): void {
  listeners.push(f);
  if (wrapped || typeof Element === "undefined") return;
  wrapped = true;
  const proto = Element.prototype;
  const attach = proto.attachShadow;
  if (typeof attach !== "function") return;
  proto.attachShadow = function (this: Element) {
    // eslint-disable-next-line prefer-rest-params
    const root = attach.apply(this, arguments as unknown as [ShadowRootInit]);
    try {
      if (root.mode === "open") learn(root);
    } catch {
      // never let our bookkeeping break the page's component
    }
    return root;
  };
}

/** Looks at every element under `scope` for open shadow roots not yet known. */
export function scanShadowRoots(scope: Node): void {
  const sr = (scope as Element).shadowRoot;
  if (sr) learn(sr, true);
  const all = (scope as Element).querySelectorAll("*");
  for (let i = 0; i < all.length; i++) if (all[i].shadowRoot) learn(all[i].shadowRoot!, true);
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

/** The known open shadow roots whose host is inside `scope`, nested roots included. */
export function shadowRootsIn(scope: Node): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  roots.forEach((r) => {
    if (within(scope, r.host)) out.push(r);
    // A root whose host left the page is forgotten; if the host comes back, the scan
    // of the added content finds it again.
    else if (!r.host.isConnected) roots.delete(r);
  });
  return out;
}
