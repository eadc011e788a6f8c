// What the swap engine changed (issue 4): the page's own value of every text node and
// attribute it rewrote. When a number already shown must change (a session number
// arrives over the `all` number, a lease moved, consent was withdrawn), the page's own
// values are put back and swapped again with the new numbers: a tracking number shown for
// two targets could not be told apart otherwise. A value the page changed since our write
// is the page's, and is left alone.

/** [node, attribute name or "" for text, the page's value, what we wrote]. */
type Change = [Node, string, string, string];
let changes: Change[] = [];
const index = new WeakMap<Node, Record<string, Change>>();
let limit = 2000;

const read = (n: Node, a: string) => (a ? (n as Element).getAttribute(a) : (n as Text).data);

/** Records a write of `value` over `n`'s text (or attribute `a`) and makes it. */
export function write(n: Node, a: string, value: string): void {
  const old = read(n, a) || "";
  const mine = index.get(n) || {};
  let c = mine[a];
  if (!c) {
    changes.push((mine[a] = c = [n, a, old, value]));
    index.set(n, mine);
    // Nodes the page removed are forgotten now and then, so the record cannot grow without end.
    if (changes.length > limit) {
      changes = changes.filter((x) => x[0].isConnected);
      limit = Math.max(2000, 2 * changes.length);
    }
  }
  c[3] = value;
  if (a) (n as Element).setAttribute(a, value);
  else (n as Text).data = value;
}

/** Puts the page's own values back where ours still stand on the page; forgets the rest. */
export function restore(): void {
  changes.forEach(([n, a, old, ours]) => {
    if (n.isConnected && read(n, a) == ours) {
      if (a) (n as Element).setAttribute(a, old);
      else (n as Text).data = old;
    }
  });
  changes.forEach((c) => index.delete(c[0]));
  changes = [];
}
