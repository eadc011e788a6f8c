// The cached session lease (PROTOCOL §5.1, issue 4 item 3): the pure plan and the answer check.
import { describe, expect, it } from "vitest";
import { fromAnswer, plan, readLease, renewed, RETRY_MS, writeLease, type Lease } from "../src/session/lease";

const S = "6f1c0b9e-1d2a-4c3b-8a7e-0f1e2d3c4b5a";
const NOW = 1_000_000_000;
const lease = (over: Partial<Lease> = {}): Lease => ({
  s: S,
  n: { P1: "+14045551101" },
  t: ["P1"],
  a: NOW - 1000,
  e: NOW + 1500e3,
  l: 1800,
  ...over,
});

describe("plan", () => {
  const cases: Array<[string, Lease | null, string[], { numbers: Record<string, string>; ask: boolean }]> = [
    ["no lease: nothing shown, ask", null, ["P1"], { numbers: {}, ask: true }],
    ["another session's lease: ask", lease({ s: "other" }), ["P1"], { numbers: {}, ask: true }],
    ["expired: nothing shown, ask", lease({ e: NOW }), ["P1"], { numbers: {}, ask: true }],
    [
      "live: shown at once, no ask (a page view renews)",
      lease(),
      ["P1"],
      { numbers: { P1: "+14045551101" }, ask: false },
    ],
    [
      "near its end (under a third left): shown, ask",
      lease({ e: NOW + 500e3 }),
      ["P1"],
      { numbers: { P1: "+14045551101" }, ask: true },
    ],
    [
      "just over a third left: no ask",
      lease({ e: NOW + 601e3 }),
      ["P1"],
      { numbers: { P1: "+14045551101" }, ask: false },
    ],
    [
      "a wanted tracker never asked: shown what is known, ask",
      lease(),
      ["P1", "P2"],
      { numbers: { P1: "+14045551101" }, ask: true },
    ],
    [
      "an exhausted tracker asked just now: not again yet",
      lease({ t: ["P1", "P2"] }),
      ["P1", "P2"],
      { numbers: { P1: "+14045551101" }, ask: false },
    ],
    [
      "an exhausted tracker asked over a minute ago: again",
      lease({ t: ["P1", "P2"], a: NOW - RETRY_MS - 1 }),
      ["P1", "P2"],
      { numbers: { P1: "+14045551101" }, ask: true },
    ],
    [
      "numbers of trackers no longer winning are not shown",
      lease({ n: { P1: "+14045551101", P9: "+14045551109" }, t: ["P1", "P9"] }),
      ["P1"],
      { numbers: { P1: "+14045551101" }, ask: false },
    ],
  ];
  it.each(cases)("%s", (_, l, wanted, expected) => expect(plan(l, S, wanted, NOW)).toEqual(expected));
});

describe("fromAnswer", () => {
  it("keeps valid numbers of trackers asked for, and the lease length", () => {
    const x = fromAnswer(
      { session_id: S, numbers: { P1: "+14045551101", P2: "<b>1</b>", P3: "+14045551103", P4: 5 }, lease_seconds: 600 },
      S,
      ["P1", "P2", "P4"],
      NOW,
    );
    expect(x).toEqual({ s: S, n: { P1: "+14045551101" }, t: ["P1", "P2", "P4"], a: NOW, e: NOW + 600e3, l: 600 });
  });
  it("defaults and caps the lease length", () => {
    expect(fromAnswer({ numbers: {} }, S, [], NOW)!.l).toBe(1800);
    expect(fromAnswer({ numbers: {}, lease_seconds: "x" }, S, [], NOW)!.l).toBe(1800);
    expect(fromAnswer({ numbers: {}, lease_seconds: 1e9 }, S, [], NOW)!.l).toBe(86400);
  });
  it("refuses what is not an answer for this session", () => {
    for (const b of [null, "x", 42, {}, { numbers: null }, { numbers: "x" }, { session_id: "other", numbers: {} }])
      expect(fromAnswer(b, S, ["P1"], NOW)).toBe(null);
  });
  it("a renewal moves the end a whole lease on", () => {
    expect(renewed(lease(), NOW + 5).e).toBe(NOW + 5 + 1800e3);
  });
});

describe("storage", () => {
  it("round-trips, refuses garbage, and removes", () => {
    writeLease(lease());
    expect(readLease()).toEqual(lease());
    for (const bad of ["{", "null", '{"s":1}', '{"s":"a","n":{},"t":[],"e":0,"l":1}']) {
      localStorage.setItem("calltrk_numbers", bad);
      expect(readLease()).toBe(null);
    }
    writeLease(null);
    expect(localStorage.getItem("calltrk_numbers")).toBe(null);
  });
});
