import { describe, expect, it } from "vitest";
import { buildTable, findSwaps, nationalFormat, parsePhone, swapText, toE164, type Phone } from "../src/swap/phone";

/** Swap targets are parsed as targets (fictional 555 numbers are text a site may print). */
const p = (s: string) => parsePhone(s, true) as Phone;

describe("toE164: the one phone normaliser (shared with the server)", () => {
  it.each([
    ["+14045551111", "+14045551111"],
    ["4045551111", "+14045551111"],
    ["14045551111", "+14045551111"],
    ["(404) 555-1111", "+14045551111"],
    ["1-404-555-1111", "+14045551111"],
    ["+1 404.555.1111", "+14045551111"],
    ["+442071234567", "+442071234567"],
    ["+44 20 7123 4567", "+442071234567"],
    ["+3531234567", "+3531234567"],
    ["+491234", null],
    ["+4912345", "+4912345"],
    ["+49123456", "+49123456"],
    ["+123456789012345", null],
    ["+353123456789012", "+353123456789012"],
    ["+3531234567890123", null],
    ["0000000000", null],
    ["5551231234", null],
    ["4041231234", null],
    ["4040551111", null],
    ["1045551111", null],
    ["0045551111", null],
    ["+11045551111", null],
    ["+14041231234", null],
    ["24045551111", null],
    ["404555111", null],
    ["+1404555111", null],
    ["+0442071234567", null],
    ["", null],
    ["4045551111x", null],
    ["404-555-1111 ext 2", null],
    ["<b>4045551111</b>", null],
  ])("%s → %s", (raw, out) => expect(toE164(raw)).toBe(out));
  it("never throws on what is not a string", () => {
    for (const x of [null, undefined, {}, [], 4045551111]) expect(() => toE164(x as never)).not.toThrow();
  });
});
const us = buildTable([[p("5551231234"), p("+14045559999")]]);

describe("parsePhone", () => {
  it.each([
    ["5551231234", { cc: "1", nsn: "5551231234" }],
    ["+15551231234", { cc: "1", nsn: "5551231234" }],
    ["15551231234", { cc: "1", nsn: "5551231234" }],
    ["(555) 123-1234", { cc: "1", nsn: "5551231234" }],
    ["+442071234567", { cc: "44", nsn: "2071234567" }],
    ["+44 20 7123 4567", { cc: "44", nsn: "2071234567" }],
    ["+33142685300", { cc: "33", nsn: "142685300" }],
    ["+353 1 234 5678", { cc: "353", nsn: "12345678" }],
    ["+74951234567", { cc: "7", nsn: "4951234567" }],
    [5551231234, { cc: "1", nsn: "5551231234" }],
  ])("%s", (input, out) => expect(parsePhone(input, true)).toEqual(out));

  it("a tracking number must be able to ring; a swap target only needs the shape of a number", () => {
    expect(parsePhone("5551231234")).toBeNull();
    expect(parsePhone("5551231234", true)).toEqual({ cc: "1", nsn: "5551231234" });
    expect(parsePhone("4045551111")).toEqual({ cc: "1", nsn: "4045551111" });
  });

  it.each([
    [""],
    ["555123"],
    ["55512312345"],
    ["+1555123"],
    ["<b>5551231234</b>"],
    [null],
    [{}],
    ["+0123456789"],
    ["+1555123123456"],
    ["555-1234"],
    [".*"],
    ["$&"],
    ["<b>1-800-FLOWERS</b>"],
  ])("rejects %s", (input) => expect(parsePhone(input, true)).toBeNull());
});

/** North American printings sites use (docs/swapping.md#how-numbers-are-found), each with its swapped form. */
const PRINTINGS: Array<[string, string]> = [
  ["555-123-1234", "404-555-9999"],
  ["(555) 123-1234", "(404) 555-9999"],
  ["(555)123-1234", "(404)555-9999"],
  ["555.123.1234", "404.555.9999"],
  ["555 123 1234", "404 555 9999"],
  ["5551231234", "4045559999"],
  ["+1 555 123 1234", "+1 404 555 9999"],
  ["1-555-123-1234", "1-404-555-9999"],
  ["+1 (555) 123-1234", "+1 (404) 555-9999"],
  ["+15551231234", "+14045559999"],
  ["+1.555.123.1234", "+1.404.555.9999"],
  ["555\u00a0123\u00a01234", "404\u00a0555\u00a09999"],
];

