// Numbers split across inline elements: `<span>(555)</span> <span>123</span>-<span>1234</span>`.
// The walk hands every text node, in document order, to a chain. Text nodes that are
// neighbours inside the same block (only inline elements between them) and whose
// touching ends are phone characters are read as one string; a number found across
// them is rewritten digit by digit in each node, so the element structure stays as it
// was. Matches inside a single node are not the chain's business (the walk did them).
import { findSwaps, rewriteDigits, type Table } from "./phone";
import { isSkipped } from "./skip";

const INLINE =
  /^(A|ABBR|B|BDI|BDO|BIG|CITE|CODE|DATA|DEL|DFN|EM|FONT|I|INS|KBD|LABEL|MARK|Q|S|SAMP|SMALL|SPAN|STRONG|SUB|SUP|TIME|TT|U|VAR)$/i;
/** Longest chain kept: enough for a number cut into one node per group and separator. */
const MAX_NODES = 12;

function isPhoneChar(c: number): boolean {
  // digits, space, ( ) + - . NBSP, thin/narrow spaces, dashes U+2010..2015
  return (
    (c >= 48 && c <= 57) ||
    c === 32 || c === 9 || c === 10 || c === 13 || c === 40 || c === 41 || c === 43 ||
    c === 45 || c === 46 || c === 0xa0 || c === 0x2009 || c === 0x202f ||
    (c >= 0x2010 && c <= 0x2015)
  );
}

/** Length of the leading run of phone characters. */
function phonePrefix(s: string): number {
  let i = 0;
  while (i < s.length && isPhoneChar(s.charCodeAt(i))) i++;
  return i;
}

/** Start of the trailing run of phone characters when it holds a digit, else -1. */
function phoneTail(s: string): number {
  let i = s.length;
  let digit = false;
  while (i > 0) {
    const c = s.charCodeAt(i - 1);
    if (!isPhoneChar(c)) break;
    if (c >= 48 && c <= 57) digit = true;
    i--;
  }
  return digit ? i : -1;
}

/** The nearest ancestor that is not an inline element: the block a text belongs to. */
export function blockOf(n: Node | null): Node | null {
  while (n && n.nodeType === 1 && INLINE.test(n.nodeName)) n = n.parentNode;
  return n;
}

/** True when a text of this content may be a piece of a split number. */
export function isPhonePiece(s: string): boolean {
  return s.length > 0 && phonePrefix(s) === s.length && phoneTail(s) >= 0;
}

interface Piece {
  node: Text;
  from: number;
  to: number;
}

export interface Chain {
  visit(t: Text): void;
  end(): void;
}

export function createChain(table: Table): Chain {
  let nodes: Text[] = [];
  let from = 0;
  let block: Node | null = null;

  function flush(last?: Text, lead?: number): void {
    const pieces: Piece[] = nodes.map((node, i) => ({ node, from: i ? 0 : from, to: node.data.length }));
    if (last && lead) pieces.push({ node: last, from: 0, to: lead });
    nodes = [];
    if (pieces.length < 2) return;
    let text = "";
    const at: number[] = [];
    for (const p of pieces) at.push(text.length), (text += p.node.data.slice(p.from, p.to));
    for (const w of findSwaps(text, table)) {
      let p0 = 0;
      while (p0 + 1 < pieces.length && at[p0 + 1] <= w.start) p0++;
      let p1 = p0;
      while (p1 + 1 < pieces.length && at[p1 + 1] < w.end) p1++;
      // Single-node matches were done by the walk; a changed digit count cannot be
      // spread over several nodes without guessing, so those keep the original.
      if (p0 === p1 || w.text !== undefined) continue;
      if (pieces.slice(p0, p1 + 1).some((p) => isSkipped(p.node.parentElement))) continue;
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

  return {
    visit(t: Text): void {
      const s = t.data;
      if (nodes.length) {
        const b = blockOf(t.parentNode);
        if (b === block) {
          const lead = phonePrefix(s);
          if (lead === s.length) {
            nodes.push(t);
            if (nodes.length > MAX_NODES) (nodes.shift(), (from = 0));
            return;
          }
          flush(t, lead);
        } else flush();
      }
      const tail = phoneTail(s);
      if (tail >= 0) {
        nodes = [t];
        from = tail;
        block = blockOf(t.parentNode);
      }
    },
    end(): void {
      flush();
    },
  };
}
