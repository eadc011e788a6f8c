// @vitest-environment node
// Times and days in a company's zone (docs/dashboard.md#time-zones): one format, calendar days
// that start at local midnight (or the first minute after a clock change skips it).
import { describe, expect, it } from "vitest";
import { addDays, dayIndex, dayStart, daysOf, formatTime, parseDay, zoneOf } from "../../../server/dashboard/time";

const iso = (t: number) => new Date(t).toISOString();

describe("zones", () => {
  it.each([
    ["America/New_York", "America/New_York", null],
    ["Asia/Kolkata", "Asia/Kolkata", null],
    [undefined, "UTC", null],
    ["", "UTC", null],
    ["Mars/Olympus_Mons", "UTC", "Mars/Olympus_Mons"],
    ["<script>", "UTC", "<script>"],
    [5, "UTC", "(not a name)"],
    [{ toString: 1 }, "UTC", "(not a name)"],
  ])("%j → %s", (name, used, refused) => {
    const z = zoneOf(name);
    expect([z.name, z.refused]).toEqual([used, refused]);
  });
});

describe("one format", () => {
  it.each([
    ["UTC", "2026-11-22T03:30:00Z", "2026-11-22 03:30"],
    ["America/New_York", "2026-11-22T03:30:00Z", "2026-11-21 22:30"],
    ["America/New_York", "2026-07-01T03:30:00Z", "2026-06-30 23:30"], // summer time
    ["Asia/Kathmandu", "2026-11-22T00:00:00Z", "2026-11-22 05:45"],
    ["Australia/Lord_Howe", "2026-01-01T00:00:00Z", "2026-01-01 11:00"], // a half-hour summer shift
  ])("%s %s → %s", (zone, t, want) => {
    expect(formatTime(zoneOf(zone), Date.parse(t))).toBe(want);
    expect(formatTime(zoneOf(zone), t)).toBe(want); // an ISO string reads the same
  });

  it.each([[null], [undefined], ["not a time"], [NaN], [Infinity], [1e20], [{}], [["2026-11-22"]]])(
    "%j is no time: empty",
    (v) => expect(formatTime(zoneOf("UTC"), v)).toBe(""),
  );
});

describe("days", () => {
  it.each([
    ["UTC", "2026-11-22", "2026-11-22T00:00:00.000Z"],
    ["America/New_York", "2026-11-22", "2026-11-22T05:00:00.000Z"],
    ["America/New_York", "2026-03-08", "2026-03-08T05:00:00.000Z"], // the day clocks go forward at 02:00
    ["America/New_York", "2026-03-09", "2026-03-09T04:00:00.000Z"],
    ["Asia/Kolkata", "2026-11-22", "2026-11-21T18:30:00.000Z"],
    ["Pacific/Kiritimati", "2026-11-22", "2026-11-21T10:00:00.000Z"], // +14
    ["Pacific/Pago_Pago", "2026-11-22", "2026-11-22T11:00:00.000Z"], // -11
    // Midnight does not exist when Santiago goes forward (00:00 → 01:00): the day starts at 01:00 local.
    ["America/Santiago", "2026-09-06", "2026-09-06T04:00:00.000Z"],
    ["Asia/Beirut", "2026-03-29", "2026-03-28T22:00:00.000Z"],
  ])("%s %s starts at %s", (zone, day, want) => {
    expect(iso(dayStart(zoneOf(zone), day))).toBe(want);
  });

  it("the days of a range, a day of 23 hours among them, and which day an instant falls in", () => {
    const z = zoneOf("America/New_York");
    const d = daysOf(z, "2026-03-07", "2026-03-09");
    expect(d.days).toEqual(["2026-03-07", "2026-03-08", "2026-03-09"]);
    expect(d.starts.map(iso)).toEqual([
      "2026-03-07T05:00:00.000Z",
      "2026-03-08T05:00:00.000Z",
      "2026-03-09T04:00:00.000Z",
      "2026-03-10T04:00:00.000Z",
    ]);
    expect(dayIndex(d, Date.parse("2026-03-07T04:59:59.999Z"))).toBe(-1);
    expect(dayIndex(d, Date.parse("2026-03-07T05:00:00Z"))).toBe(0);
    expect(dayIndex(d, Date.parse("2026-03-09T03:59:59Z"))).toBe(1);
    expect(dayIndex(d, Date.parse("2026-03-09T04:00:00Z"))).toBe(2);
    expect(dayIndex(d, Date.parse("2026-03-10T04:00:00Z"))).toBe(-1);
    expect(dayIndex(d, NaN)).toBe(-1);
  });

  it.each([
    ["2026-11-22", "2026-11-22"],
    ["2024-02-29", "2024-02-29"],
    ["2026-02-29", null],
    ["2026-13-01", null],
    ["1969-12-31", null],
    ["2026-1-1", null],
    [" 2026-11-22", null],
    [20261122, null],
    [undefined, null],
  ])("parseDay(%j) → %j", (v, want) => expect(parseDay(v)).toBe(want));

  it("calendar arithmetic crosses months and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});
