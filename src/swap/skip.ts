// Where swapping never happens (docs/swapping.md#where-numbers-are-swapped): a `data-calltrk-noswap` subtree, code
// and raw-text elements (JSON-LD in <script> must keep the real number for search
// engines), form control values, and editable regions, whose text belongs to the user.
import { hostOf } from "./shadow";

/** Text directly inside these is never a swap target. */
const RAW_TEXT = /^(SCRIPT|STYLE|NOSCRIPT|TEXTAREA|TEMPLATE)$/;
/** Marked subtrees; an editable region's `contenteditable="false"` islands are still inside it. */
const MARKED = "[data-calltrk-noswap],[contenteditable]";
const isMarked = (m: Element) => m.hasAttribute("data-calltrk-noswap") || m.getAttribute("contenteditable") !== "false";

export type Skip = (n: Node) => boolean;

/** True when `n` or an ancestor, across shadow boundaries, forbids swapping. */
export function isSkipped(n: Node | null): boolean {
  for (; n; n = hostOf(n)) {
    let el: Element | null = n.nodeType === 1 ? (n as Element) : n.parentElement;
    if (el && RAW_TEXT.test(el.nodeName)) return true;
    while (el && (el = el.closest(MARKED))) {
      if (isMarked(el)) return true;
      el = el.parentElement;
    }
  }
  return false;
}

/**
 * For one walk of `root` (whose own ancestors were checked with `isSkipped`): a test for
 * nodes inside it. The marked subtrees are found with one native query, made when the
 * first number is found, so each number then costs a `contains` per marked subtree
 * (usually none) instead of a `closest` up the tree (measured in bench/).
 */
export function skipTest(root: ParentNode): Skip {
  let marked: Element[] | undefined;
  return (n) => {
    const el = n.nodeType === 1 ? (n as Element) : n.parentElement;
    if (el && RAW_TEXT.test(el.nodeName)) return true;
    marked = marked || [].filter.call(root.querySelectorAll(MARKED), isMarked);
    return marked.some((m) => m.contains(n));
  };
}
