// The DOM walk (docs/swapping.md#where-numbers-are-swapped): text nodes, phone-link
// hrefs, title and aria-label attributes, and open shadow roots under a scope. Text is
// written through `data` and attributes through `setAttribute`, never as markup.
import type { Write } from "./journal";
import { applySwaps, findSwaps, phonePrefix, swapText, type Table } from "./phone";
import type { Shadows } from "./shadow";
import { isSkipped, skipTest, type Skip } from "./skip";

/** What a walk needs: the numbers, the instance's journal writer and its shadow roots. */
export interface Swapper {
  table: Table;
  write: Write;
  shadows: Shadows;
  /**
   * A number that may end in text `t` and start in earlier text nodes of its block. The rule
   * is a part loaded on demand (split.ts); the engine hands these over to it.
   */
  split(t: Text, skip: Skip): void;
}

const INLINE =
  /^(A|ABBR|B|BDI|BDO|BIG|CITE|CODE|DATA|DEL|DFN|EM|FONT|I|INS|KBD|LABEL|MARK|Q|S|SAMP|SMALL|SPAN|STRONG|SUB|SUP|TIME|TT|U|VAR)$/;

/** The nearest ancestor that is not an inline element: the block a text belongs to (split numbers live in one). */
export function blockOf(n: Node | null): Node | null {
  while (n && INLINE.test(n.nodeName)) n = n.parentNode;
  return n;
}

/** The attributes that may hold a number; the observer watches the same ones. */
export const ATTRS = ["href", "title", "aria-label"];
const PHONE_LINK = /^\s*(tel|sms|callto|imessage):/i;

/** Swaps the numbers in one text node, unless it sits where swapping is forbidden. */
export function swapTextNode(t: Text, s: Swapper, skip: Skip): void {
  const text = t.data;
  const table = s.table;
  // Cheap first: most text holds no needle at all (see Table.needles).
  if (!table.needle.test(text) || skip(t)) return;
  const swaps = findSwaps(text, table);
  if (swaps.length) s.write(t, "", applySwaps(text, swaps));
  // A needle in the node's leading phone characters that no match starts before may
  // end a number that began in earlier nodes.
  const lead = phonePrefix(text);
  if (lead && (!swaps.length || swaps[0].start >= lead) && table.needle.test(text.slice(0, lead))) {
    s.split(t, skip);
  }
}

/** An attribute value with its numbers swapped; phone links may be percent-encoded. */
function swapAttrValue(name: string, v: string, table: Table): string {
  const link = name === "href";
  if (link && !PHONE_LINK.test(v)) return v;
  const r = swapText(v, table, link);
  if (r !== v || v.indexOf("%") < 0) return r;
  try {
    const d = decodeURIComponent(v);
    const s = swapText(d, table, link);
    return s === d ? v : encodeURI(s);
  } catch {
    return v; // malformed escape: leave the link alone
  }
}

/** Swaps the number-bearing attributes of one element. */
export function swapAttributes(el: Element, s: Swapper, skip: Skip): void {
  for (const name of ATTRS) {
    const v = el.getAttribute(name);
    if (!v || !s.table.needle.test(v)) continue;
    const r = swapAttrValue(name, v, s.table);
    if (r !== v && !skip(el)) s.write(el, name, r);
  }
}

/** Elements with an attribute holding a needle: found natively, not element by element. */
function attrSelector(table: Table): string {
  // Only links have a phone href: naming the tag lets the selector engine skip the rest.
  return table.needles
    .map((n) => ["a[href", "area[href", "[title", "[aria-label"].map((a) => a + '*="' + n + '"]').join(","))
    .join(",");
}

type Scope = Element | Document | DocumentFragment;

/**
 * Swaps every swap target under `scope` (the scope itself included), synchronously,
 * shadow roots included, and returns those roots. With `scan`, the scope is also
 * searched for shadow roots not yet known: needed for content seen for the first
 * time, not for content seen before.
 */
export function swapTree(scope: Node, s: Swapper, scan?: boolean): ShadowRoot[] {
  // Above the scope (shadow hosts included) skipping is checked once; inside, per number.
  if (scope.nodeType === 3) swapTextNode(scope as Text, s, isSkipped);
  if (!s.table.needles.length || !(scope as Scope).querySelectorAll || isSkipped(scope)) return [];
  walk(scope as Scope, s);
  if (scan) s.shadows.scan(scope);
  // Nested roots are in the list too: each tree is walked once, without recursion.
  const roots = s.shadows.inside(scope).filter((sr) => !isSkipped(sr.host));
  roots.forEach((sr) => walk(sr, s));
  return roots;
}

/** One tree: its text nodes and attributes, stopping at shadow roots. */
function walk(root: Scope, s: Swapper): void {
  const scope = root as Node;
  const skip = skipTest(root);
  if (scope.nodeType === 1) swapAttributes(scope as Element, s, skip);
  // An element with no element inside (what the parser adds, one at a time): its text
  // children and attributes are all there is, with no query and no walker to set up.
  if (!root.firstElementChild) {
    for (let c = scope.firstChild; c; c = c.nextSibling) if (c.nodeType === 3) swapTextNode(c as Text, s, skip);
    return;
  }
  const doc = scope.ownerDocument || (scope as Document);
  const walker = doc.createTreeWalker(scope, 4 /* NodeFilter.SHOW_TEXT */);
  let n: Node | null;
  while ((n = walker.nextNode())) swapTextNode(n as Text, s, skip);
  const els = root.querySelectorAll(attrSelector(s.table));
  for (let i = 0; i < els.length; i++) swapAttributes(els[i], s, skip);
}
