// @vitest-environment node
// The dashboard's filters (docs/dashboard.md#filters) and where a login may send the browser next.
import { describe, expect, it } from "vitest";
import { nextPath } from "../../../server/dashboard/auth";
import { companyOrder, link, readFilters } from "../../../server/dashboard/filters";
import type { Company } from "../../../server/companies";

const co = (id: string, over: Record<string, unknown> = {}) =>
  ({ id, account_id: "A", trackers: [], ...over }) as Company;
const companies = companyOrder([
  co("B", { name: "Zeta Roofing" }),
  co("A", { name: "Acme", time_zone: "America/New_York" }),
]);
const NOW = Date.parse("2026-11-22T03:00:00Z"); // the 21st in New York

describe("filters", () => {
  it("default: the first company by name, the last 7 of its days, all sources, page 1", () => {
    const f = readFilters({}, companies, NOW)!;
    expect([f.company.id, f.zone.name, f.days.from, f.days.to, f.source, f.page, f.notes]).toEqual([
      "A",
      "America/New_York",
      "2026-11-15",
      "2026-11-21",
      null,
      1,
      [],
    ]);
    expect(new Date(f.start).toISOString()).toBe("2026-11-15T05:00:00.000Z");
    expect(new Date(f.end).toISOString()).toBe("2026-11-22T05:00:00.000Z");
  });

  it("what is asked for", () => {
    const f = readFilters(
      { company: "B", from: "2026-11-01", to: "2026-11-02", source: "Google Ads", page: "3" },
      companies,
      NOW,
    )!;
    expect([f.company.id, f.zone.name, f.days.days, f.source, f.page]).toEqual([
      "B",
      "UTC",
      ["2026-11-01", "2026-11-02"],
      "Google Ads",
      3,
    ]);
  });

  it("days the wrong way round are swapped; a range past a year is cut to its last 366 days", () => {
    expect(readFilters({ from: "2026-11-10", to: "2026-11-01" }, companies, NOW)!.days.from).toBe("2026-11-01");
    const long = readFilters({ from: "2020-01-01", to: "2026-11-01" }, companies, NOW)!;
    expect([long.days.from, long.days.days.length]).toEqual(["2025-11-01", 366]);
    expect(long.notes.join(" ")).toMatch(/At most 366 days/);
  });

  it.each([
    [{ company: "NOPE" }, /No such company: showing /],
    [{ from: "yesterday" }, /not YYYY-MM-DD/],
    [{ to: "2026-02-30" }, /not YYYY-MM-DD/],
  ])("%j falls back to the default and says so", (q, note) => {
    const f = readFilters(q, companies, NOW)!;
    expect(f.notes.join(" ")).toMatch(note);
    expect(f.days.to).toBe("2026-11-21");
  });

  it.each([["0"], ["-1"], ["1.5"], ["x"], ["99999999"]])("page %j is page 1", (page) => {
    expect(readFilters({ page }, companies, NOW)!.page).toBe(1);
  });

  it("a company with an unknown zone is shown in UTC, with a note", () => {
    const f = readFilters({}, [co("X", { time_zone: "Mars/Base" })], NOW)!;
    expect([f.zone.name, f.notes.length]).toEqual(["UTC", 1]);
  });

  it("no company: nothing to show", () => expect(readFilters({}, [], NOW)).toBeNull());

  it("links carry the filters, escaped as query values", () => {
    const f = readFilters({ company: "B", source: "a&b=c <x>" }, companies, NOW)!;
    expect(link("/dashboard/calls", f, { page: 2 })).toBe(
      "/dashboard/calls?company=B&from=2026-11-16&to=2026-11-22&source=a%26b%3Dc+%3Cx%3E&page=2",
    );
    expect(link("/dashboard", f, { source: null })).toBe("/dashboard?company=B&from=2026-11-16&to=2026-11-22");
  });
});

describe("after signing in", () => {
  it.each([
    ["/dashboard", "/dashboard"],
    ["/dashboard/calls?company=A&from=2026-11-01", "/dashboard/calls?company=A&from=2026-11-01"],
    ["/dashboard/journeys/6f1c-x?company=A", "/dashboard/journeys/6f1c-x?company=A"],
    ["https://evil.example/", "/dashboard"],
    ["//evil.example/dashboard", "/dashboard"],
    ["/dashboard//evil.example", "/dashboard"],
    ["/dashboard/\\evil", "/dashboard"],
    ["/dashboardx", "/dashboard"],
    ["/v3/a/ACC1/calls.json", "/dashboard"],
    ["/dashboard?x=\\\\evil", "/dashboard"],
    [undefined, "/dashboard"],
    [["/dashboard/calls"], "/dashboard"],
  ])("next %j → %s", (next, want) => expect(nextPath(next)).toBe(want));
});
