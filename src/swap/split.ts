// Numbers split across inline elements: `<span>(555)</span> <span>123</span>-<span>1234</span>`.
// Every printing of a target holds its needle (its last digits) in one text node, so
// the walk calls `swapSplit` only for a node that holds a needle in its leading phone
// characters which no match inside the node explains. From there it looks back over the
// text nodes of the same block, joined only by inline elements, that are phone
// characters, reads them as one string, and rewrites a number found across them digit
// by digit in each node: the element structure stays as it was.
import { findSwaps, rewriteDigits, type Table } from "./phone";
import { skipHere } from "./skip";

const INLINE =
  /^(A|ABBR|B|BDI|BDO|BIG|CITE|CODE|DATA|DEL|DFN|EM|FONT|I|INS|KBD|LABEL|MARK|Q|S|SAMP|SMALL|SPAN|STRONG|SUB|SUP|TIME|TT|U|VAR)$/i;
/** Not a digit, space, ( ) + - . or dash U+2010..2015: not part of a printed number. */
const NOT_PHONE = /[^\d\s()+.\-\u2010-\u2015]/;
const TAIL = /[\d\s()+.\-\u2010-\u2015]*$/;
/** How many text nodes back a number may start: one per group and separator, and some. */
const MAX_NODES = 12;

/** The nearest ancestor that is not an inline element: the block a text belongs to. */
export function blockOf(n: Node | null): Node | null {
  while (n && n.nodeType === 1 && INLINE.test(n.nodeName)) n = n.parentNode;
  return n;
}

/** Length of the leading run of phone characters. */
export function phonePrefix(s: string): number {
  const i = s.search(NOT_PHONE);
  return i < 0 ? s.length : i;
}

interface Piece {
  node: Text;
  from: number;
  to: number;
}

/** Swaps a number that ends in `t` (within its first `lead` characters) and starts in earlier nodes. */
export function swapSplit(t: Text, lead: number, table: Table): void {
  const block = blockOf(t.parentNode);
  if (!block) return;
  const walker = (t.ownerDocument as Document).createTreeWalker(block, 4 /* SHOW_TEXT */);
  walker.currentNode = t;
  const pieces: Piece[] = [{ node: t, from: 0, to: lead }];
  let prev: Node | null;
  while (pieces.length < MAX_NODES && (prev = walker.previousNode())) {
    const p = prev as Text;
    if (blockOf(p.parentNode) !== block) break;
    const d = p.data;
    const from = d.length - TAIL.exec(d)![0].length;
    pieces.unshift({ node: p, from, to: d.length });
    if (from > 0) break; // this node holds other text before: the number starts here at the latest
  }
  if (pieces.length < 2) return;
  let text = "";
  const at: number[] = [];
  for (const p of pieces) at.push(text.length), (text += p.node.data.slice(p.from, p.to));
  for (const w of findSwaps(text, table)) {
    let p0 = 0;
    while (p0 + 1 < pieces.length && at[p0 + 1] <= w.start) p0++;
    let p1 = p0;
    while (p1 + 1 < pieces.length && at[p1 + 1] < w.end) p1++;
    // A match inside one node is the walk's business; a changed digit count cannot be
    // spread over several nodes without guessing, so those keep the original.
    if (p0 === p1 || w.text !== undefined) continue;
    if (pieces.slice(p0, p1 + 1).some((p) => skipHere(p.node))) continue;
    let used = 0;
    for (let k = p0; k <= p1; k++) {
      const p = pieces[k];
      const a = Math.max(w.start, at[k]) - at[k] + p.from;
      const b = Math.min(w.end, at[k] + p.to - p.from) - at[k] + p.from;
      const d = p.node.data;
      const span = d.slice(a, b);
      p.node.data = d.slice(0, a) + rewriteDigits(span, w.digits, used) + d.slice(b);
      used += span.replace(/\D/g, "").length;
    }
  }
}

/** True when a text of this content may be a piece of a split number. */
export function isPhonePiece(s: string): boolean {
  return /\d/.test(s) && phonePrefix(s) === s.length;
}
