// The form outbox: the state machine (ack, retry with
// backoff, drop, caps, same id) and its storage, one key per entry.
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  add,
  commit,
  IN_FLIGHT_MS,
  load,
  MAX_AGE_MS,
  MAX_ENTRIES,
  nextDue,
  outcome,
  put,
  remove,
  settle,
  take,
  type Entry,
} from "../src/forms/outbox";

const T = 1_700_000_000_000;
const entry = (id: string, over: Partial<Entry> = {}): Entry => ({
  id,
  body: { id },
  url: "https://n.example/v1/companies/C/form_submissions",
  attempts: 0,
  createdAt: T,
  due: 0,
  ...over,
});

describe("outcome of an answer", () => {
  const cases: Array<[number, string]> = [
    [200, "ack"],
    [201, "ack"],
    [204, "ack"],
    [400, "drop"],
    [403, "drop"],
    [404, "drop"],
    [413, "drop"],
    [408, "retry"],
    [429, "retry"],
    [500, "retry"],
    [502, "retry"],
    [503, "retry"],
    [0, "retry"],
    [301, "retry"],
  ];
  it.each(cases)("%i → %s", (status, o) => expect(outcome(status)).toBe(o));
});

describe("state machine", () => {
  it("a submission is sent, marked in flight, and removed on ack", () => {
    let list = add([], entry("a"), T).list;
    const t = take(list, T);
    expect(t.send.map((e) => [e.id, e.attempts])).toEqual([["a", 1]]);
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
    for (let i = 0; i < MAX_ENTRIES + 3; i++)
      ({ list, dropped } = add(list, entry("e" + i, { createdAt: T + i }), T + i));
    expect(list).toHaveLength(MAX_ENTRIES);
    expect(list[0].id).toBe("e3");
    expect(dropped.map((e) => e.id)).toEqual(["e2"]); // this add's victim
    const old = add([entry("old", { createdAt: T - MAX_AGE_MS })], entry("new"), T);
    expect(old.list.map((e) => e.id)).toEqual(["new"]);
    expect(old.dropped.map((e) => e.id)).toEqual(["old"]);
    expect(take([entry("old", { createdAt: T - MAX_AGE_MS })], T)).toEqual({ list: [], send: [] });
  });

  it("adding the same id again replaces it (one record per submission)", () => {
    expect(add([entry("a", { attempts: 3 })], entry("a"), T).list).toEqual([entry("a")]);
  });

  it("nextDue is the earliest due time", () => {
    expect(nextDue([])).toBe(null);
    expect(nextDue([entry("a", { due: T + 5 }), entry("b", { due: T + 2 })])).toBe(T + 2);
  });
});

describe("a submission an earlier page view stored and never sent", () => {
  const inFlight = { attempts: 0, due: T + IN_FLIGHT_MS };
  it.each<[string, Partial<Entry>, number, boolean]>([
    ["stored by an earlier page view, never sent: sent at once", { ...inFlight, createdAt: T - 1 }, T, true],
    ["stored by this page view, its own send in flight: not twice", { ...inFlight, createdAt: T + 1 }, T, false],
    ["sent once already, in flight: waits", { ...inFlight, attempts: 1, createdAt: T - 1 }, T, false],
    ["backed off after a failure: waits", { attempts: 2, due: T + 60e3, createdAt: T - 1 }, T, false],
  ])("%s", (_, over, pageStart, sent) =>
    expect(take([entry("a", over)], T + 10, pageStart).send.length).toBe(sent ? 1 : 0),
  );
});

describe("storage", () => {
  const keys = () =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("calltrk_outbox"))
      .sort();
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it("round-trips one key per entry and ignores garbage", () => {
    expect(put(entry("a"))).toBe(true);
    expect(put(entry("b", { attempts: 2 }))).toBe(true);
    expect(keys()).toEqual(["calltrk_outbox:a", "calltrk_outbox:b"]);
    expect(load()).toEqual([entry("a"), entry("b", { attempts: 2 })]);
    const junk: Array<[string, string]> = [
      ["calltrk_outbox:c", "{not json"],
      ["calltrk_outbox:d", "null"],
      ["calltrk_outbox:e", '{"id":5}'],
      ["calltrk_outbox:f", '{"id":"f","body":"s","url":"","createdAt":1}'],
      ["calltrk_outbox:g", '{"id":"g","body":{},"createdAt":1}'],
      ["other", JSON.stringify(entry("h"))],
      ["calltrk_outbox", "[]"],
    ];
    junk.forEach(([k, v]) => localStorage.setItem(k, v));
    localStorage.setItem(
      "calltrk_outbox:y",
      '{"id":"y","body":{},"url":"https://x.example/","createdAt":1,"attempts":"x"}',
    );
    localStorage.setItem("calltrk_outbox:j", '{"id":"j","body":{},"url":"javascript:alert(1)","createdAt":1}');
    expect(load().map((e) => [e.id, e.attempts, e.due])).toEqual([
      ["a", 0, 0],
      ["b", 2, 0],
      ["y", 0, 0],
    ]);
    remove("a");
    expect(load().map((e) => e.id)).toEqual(["b", "y"]);
  });

  it("a full localStorage falls back to sessionStorage; both refused: reported", () => {
    // happy-dom's localStorage is a proxy with its own bound methods: replace the whole object.
    const full = {
      length: 0,
      key: () => null,
      getItem: () => null,
      removeItem() {},
      setItem() {
        throw new DOMException("full", "QuotaExceededError");
      },
    };
    vi.stubGlobal("localStorage", full);
    expect(put(entry("a"))).toBe(true);
    expect(sessionStorage.getItem("calltrk_outbox:a")).not.toBe(null);
    expect(load().map((e) => e.id)).toEqual(["a"]);
    remove("a");
    expect(load()).toEqual([]);
    vi.stubGlobal("sessionStorage", full);
    expect(put(entry("a"))).toBe(false);
    vi.stubGlobal("localStorage", undefined);
    vi.stubGlobal("sessionStorage", undefined);
    expect(put(entry("a"))).toBe(false);
    expect(load()).toEqual([]);
    vi.unstubAllGlobals();
  });

  it("commit writes only what changed: a stale list from one tab never removes another tab's new entry", () => {
    put(entry("a"));
    const tabA = load(); // tab A reads [a]
    put(entry("b")); // meanwhile tab B stores a new lead
    const t = take(tabA, T); // tab A marks a in flight from its stale read
    expect(commit(tabA, t.list)).toEqual([]);
    expect(load().map((e) => [e.id, e.due])).toEqual([
      ["a", T + IN_FLIGHT_MS],
      ["b", 0],
    ]);
    const acked = settle(t.list, "a", "ack", T); // and acknowledges it
    commit(t.list, acked);
    expect(load().map((e) => e.id)).toEqual(["b"]);
  });

  it("commit leaves unchanged entries alone and returns the ones no storage took", () => {
    const list = [entry("a"), entry("b")];
    const next = settle(list, "b", "retry", T);
    vi.stubGlobal("localStorage", undefined);
    vi.stubGlobal("sessionStorage", undefined);
    expect(commit(list, next)).toEqual([next[1]]); // a is unchanged: not written, not reported
    vi.unstubAllGlobals();
  });
});
