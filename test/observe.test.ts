import { afterEach, describe, expect, it, vi } from "vitest";
import { createWatcher, dirtyNodes } from "../src/swap/observe";

const tick = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  document.body.innerHTML = "";
});

describe("watcher", () => {
  it("hands over added nodes and edited texts in one batch, never its own writes", async () => {
    document.body.innerHTML = "<p id=a>x</p>";
    const seen: Node[][] = [];
    const w = createWatcher({
      nodes: (nodes) => {
        seen.push(nodes);
        for (const n of nodes) if (n.nodeType === 3) (n as Text).data = "written by us";
      },
      attributes: () => {},
    })!;
    w.add(document);
    const t = document.getElementById("a")!.firstChild as Text;
    t.data = "edited";
    const b = document.createElement("b");
    document.body.appendChild(b);
    await tick();
    expect(seen.length).toBe(1);
    expect(seen[0]).toContain(t);
    expect(seen[0]).toContain(b);
    await tick();
    expect(seen.length).toBe(1); // our write to t produced no second batch
  });

  it("quiet() hands over pending changes outside the scope, and its own writes make no records", async () => {
    document.body.innerHTML = "<div id=a></div><div id=b></div>";
    const nodes = vi.fn();
    const w = createWatcher({ nodes, attributes: () => {} })!;
    w.add(document.body);
    const a = document.getElementById("a")!;
    const inA = a.appendChild(document.createElement("i"));
    const inB = document.getElementById("b")!.appendChild(document.createElement("i"));
    w.quiet(a, () => {
      a.appendChild(document.createElement("u")); // our own write
      a.setAttribute("title", "x");
    });
    const batches = () => nodes.mock.calls.map((c) => c[0]).filter((b) => b.length);
    expect(batches()).toEqual([[inB]]); // inA is the scope's business
    expect(batches()[0]).not.toContain(inA);
    await tick();
    expect(batches()).toHaveLength(1);
    // Still observing after the quiet write.
    const later = document.body.appendChild(document.createElement("s"));
    await tick();
    expect(batches()).toEqual([[inB], [later]]);
  });

  it("lets go of shadow roots whose host left the page", async () => {
    document.body.innerHTML = "<x-a></x-a>";
    const host = document.querySelector("x-a")!;
    const sr = host.attachShadow({ mode: "open" });
    const seen: Node[] = [];
    const w = createWatcher({ nodes: (n) => seen.push(...n), attributes: () => {} })!;
    w.add(sr);
    const first = sr.appendChild(document.createElement("p"));
    await tick();
    expect(seen).toEqual([first]);
    host.remove();
    w.quiet(null, () => {});
    sr.appendChild(document.createElement("p"));
    await tick();
    expect(seen).toEqual([first]);
  });
});

describe("dirtyNodes", () => {
  it("keeps only the outermost connected nodes and the edited split-number block", () => {
    document.body.innerHTML = "<div id=d><p id=p><span id=s>123</span></p></div>";
    const d = document.getElementById("d")!;
    const p = document.getElementById("p")!;
    const s = document.getElementById("s")!;
    const gone = document.createElement("em");
    const records = [
      { type: "childList", addedNodes: [p, d, gone] },
      { type: "characterData", target: s.firstChild },
      { type: "attributes", target: s },
    ] as unknown as MutationRecord[];
    const out = dirtyNodes(records);
    expect(out.nodes).toEqual([d]);
    expect(out.attrs).toEqual([s]);
    const only = dirtyNodes([{ type: "characterData", target: s.firstChild }] as unknown as MutationRecord[]);
    expect(only.nodes).toEqual([p]); // "123" may be a piece: its block is walked
  });

  it("many siblings added at once that are most of their parent's children: the parent is walked", () => {
    document.body.innerHTML = "<ul id=few><li>old</li></ul><ul id=many><li>old</li></ul>";
    const many = document.getElementById("many")!;
    const few = document.getElementById("few")!;
    const manyAdded = Array.from({ length: 9 }, () => many.appendChild(document.createElement("li")));
    const fewAdded = Array.from({ length: 2 }, () => few.appendChild(document.createElement("li")));
    const out = dirtyNodes([
      { type: "childList", addedNodes: manyAdded },
      { type: "childList", addedNodes: fewAdded },
    ] as unknown as MutationRecord[]);
    expect(out.nodes).toEqual([...fewAdded, many]);
  });

  it("an edited text that is not a phone piece is walked alone", () => {
    document.body.innerHTML = "<p><span>Cart: 3 items</span></p>";
    const t = document.querySelector("span")!.firstChild!;
    expect(dirtyNodes([{ type: "characterData", target: t }] as unknown as MutationRecord[]).nodes).toEqual([t]);
  });
});
