// The cached session lease (docs/protocol.md#51-session-numbers, docs/swapping.md#session-numbers):
// the pure plan and the answer check.
import { describe, expect, it } from "vitest";
import { fromAnswer, plan, readLease, renewed, RETRY_MS, writeLease, type Lease } from "../src/session/lease";

const S = "6f1c0b9e-1d2a-4c3b-8a7e-0f1e2d3c4b5a";
const NOW = 1_000_000_000;
const lease = (over: Partial<Lease> = {}): Lease => ({
  sessionId: S,
  numbers: { P1: "+14045551101" },
  asked: ["P1"],
  exhausted: [],
  answeredAt: NOW - 1000,
  endsAt: NOW + 1500e3,
  leaseSeconds: 1800,
  ...over,
});

describe("plan", () => {
  const cases: Array<[string, Lease | null, string[], { numbers: Record<string, string>; ask: boolean }]> = [
    ["no lease: nothing shown, ask", null, ["P1"], { numbers: {}, ask: true }],
    ["another session's lease: ask", lease({ sessionId: "other" }), ["P1"], { numbers: {}, ask: true }],
    ["expired: nothing shown, ask", lease({ endsAt: NOW }), ["P1"], { numbers: {}, ask: true }],
    [
      "live: shown at once, no ask (a page view renews)",
      lease(),
      ["P1"],
      { numbers: { P1: "+14045551101" }, ask: false },
    ],
    [
      "near its end (under a third left): shown, ask",
      lease({ endsAt: NOW + 500e3 }),
      ["P1"],
      { numbers: { P1: "+14045551101" }, ask: true },
    ],
    [
      "just over a third left: no ask",
      lease({ endsAt: NOW + 601e3 }),
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
      "an exhausted tracker (left out) asked just now: not again yet",
      lease({ asked: ["P1", "P2"], exhausted: ["P2"] }),
      ["P1", "P2"],
      { numbers: { P1: "+14045551101" }, ask: false },
    ],
    [
      "an exhausted tracker (left out) asked over a minute ago: again",
      lease({ asked: ["P1", "P2"], exhausted: ["P2"], answeredAt: NOW - RETRY_MS - 1 }),
      ["P1", "P2"],
      { numbers: { P1: "+14045551101" }, ask: true },
    ],
    [
      "an exhausted tracker with the fallback number: shown, not asked again within a minute",
      lease({ exhausted: ["P1"], answeredAt: NOW - RETRY_MS + 1 }),
      ["P1"],
      { numbers: { P1: "+14045551101" }, ask: false },
    ],
    [
      "an exhausted tracker with the fallback number, over a minute ago: shown, asked again (not kept for the lease's 30 minutes)",
      lease({ exhausted: ["P1"], answeredAt: NOW - RETRY_MS - 1 }),
      ["P1"],
      { numbers: { P1: "+14045551101" }, ask: true },
    ],
    [
      "numbers of trackers no longer winning are not shown",
      lease({ numbers: { P1: "+14045551101", P9: "+14045551109" }, asked: ["P1", "P9"] }),
      ["P1"],
      { numbers: { P1: "+14045551101" }, ask: false },
    ],
    [
      "a tracker id such as toString reads no inherited function",
      lease({ asked: ["toString"], exhausted: ["toString"] }),
      ["toString"],
      { numbers: {}, ask: false },
    ],
  ];
  it.each(cases)("%s", (_, l, wanted, expected) => expect(plan(l, S, wanted, NOW)).toEqual(expected));
});

