// The DOM walk (issue 2 item 4): text nodes, phone-link hrefs, title and aria-label
// attributes, and open shadow roots under a scope. Text is written through `data` and
// attributes through `setAttribute`, never as markup.
import { write } from "./journal";
import { applySwaps, findSwaps, swapText, type Table } from "./phone";
import { scanShadowRoots, shadowRootsIn } from "./shadow";
import { isSkipped, skipTest, type Skip } from "./skip";
import { phonePrefix, swapSplit } from "./split";

/** The attributes that may hold a number; the observer watches the same ones. */
export const ATTRS = ["href", "title", "aria-label"];
const PHONE_LINK = /^\s*(tel|sms|callto|imessage):/i;

/** Swaps the numbers in one text node, unless it sits where swapping is forbidden. */
export function swapTextNode(t: Text, table: Table, skip: Skip): void {
  const s = t.data;
  // Cheap first: most text holds no needle at all (see Table.needles).
  if (!table.needle.test(s) || skip(t)) return;
  const swaps = findSwaps(s, table);
  if (swaps.length) write(t, "", applySwaps(s, swaps));
  // A needle in the node's leading phone characters that no match starts before may
  // end a number that began in earlier nodes.
  const lead = phonePrefix(s);
  if (lead && (!swaps.length || swaps[0].start >= lead) && table.needle.test(s.slice(0, lead))) {
    swapSplit(t, table, skip);
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
export function swapAttributes(el: Element, table: Table, skip: Skip): void {
  for (const name of ATTRS) {
    const v = el.getAttribute(name);
    if (!v || !table.needle.test(v)) continue;
    const r = swapAttrValue(name, v, table);
    if (r !== v && !skip(el)) write(el, name, r);
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
export function swapTree(scope: Node, table: Table, scan?: boolean): ShadowRoot[] {
  // Above the scope (shadow hosts included) skipping is checked once; inside, per number.
  if (scope.nodeType === 3) swapTextNode(scope as Text, table, isSkipped);
  if (!table.needles.length || !(scope as Scope).querySelectorAll || isSkipped(scope)) return [];
  walk(scope as Scope, table);
  if (scan) scanShadowRoots(scope);
  // Nested roots are in the list too: each tree is walked once, without recursion.
  const roots = shadowRootsIn(scope).filter((sr) => !isSkipped(sr.host));
  roots.forEach((sr) => walk(sr, table));
  return roots;
}

/** One tree: its text nodes and attributes, stopping at shadow roots. */
function walk(root: Scope, table: Table): void {
  const scope = root as Node;
  const skip = skipTest(root);
  const doc = scope.ownerDocument || (scope as Document);
  const walker = doc.createTreeWalker(scope, 4 /* NodeFilter.SHOW_TEXT */);
  let n: Node | null;
  while ((n = walker.nextNode())) swapTextNode(n as Text, table, skip);

  if (scope.nodeType === 1) swapAttributes(scope as Element, table, skip);
  const els = root.querySelectorAll(attrSelector(table));
  for (let i = 0; i < els.length; i++) swapAttributes(els[i], table, skip);
}
