// Numbers split across inline elements: `<span>(555)</span> <span>123</span>-<span>1234</span>`
// (docs/swapping.md#where-numbers-are-swapped), a part loaded on demand
// (docs/performance.md#parts-loaded-on-demand). Every printing of a target holds its needle
// (its last digits) in one text node, so the walk asks for this part only for a node
// holding a needle in its leading phone characters that no match inside the node explains
// (dom.ts). From there it looks back over the text nodes of the same block (joined only by
// inline elements) while they are phone characters, reads them as one string, and rewrites
// a number found across them digit by digit in each node: the element structure stays as
// it was. The matching itself is the main bundle's, handed in.
import { blockOf, type Swapper } from "./dom";
import { phonePrefix, type findSwaps, type rewriteDigits } from "./phone";
import type { Skip } from "./skip";

/** Swaps a number that ends in text `t` and starts in earlier text nodes of its block. */
export type Split = (t: Text, s: Swapper, skip: Skip) => void;

/** The part's entry: the split-number rule, with the main bundle's matching. */
export function splitter(find: typeof findSwaps, rewrite: typeof rewriteDigits): Split {
  return (t, s, skip) => {
    const block = blockOf(t.parentNode)!;
    const walker = t.ownerDocument.createTreeWalker(block, 4 /* SHOW_TEXT */);
    walker.currentNode = t;
    const nodes = [t];
    let p: Text | null;
    // At most 12 nodes: one per group and separator of the longest printing, and some.
    while (nodes.length < 12 && (p = walker.previousNode() as Text | null) && blockOf(p.parentNode) === block) {
      nodes.unshift(p);
      if (phonePrefix(p.data) < p.data.length) break; // other text before: the number starts here at the latest
    }
    const at: number[] = [];
    let text = "";
    for (const n of nodes) {
      at.push(text.length);
      text += n.data;
    }
    for (const w of find(text, s.table)) {
      const inside = nodes.filter((n, k) => at[k] < w.end && w.start < at[k] + n.data.length);
      // A match inside one node is the walk's business; a changed digit count cannot be
      // spread over several nodes without guessing, so those keep the original.
      if (inside.length < 2 || w.text || inside.some(skip)) continue;
      let used = 0;
      nodes.forEach((n, k) => {
        const d = n.data;
        const a = Math.max(w.start - at[k], 0);
        const b = Math.min(w.end - at[k], d.length);
        if (a >= b) return;
        const span = d.slice(a, b);
        s.write(n, "", d.slice(0, a) + rewrite(span, w.digits, used) + d.slice(b));
        used += span.replace(/\D/g, "").length;
      });
    }
  };
}