describe("fromAnswer", () => {
  it("keeps valid numbers of trackers asked for, as E.164, and the lease length", () => {
    const x = fromAnswer(
      {
        session_id: S,
        numbers: { P1: "+1 404 555 1101", P2: "<b>1</b>", P3: "+14045551103", P4: 5, P5: "0000000000" },
        lease_seconds: 600,
      },
      S,
      ["P1", "P2", "P4", "P5"],
      NOW,
    );
    expect(x).toEqual({
      sessionId: S,
      numbers: { P1: "+14045551101" },
      asked: ["P1", "P2", "P4", "P5"],
      exhausted: ["P2", "P4", "P5"],
      capped: [],
      answeredAt: NOW,
      endsAt: NOW + 600e3,
      leaseSeconds: 600,
    });
  });
  it("capped: the exhausted trackers the server refused for this address's share, no others", () => {
    const x = fromAnswer(
      { numbers: { P1: "+14045550000" }, exhausted: ["P1"], capped: ["P1", "P9", { toString: 1 }] },
      S,
      ["P1", "P2"],
      NOW,
    );
    expect([x!.exhausted, x!.capped]).toEqual([["P1", "P2"], ["P1"]]);
  });
  it.each<[string, unknown, string[]]>([
    ["no exhausted field: none exhausted but those left out", { numbers: { P1: "+14045551101" } }, ["P2"]],
    [
      "listed in exhausted with the fallback number",
      { numbers: { P1: "+14045551101", P2: "+14045550000" }, exhausted: ["P2"] },
      ["P2"],
    ],
    ["listed and left out", { numbers: { P1: "+14045551101" }, exhausted: ["P2"] }, ["P2"]],
    ["an exhausted field of the wrong type is ignored", { numbers: { P1: "+14045551101" }, exhausted: "P1" }, ["P2"]],
    [
      "trackers not asked for are ignored in exhausted",
      { numbers: { P1: "+14045551101" }, exhausted: ["P9", "P1"] },
      ["P1", "P2"],
    ],
  ])("%s", (_, body, exhausted) => expect(fromAnswer(body, S, ["P1", "P2"], NOW)!.exhausted).toEqual(exhausted));
  it("a fallback number is shown, but asked again on a page view a minute later", () => {
    const x = fromAnswer({ numbers: { P1: "+14045550000" }, exhausted: ["P1"] }, S, ["P1"], NOW)!;
    expect(plan(x, S, ["P1"], NOW + 5e3)).toEqual({ numbers: { P1: "+14045550000" }, ask: false });
    expect(plan(x, S, ["P1"], NOW + RETRY_MS + 1)).toEqual({ numbers: { P1: "+14045550000" }, ask: true });
  });
  it("defaults and caps the lease length", () => {
    expect(fromAnswer({ numbers: {} }, S, [], NOW)!.leaseSeconds).toBe(1800);
    expect(fromAnswer({ numbers: {}, lease_seconds: "x" }, S, [], NOW)!.leaseSeconds).toBe(1800);
    expect(fromAnswer({ numbers: {}, lease_seconds: 1e9 }, S, [], NOW)!.leaseSeconds).toBe(86400);
  });
  it("refuses what is not an answer for this session", () => {
    for (const b of [null, "x", 42, {}, { numbers: null }, { numbers: "x" }, { session_id: "other", numbers: {} }])
      expect(fromAnswer(b, S, ["P1"], NOW)).toBe(null);
  });
  it("a renewal moves the end a whole lease on", () => {
    expect(renewed(lease(), NOW + 5).endsAt).toBe(NOW + 5 + 1800e3);
  });
});

describe("storage", () => {
  it("round-trips, refuses garbage and the short field names of older copies, and removes", () => {
    writeLease(lease());
    expect(readLease()).toEqual(lease());
    for (const bad of [
      "{",
      "null",
      '{"sessionId":1}',
      '{"s":"a","n":{},"t":[],"a":1,"e":2,"l":1}',
      JSON.stringify({ ...lease(), endsAt: 0 }),
    ]) {
      localStorage.setItem("calltrk_numbers", bad);
      expect(readLease()).toBe(null);
    }
    writeLease(null);
    expect(localStorage.getItem("calltrk_numbers")).toBe(null);
  });
});
