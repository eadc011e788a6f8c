// Times and numbers of call intake (docs/security.md#times-and-numbers): RFC 3339 times only,
// North American numbers by the NANP plan and E.164 ones by ITU-T E.164.
import { describe, expect, it } from "vitest";
import { isoTime } from "../../../server/intake/time";
import { e164 } from "../../../server/calls";

describe("isoTime", () => {
  it.each([
    ["2026-11-22T10:00:00Z", Date.UTC(2026, 10, 22, 10)],
    ["2026-11-22T10:00:00.5Z", Date.UTC(2026, 10, 22, 10, 0, 0, 500)],
    ["2026-11-22T10:00:00.123456789Z", Date.UTC(2026, 10, 22, 10, 0, 0, 123)],
    ["2026-11-22T12:30:00+02:30", Date.UTC(2026, 10, 22, 10)],
    ["2026-11-22T05:00:00-05:00", Date.UTC(2026, 10, 22, 10)],
    ["2028-02-29T00:00:00Z", Date.UTC(2028, 1, 29)],
  ])("%s is read", (raw, ms) => {
    expect(isoTime(raw)).toBe(ms);
  });

  it.each([
    "1",
    "March 7",
    "2026",
    "2026-11-22",
    "2026-11-22 10:00:00Z",
    "2026-11-22T10:00Z",
    "2026-11-22T10:00:00",
    "2026-11-22T10:00:00+0200",
    "2026-02-30T10:00:00Z",
    "2027-02-29T10:00:00Z",
    "2026-13-01T10:00:00Z",
    "2026-11-22T24:00:00Z",
    "2026-11-22T10:60:00Z",
    "2026-11-22T10:00:60Z",
    "2026-11-22T10:00:00+24:00",
    "0001-01-01T00:00:00Z",
    "1969-12-31T23:59:59Z",
    " 2026-11-22T10:00:00Z",
    "2026-11-22T10:00:00.Z",
  ])("%j is not", (raw) => {
    expect(isoTime(raw)).toBeNull();
  });
});

describe("e164", () => {
  it.each([
    ["+1 (404) 555-1111", "+14045551111"],
    ["404.555.1111", "+14045551111"],
    ["14045551111", "+14045551111"],
    ["1-800-555-2000", "+18005552000"],
    ["+44 20 7123 4567", "+442071234567"],
    ["+4045551111", "+4045551111"], // +40: Romania
    ["+2562533", "+2562533"],
  ])("%s → %s", (raw, n) => {
    expect(e164(raw)).toBe(n);
  });

  it.each([
    "0000000000",
    "+10000000000",
    "1234567890", // area code 123
    "4041234567", // exchange 123
    "+14040551111", // exchange 055
    "555-1111",
    "+1404555111",
    "+140455511112",
    "+0441234567",
    "+1234567890123456",
    "call me",
    "",
    "+44 20 7123 4567 ext 5",
  ])("%j is not a number", (raw) => {
    expect(e164(raw)).toBeNull();
  });

  it("takes only strings", () => {
    expect([4045551111, null, undefined, {}].map(e164)).toEqual([null, null, null, null]);
  });
});
