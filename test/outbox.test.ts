// The form outbox state machine (issue 5 item 4): ack, retry with backoff, drop, caps, same id.
import { describe, expect, it, vi } from "vitest";
import { add, IN_FLIGHT_MS, load, MAX_AGE_MS, MAX_ENTRIES, nextDue, outcome, save, settle, take, type Entry } from "../src/forms/outbox";

const T = 1_700_000_000_000;
const entry = (id: string, over: Partial<Entry> = {}): Entry => ({ id, body: { id }, u: "https://n.example/v1/companies/C/form_submissions", n: 0, at: T, due: 0, ...over });

describe("outcome of an answer", () => {
  const cases: Array<[number, string]> = [
    [200, "ack"], [201, "ack"], [204, "ack"],
    [400, "drop"], [403, "drop"], [404, "drop"], [413, "drop"],
    [408, "retry"], [429, "retry"], [500, "retry"], [502, "retry"], [503, "retry"], [0, "retry"], [301, "retry"],
  ];
  it.each(cases)("%i → %s", (status, o) => expect(outcome(status)).toBe(o));
});

describe("state machine", () => {
  it("a submission is sent, marked in flight, and removed on ack", () => {
    let list = add([], entry("a"), T).list;
    const t = take(list, T);
    expect(t.send.map((e) => [e.id, e.n])).toEqual([["a", 1]]);
    expect(t.list[0].due).toBe(T + IN_FLIGHT_MS); // another tab (or this one) waits
    expect(take(t.list, T + 1).send).toEqual([]);
    list = settle(t.list, "a", "ack", T + 100);
    expect(list).toEqual([]);
  });

  it("a failure backs off 1 s, 4 s, 16 s… up to 10 min, and the retry keeps the same id and body", () => {
    let list = [entry("a")];
    const waits: number[] = [];
    let now = T;
    for (let i = 0; i < 8; i++) {
      const t = take(list, now);
      expect(t.send.map((e) => e.id)).toEqual(["a"]);
      expect(t.send[0].body).toEqual({ id: "a" });
      list = settle(t.list, "a", "retry", now);
      waits.push(list[0].due - now);
      expect(take(list, list[0].due - 1).send).toEqual([]);
      now = list[0].due;
    }
    expect(waits).toEqual([1000, 4000, 16000, 64000, 256000, 600000, 600000, 600000]);
  });

  it("a permanent refusal drops only that submission", () => {
    const list = settle([entry("a"), entry("b")], "a", "drop", T);
    expect(list.map((e) => e.id)).toEqual(["b"]);
  });

  it("caps the count (oldest dropped) and the age", () => {
    let list: Entry[] = [];
    let dropped: Entry[] = [];
    for (let i = 0; i < MAX_ENTRIES + 3; i++) ({ list, dropped } = add(list, entry("e" + i, { at: T + i }), T + i));
    expect(list).toHaveLength(MAX_ENTRIES);
    expect(list[0].id).toBe("e3");
    expect(dropped.map((e) => e.id)).toEqual(["e2"]); // this add's victim
    const old = add([entry("old", { at: T - MAX_AGE_MS })], entry("new"), T);
    expect(old.list.map((e) => e.id)).toEqual(["new"]);
    expect(old.dropped.map((e) => e.id)).toEqual(["old"]);
    expect(take([entry("old", { at: T - MAX_AGE_MS })], T)).toEqual({ list: [], send: [] });
  });

  it("adding the same id again replaces it (one record per submission)", () => {
    expect(add([entry("a", { n: 3 })], entry("a"), T).list).toEqual([entry("a")]);
  });

  it("nextDue is the earliest due time", () => {
    expect(nextDue([])).toBe(null);
    expect(nextDue([entry("a", { due: T + 5 }), entry("b", { due: T + 2 })])).toBe(T + 2);
  });
});

describe("storage", () => {
  it("round-trips, ignores garbage entries, and clears when empty", () => {
    expect(save([entry("a")])).toBe(true);
    expect(load()).toEqual([entry("a")]);
    localStorage.setItem("calltrk_outbox", JSON.stringify([entry("a"), null, { id: 5 }, { id: "x", body: "s", u: "", at: 1 }, { id: "z", body: {}, at: T }, { id: "y", body: {}, u: "", at: T }]));
    expect(load().map((e) => [e.id, e.n, e.due])).toEqual([["a", 0, 0], ["y", 0, 0]]);
    localStorage.setItem("calltrk_outbox", "{not json");
    expect(load()).toEqual([]);
    save([]);
    expect(localStorage.getItem("calltrk_outbox")).toBe(null);
  });
  it("reports a full or blocked storage", () => {
    // happy-dom's localStorage is a proxy with its own bound methods: replace the whole object.
    vi.stubGlobal("localStorage", { getItem: () => null, removeItem() {}, setItem() { throw new DOMException("full", "QuotaExceededError"); } });
    expect(save([entry("a")])).toBe(false);
    vi.stubGlobal("localStorage", undefined);
    expect(save([entry("a")])).toBe(false);
    expect(load()).toEqual([]);
    vi.unstubAllGlobals();
  });
});