describe("North American formats keep their shape", () => {
  it.each([
    ...PRINTINGS,
    ["1 (555) 123-1234", "1 (404) 555-9999"],
    ["+1-555-123-1234", "+1-404-555-9999"],
    ["(555)\u00a0123\u20111234", "(404)\u00a0555\u20119999"],
    ["555\u2013123\u20131234", "404\u2013555\u20139999"],
    ["555 - 123 - 1234", "404 - 555 - 9999"],
    ["555\u202f123\u202f1234", "404\u202f555\u202f9999"],
    ["Call 555-123-1234 today", "Call 404-555-9999 today"],
    ["Call us: (555) 123-1234.", "Call us: (404) 555-9999."],
    ["(call 555-123-1234)", "(call 404-555-9999)"],
    ["555-123-1234 or 555.123.1234", "404-555-9999 or 404.555.9999"],
    ["555-123-1234, 555-123-1234", "404-555-9999, 404-555-9999"],
    ["Tel:5551231234", "Tel:4045559999"],
    ["555-123-1234 ext. 12", "404-555-9999 ext. 12"],
    ["1234567 555-123-1234", "1234567 404-555-9999"],
    ["tel:+1-555-123-1234", "tel:+1-404-555-9999"],
  ])("%s", (input, out) => expect(swapText(input, us)).toBe(out));
});

describe("not a match", () => {
  it.each([
    ["15551231234999"],
    ["ID 905551231234"],
    ["55512312345"],
    ["5551231234567"],
    ["555-123-12345"],
    ["555-123-1234-99"],
    ["12-555-123-1234"],
    ["555-123-1235"],
    ["555 123 123 4"],
    ["5551 231 234"],
    ["55 51 23 12 34"],
    ["+1 55 5123 1234"],
    ["555-1234"],
    ["+44 555 123 1234"],
    ["2555-123-1234"],
    ["555123    1234"],
    ["no digits at all"],
    [""],
  ])("%s", (input) => expect(swapText(input, us)).toBe(input));
});

describe("international targets", () => {
  const uk = buildTable([[p("+442071234567"), p("+442079876543")]]);
  it.each([
    ["+44 20 7123 4567", "+44 20 7987 6543"],
    ["+442071234567", "+442079876543"],
    ["+44 (0)20 7123 4567", "+44 (0)20 7987 6543"],
    ["0044 20 7123 4567", "0044 20 7987 6543"],
    ["020 7123 4567", "020 7987 6543"],
    ["(020) 7123 4567", "(020) 7987 6543"],
    ["020-7123-4567", "020-7987-6543"],
  ])("%s", (input, out) => expect(swapText(input, uk)).toBe(out));

  it("does not match inside longer digit runs", () => {
    expect(swapText("99020 7123 4567", uk)).toBe("99020 7123 4567");
    expect(swapText("+44 20 7123 45678", uk)).toBe("+44 20 7123 45678");
  });

  it("prints the tracking number in E.164 when the digit count differs", () => {
    const t = buildTable([[p("+442071234567"), p("+4420712345")]]);
    expect(swapText("call 020 7123 4567 now", t)).toBe("call +4420712345 now");
    expect(swapText("call +44 20 7123 4567 now", t)).toBe("call +4420712345 now");
  });

  it("prints a tracking number of another country in E.164 where a national form was printed", () => {
    const t = buildTable([[p("+442071234567"), p("+14045559999")]]);
    expect(swapText("020 7123 4567", t)).toBe("+14045559999");
    expect(swapText("+44 20 7123 4567", t)).toBe("+14045559999");
  });

  it("keeps French and German groupings", () => {
    const fr = buildTable([[p("+33142685300"), p("+33198765432")]]);
    expect(swapText("01 42 68 53 00", fr)).toBe("01 98 76 54 32");
    expect(swapText("+33 1 42 68 53 00", fr)).toBe("+33 1 98 76 54 32");
    const de = buildTable([[p("+4930123456"), p("+4930654321")]]);
    expect(swapText("030 123456", de)).toBe("030 654321");
    expect(swapText("+49 30 123456", de)).toBe("+49 30 654321");
  });
});

