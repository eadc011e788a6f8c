// What one instance's swap engine changed (docs/swapping.md#a-number-that-changes): the
// page's own value of every text node and attribute it rewrote. When a number already
// shown must change (a session number arrives over the `all` number, a lease moved,
// consent was withdrawn, the instance is destroyed), the page's own values are put back
// and swapped again with the new numbers: a tracking number shown for two targets could
// not be told apart otherwise. A value the page changed since our write is the page's,
// and is left alone.

/** [node, attribute name or "" for text, the page's value, what we wrote]. */
type Change = [Node, string, string, string];

/** Writes `value` over `n`'s text (`a` = "") or attribute `a`, remembering the page's own value. */
export type Write = (n: Node, a: string, value: string) => void;

export interface Journal {
  write: Write;
  /** Puts the page's own values back where ours still stand on the page; forgets the rest. */
  restore(): void;
}

const read = (n: Node, a: string) => (a ? (n as Element).getAttribute(a) : (n as Text).data);
const set = (n: Node, a: string, value: string) => {
  if (a) (n as Element).setAttribute(a, value);
  else (n as Text).data = value;
};

export function createJournal(): Journal {
  let changes: Change[] = [];
  let limit = 2000;
  return {
    write(n, a, value) {
      // One entry per write, no lookup: restored newest first, a node written twice goes back
      // to our first value and then to the page's own.
      changes.push([n, a, read(n, a) || "", value]);
      set(n, a, value);
      // Nodes the page removed are forgotten now and then, so the record cannot grow without end.
      if (changes.length > limit) {
        changes = changes.filter((x) => x[0].isConnected);
        limit = Math.max(2000, 2 * changes.length);
      }
    },
    restore() {
      for (let i = changes.length; i--;) {
        const [n, a, old, ours] = changes[i];
        if (n.isConnected && read(n, a) == ours) set(n, a, old);
      }
      changes = [];
    },
  };
}
