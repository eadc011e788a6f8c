// The DOM walk (issue 2 item 4): text nodes, phone-link hrefs, title and aria-label
// attributes, and open shadow roots under a scope. Text is written through `data` and
// attributes through `setAttribute`, never as markup.
import { applySwaps, findSwaps, swapText, type Table } from "./phone";
import { RAW_TEXT, isSkipped } from "./skip";
import { createChain } from "./split";

const ATTRS = ["href", "title", "aria-label"];
const ATTR_SELECTOR = "a[href],area[href],[title],[aria-label]";
const PHONE_LINK = /^\s*(tel|sms|callto):/i;
/** The shortest text that can hold a phone number: 7 digits. */
const MIN = 7;

export type OnShadowRoot = (root: ShadowRoot) => void;

/** Swaps the numbers in one text node, unless it sits where swapping is forbidden. */
function swapTextNode(t: Text, table: Table): void {
  const s = t.data;
  if (s.length < MIN) return;
  const swaps = findSwaps(s, table);
  const parent = t.parentElement;
  if (swaps.length && !(parent && (RAW_TEXT.test(parent.nodeName) || isSkipped(parent)))) {
    t.data = applySwaps(s, swaps);
  }
}

/** An attribute value with its numbers swapped; phone links may be percent-encoded. */
function swapAttrValue(name: string, v: string, table: Table): string {
  if (name === "href" && !PHONE_LINK.test(v)) return v;
  const r = swapText(v, table);
  if (r !== v || v.indexOf("%") < 0) return r;
  try {
    const d = decodeURIComponent(v);
    const s = swapText(d, table);
    return s === d ? v : encodeURI(s);
  } catch {
    return v; // malformed escape: leave the link alone
  }
}

/** Swaps the number-bearing attributes of one element. */
export function swapAttributes(el: Element, table: Table): void {
  for (const name of ATTRS) {
    const v = el.getAttribute(name);
    if (!v || v.length < MIN) continue;
    const r = swapAttrValue(name, v, table);
    if (r !== v && !isSkipped(el)) el.setAttribute(name, r);
  }
}

type Scope = Element | Document | DocumentFragment;

/**
 * Swaps every swap target under `scope` (the scope itself included). Synchronous.
 * `onShadowRoot` hears of each open shadow root found, so that it can be observed.
 */
export function swapTree(scope: Node, table: Table, onShadowRoot?: OnShadowRoot): void {
  if (scope.nodeType === 3) return swapTextNode(scope as Text, table);
  if (!(scope as Scope).querySelectorAll) return;
  const doc = scope.ownerDocument || (scope as Document);
  const walker = doc.createTreeWalker(scope, 4 /* NodeFilter.SHOW_TEXT */);
  const chain = createChain(table);
  let n: Node | null;
  while ((n = walker.nextNode())) {
    swapTextNode(n as Text, table);
    chain.visit(n as Text);
  }
  chain.end();

  const root = scope as Scope;
  if (scope.nodeType === 1) swapAttributes(scope as Element, table);
  const els = root.querySelectorAll(ATTR_SELECTOR);
  for (let i = 0; i < els.length; i++) swapAttributes(els[i], table);

  // Open shadow roots are separate trees: the walk and the selectors above stop at them.
  const all = root.querySelectorAll("*");
  for (let i = 0; i < all.length; i++) {
    const sr = all[i].shadowRoot;
    if (sr && !isSkipped(all[i])) {
      if (onShadowRoot) onShadowRoot(sr);
      swapTree(sr, table, onShadowRoot);
    }
  }
}