describe("several targets", () => {
  const t = buildTable([
    [p("5551231234"), p("4045559999")],
    [p("+15559876543"), p("4045551111")],
  ]);
  it("swaps each to its own tracking number", () => {
    expect(swapText("555-123-1234 / (555) 987-6543", t)).toBe("404-555-9999 / (404) 555-1111");
  });
  it("reports spans", () => {
    expect(findSwaps("x 555-123-1234", t)).toEqual([{ start: 2, end: 14, digits: "4045559999" }]);
  });
  it("an empty table finds nothing", () => {
    expect(findSwaps("555-123-1234", buildTable([]))).toEqual([]);
  });
  it("treats markup and regex syntax in text as plain characters", () => {
    expect(swapText("<b>555-123-1234</b> .*+?", t)).toBe("<b>404-555-9999</b> .*+?");
  });
});

// Every one of those printings, both ways: it matches whichever way the target is
// configured, and the same shape around other digits, or glued into a longer digit
// run, does not.
describe.each(PRINTINGS)("format %s", (printed, swapped) => {
  it.each([["5551231234"], ["+15551231234"], ["15551231234"], ["(555) 123-1234"]])(
    "matches a target configured as %s",
    (target) => {
      const t = buildTable([[p(target), p("4045559999")]]);
      expect(swapText(`Call ${printed} now`, t)).toBe(`Call ${swapped} now`);
    },
  );
  it("does not match another number printed the same way", () => {
    const other = printed.replace(/4$/, "5");
    expect(swapText(other, us)).toBe(other);
  });
  it("does not match inside a longer digit run", () => {
    expect(swapText(printed + "9", us)).toBe(printed + "9");
    if (/^\d/.test(printed)) expect(swapText("9" + printed, us)).toBe("9" + printed);
  });
});

describe("vanity and exact-text targets", () => {
  it.each([
    ["1-844-JH-FETAL", "1-844-JH-FETAL"],
    ["443-997-KIDS", "443-997-KIDS"],
    [" 1-800-FLOWERS ", "1-800-FLOWERS"],
    ["(888) GO-PLUMB", "(888) GO-PLUMB"],
  ])("%s is a vanity target", (input, text) => expect(parsePhone(input, true)).toEqual({ cc: "", nsn: "", text }));
  it.each([["KIDS"], ["1-800-<b>"], ["a".repeat(31)], ["443-997-KIDS;"], ["call\n443-997-KIDS"]])(
    "%s is not a target",
    (input) => expect(parsePhone(input, true)).toBeNull(),
  );
  it("is never a tracking number", () => expect(parsePhone("1-844-JH-FETAL")).toBeNull());

  const t = buildTable([
    [p("1-844-JH-FETAL"), p("+14045551111")],
    [p("443-997-KIDS"), p("+442079876543")],
    [p("5551231234"), p("+14045559999")],
  ]);
  it.each([
    ["Call 1-844-JH-FETAL today", "Call (404) 555-1111 today"],
    ["1-844-JH-FETAL or 555-123-1234", "(404) 555-1111 or 404-555-9999"],
    ["Kids line: 443-997-KIDS.", "Kids line: +44 2079876543."],
    ["1-844-jh-fetal", "1-844-jh-fetal"],
    ["443-997-KIDSCLUB", "443-997-KIDSCLUB"],
    ["X443-997-KIDS", "X443-997-KIDS"],
    ["1-844-JH-FETAL 1-844-JH-FETAL", "(404) 555-1111 (404) 555-1111"],
  ])("%s → %s", (input, out) => expect(swapText(input, t)).toBe(out));
  it("in a phone link the number is written in E.164", () => {
    expect(swapText("tel:1-844-JH-FETAL", t, true)).toBe("tel:+14045551111");
  });
  it("regex syntax of a vanity target is plain text", () => {
    const dots = buildTable([[p("1.800.FLOWERS"), p("+14045551111")]]);
    expect(swapText("1x800xFLOWERS", dots)).toBe("1x800xFLOWERS");
    expect(swapText("1.800.FLOWERS", dots)).toBe("(404) 555-1111");
  });
  it("national format", () => {
    expect(nationalFormat(p("+14045551111"))).toBe("(404) 555-1111");
    expect(nationalFormat(p("+442079876543"))).toBe("+44 2079876543");
  });
});
