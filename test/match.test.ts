// Tracker matching (docs/protocol.md#3-company-config): pure rules, tested by tables.
import { describe, expect, it, vi } from "vitest";
import { classify } from "../src/attribution/classify";
import { readConfig, readRules } from "../src/config";
import { matches, winners } from "../src/trackers/match";
import { readTracker, type Rule } from "../src/trackers/rules";
import type { Attribution, Tracker } from "../src/types";

const HOST = "site.example";
const arrive = (referrer: string, landing: string): Attribution => classify(referrer, landing, HOST)!;
const src = (id: string, source: unknown, extra: Partial<Tracker> = {}): Tracker =>
  ({
    id,
    type: "source",
    status: "active",
    tracking_numbers: ["+1404555" + String(1000 + id.length * 37).slice(-4)],
    swap_targets: ["5551231234"],
    source,
    ...extra,
  }) as Tracker;
const ses = (id: string, source: unknown, extra: Partial<Tracker> = {}): Tracker =>
  ({ id, type: "session", status: "active", swap_targets: ["5551231234"], source, ...extra }) as Tracker;
const rule = (t: Tracker) => readTracker(t, 0) as Rule;
const winner = (trackers: Tracker[], a: Attribution, sessions = true) => {
  const w = winners(readRules({ trackers }), a, sessions);
  return w.length ? w[0].rule.id : null;
};

// One visitor every tier matches: a Google ad click landing on /spring?promo=1.
const everyone = arrive("https://www.google.com/", "https://site.example/spring?promo=1&gclid=abc");
const TIERS: Array<[string, Tracker]> = [
  ["landing_params", src("P", { type: "landing_params", landing_params: "promo=1" })],
  ["landing_url", src("U", { type: "landing_url", landing_url: "site.example/spring" })],
  ["web_referrer", src("R", { type: "web_referrer", referrer: "google.com" })],
  ["search", src("S", { type: "search", search_engine: "google", search_type: "paid" })],
  ["session keyed", ses("K", { google: ["paid"] })],
  ["session all", ses("A", "all")],
  ["all", src("L", { type: "all" })],
];
const tierOf = (id: string) => ({ P: 1, U: 1, R: 2, S: 3, K: 4, A: 5, L: 6 })[id]!;

describe("precedence (docs/protocol.md#3-company-config tiers)", () => {
  it("every tracker of the table matches the visitor on its own", () => {
    for (const [, t] of TIERS) expect(winner([t], everyone)).toBe(t.id);
  });
  for (const [an, a] of TIERS)
    for (const [bn, b] of TIERS) {
      if (a === b) continue;
      it(`${an} listed before ${bn}`, () => {
        const expected = tierOf(a.id) <= tierOf(b.id) ? a.id : b.id; // same tier: config order
        expect(winner([a, b], everyone)).toBe(expected);
      });
    }
  it("direct source trackers sit in the search tier", () => {
    const direct = arrive("", "https://site.example/");
    expect(
      winner([src("L", { type: "all" }), ses("K", { type: "direct" }), src("D", { type: "direct" })], direct),
    ).toBe("D");
    expect(winner([src("L", { type: "all" }), ses("K", { type: "direct" })], direct)).toBe("K");
  });
  it("within a tier the first in config order wins, per swap target", () => {
    const a = src("A1", { type: "all" }, { swap_targets: ["5551231234", "5550000000"] });
    const b = src("B1", { type: "search", search_engine: "all" }, { swap_targets: ["5550000000"] });
    const w = winners(readRules({ trackers: [a, b] }), everyone);
    expect(w.map((x) => [x.target.nsn, x.rule.id])).toEqual([
      ["5551231234", "A1"],
      ["5550000000", "B1"],
    ]);
    expect(winner([src("X1", { type: "all" }), src("X2", { type: "all" })], everyone)).toBe("X1");
  });
  it("without consent session trackers take no part: source numbers only (docs/protocol.md#54-consent)", () => {
    expect(winner([ses("K", { google: ["paid"] }), src("L", { type: "all" })], everyone, false)).toBe("L");
  });
});

const V = {
  googlePaid: arrive("https://www.google.com/", "https://site.example/?gclid=1"),
  googleOrganic: arrive("https://www.google.co.uk/", "https://site.example/"),
  bingPaid: arrive("https://www.bing.com/", "https://site.example/?msclkid=1"),
  bingOrganic: arrive("https://www.bing.com/", "https://site.example/"),
  yahooOrganic: arrive("https://search.yahoo.com/", "https://site.example/"),
  ddg: arrive("https://duckduckgo.com/", "https://site.example/"),
  facebook: arrive("https://m.facebook.com/", "https://site.example/"),
  blog: arrive("https://news.blog.example/post/1", "https://site.example/Spring/Offer?Promo=ONE"),
  direct: arrive("", "https://site.example/"),
  promo: arrive("", "https://site.example/?promo=1&x=2"),
  encoded: arrive("", "https://site.example/?utm_source=news%20letter"),
  repeated: arrive("", "https://site.example/?promo=1&promo=2&Promo=3"),
};
type V = keyof typeof V;

describe("source tracker rules", () => {
  const cases: Array<[string, unknown, V, boolean]> = [
    ["search google paid", { type: "search", search_engine: "google", search_type: "paid" }, "googlePaid", true],
    [
      "search google paid, organic visitor",
      { type: "search", search_engine: "google", search_type: "paid" },
      "googleOrganic",
      false,
    ],
    ["search google all types", { type: "search", search_engine: "google", search_type: "all" }, "googleOrganic", true],
    ["search google, no type means all", { type: "search", search_engine: "google" }, "googlePaid", true],
    [
      "search bing paid, Google visitor",
      { type: "search", search_engine: "bing", search_type: "paid" },
      "googlePaid",
      false,
    ],
    [
      "search all engines organic: yahoo",
      { type: "search", search_engine: "all", search_type: "organic" },
      "yahooOrganic",
      true,
    ],
    [
      "search all engines organic: duckduckgo",
      { type: "search", search_engine: "all", search_type: "organic" },
      "ddg",
      true,
    ],
    [
      "search all engines paid, organic visitor",
      { type: "search", search_engine: "all", search_type: "paid" },
      "bingOrganic",
      false,
    ],
    [
      "search all all: facebook is not search",
      { type: "search", search_engine: "all", search_type: "all" },
      "facebook",
      false,
    ],
    ["search, case-insensitive", { type: "Search", search_engine: "GOOGLE", search_type: "Paid" }, "googlePaid", true],
    ["direct: direct visitor", { type: "direct" }, "direct", true],
    ["direct: search visitor", { type: "direct" }, "googleOrganic", false],
    ["direct: landing parameter without referrer is still direct", { type: "direct" }, "promo", true],
    ["web_referrer: subdomain of the domain", { type: "web_referrer", referrer: "facebook.com" }, "facebook", true],
    ["web_referrer: exact host", { type: "web_referrer", referrer: "m.facebook.com" }, "facebook", true],
    [
      "web_referrer: a deeper host does not match a shallower one",
      { type: "web_referrer", referrer: "www.facebook.com" },
      "facebook",
      false,
    ],
    ["web_referrer: suffix that is not a domain", { type: "web_referrer", referrer: "ebook.com" }, "facebook", false],
    ["web_referrer: given as a URL", { type: "web_referrer", referrer: "https://blog.example/" }, "blog", true],
    ["web_referrer: referrer_domain key", { type: "web_referrer", referrer_domain: "BLOG.example" }, "blog", true],
    ["web_referrer: direct visitor", { type: "web_referrer", referrer: "facebook.com" }, "direct", false],
    ["web_referrer: empty rule", { type: "web_referrer", referrer: "" }, "facebook", false],
    ["landing_params name=value", { type: "landing_params", landing_params: "promo=1" }, "promo", true],
    // One reading with the classifier (paramsOf): names lowercased, the first of a repeated name wins.
    [
      "landing_params repeated: the first value",
      { type: "landing_params", landing_params: "promo=1" },
      "repeated",
      true,
    ],
    [
      "landing_params repeated: not a later one",
      { type: "landing_params", landing_params: "promo=2" },
      "repeated",
      false,
    ],
    [
      "landing_params repeated: not a later one in another case",
      { type: "landing_params", landing_params: "promo=3" },
      "repeated",
      false,
    ],
    [
      "landing_params named toString: not inherited",
      { type: "landing_params", landing_params: "toString" },
      "promo",
      false,
    ],
    ["fields inherited from a polluted prototype are not read", Object.create({ type: "all" }), "promo", false],
    ["landing_params other value", { type: "landing_params", landing_params: "promo=2" }, "promo", false],
    ["landing_params name only", { type: "landing_params", landing_params: "promo" }, "promo", true],
    ["landing_params leading ?", { type: "landing_params", landing_params: "?x=2" }, "promo", true],
    ["landing_params case-insensitive", { type: "landing_params", landing_params: "promo=one" }, "blog", true],
    ["landing_params decoded value", { type: "landing_params", landing: "utm_source=news letter" }, "encoded", true],
    ["landing_params absent", { type: "landing_params", landing_params: "promo=1" }, "direct", false],
    ["landing_params empty rule", { type: "landing_params", landing_params: "" }, "promo", false],
    ["landing_url prefix without scheme", { type: "landing_url", landing_url: "site.example/spring" }, "blog", true],
    [
      "landing_url with a scheme given",
      { type: "landing_url", landing_url: "https://site.example/spring/offer" },
      "blog",
      true,
    ],
    ["landing_url not a prefix", { type: "landing_url", landing_url: "site.example/offer" }, "blog", false],
    ["landing_url empty rule", { type: "landing_url", landing_url: "" }, "blog", false],
    ["all", { type: "all" }, "blog", true],
  ];
  it.each(cases)("%s", (_, source, v, expected) => {
    expect(matches(rule(src("T", source)), V[v])).toBe(expected);
  });
});

describe("session tracker rules", () => {
  const cases: Array<[string, unknown, V, boolean]> = [
    ["google paid+organic: paid", { google: ["paid", "organic"] }, "googlePaid", true],
    ["google paid+organic: organic", { google: ["paid", "organic"] }, "googleOrganic", true],
    ["google paid: organic visitor", { google: ["paid"] }, "googleOrganic", false],
    ["google and bing paid: bing paid", { google: ["paid", "organic"], bing: ["paid"] }, "bingPaid", true],
    ["google and bing paid: bing organic", { google: ["paid", "organic"], bing: ["paid"] }, "bingOrganic", false],
    ["yahoo organic", { yahoo: ["organic"] }, "yahooOrganic", true],
    [
      "engines: duckduckgo is none of them",
      { google: ["organic"], bing: ["organic"], yahoo: ["organic"] },
      "ddg",
      false,
    ],
    ["engine array not an array", { google: "paid" }, "googlePaid", false],
    ["type direct: direct", { type: "direct" }, "direct", true],
    ["type direct: facebook", { type: "direct" }, "facebook", false],
    ["referrer substring", { referrer: "facebook" }, "facebook", true],
    ["referrer substring, case-insensitive", { referrer: "FaceBook.com" }, "facebook", true],
    ["referrer substring: direct has none", { referrer: "facebook" }, "direct", false],
    ["landing substring", { landing: "spring/offer" }, "blog", true],
    ["landing substring: query too", { landing: "promo=one" }, "blog", true],
    ["landing substring: absent", { landing: "winter" }, "blog", false],
    ["any condition matches", { google: ["paid"], referrer: "blog.example" }, "blog", true],
    ["inverted: everyone but google", { google: ["paid", "organic"], inverted: true }, "facebook", true],
    ["inverted: google excluded", { google: ["paid", "organic"], inverted: true }, "googleOrganic", false],
    ["inverted landing", { landing: "promo=1", inverted: true }, "promo", false],
    ["inverted direct: a referral", { type: "direct", inverted: true }, "blog", true],
    ["type all object", { type: "all" }, "ddg", true],
    ["empty rule matches nobody", {}, "googlePaid", false],
  ];
  it.each(cases)("%s", (_, source, v, expected) => {
    expect(matches(rule(ses("T", source)), V[v])).toBe(expected);
  });
  it('the string "all" matches everyone, in the tier after keyed session rules', () => {
    for (const v of Object.values(V)) expect(matches(rule(ses("T", "all")), v)).toBe(true);
    expect(rule(ses("T", "all")).tier).toBe(5);
    expect(rule(ses("T", { google: ["paid"] })).tier).toBe(4);
  });
});

describe("which trackers take part", () => {
  it("only active ones; offline, ad-extension and GMB trackers never", () => {
    const off = (type: string) => src("O", { type }, { swap_targets: ["5551231234"] });
    for (const t of ["offline", "google_ad_extension", "mobile_ad_extension", "google_my_business"])
      expect(winner([off(t)], everyone)).toBe(null);
    for (const status of ["disabled", "paused", "ACTIVE", undefined])
      expect(winner([src("D", { type: "all" }, { status } as never)], everyone)).toBe(null);
  });
  it("a tracker without swap_targets swaps its destination number", () => {
    const t = src("D", { type: "all" }, { swap_targets: undefined, destination_number: "+15553104554" });
    expect(winners(readRules({ trackers: [t] }), everyone)[0].target).toEqual({ cc: "1", nsn: "5553104554" });
    const empty = src("E", { type: "all" }, { swap_targets: [], destination_number: "(555) 310-4554" });
    expect(winners(readRules({ trackers: [empty] }), everyone)[0].target.nsn).toBe("5553104554");
  });
});

describe("malformed configs", () => {
  it("a config without a trackers list is none (the instance says so once, with the server's reason)", () => {
    for (const raw of [null, undefined, 42, "x", [], {}, { trackers: "all" }, { trackers: null }])
      expect(readConfig(raw)).toBe(null);
  });
  it("bad trackers are skipped with a warning each, good ones kept", () => {
    const w = vi.spyOn(console, "warn").mockImplementation(() => {});
    const trackers = [
      null,
      7,
      "TRK",
      [],
      { status: "active" },
      { id: "", type: "source", status: "active" },
      { id: "B1", type: "robot", status: "active", source: { type: "all" } },
      { id: "B2", type: "source", status: "active", source: { type: "all" }, tracking_numbers: ["<b>555</b>"] },
      { id: "B3", type: "source", status: "active", source: { type: "all" }, tracking_numbers: "+14045559999" },
      { id: "B4", type: "source", status: "active", source: { type: "teleport" }, tracking_numbers: ["+14045559999"] },
      { id: "B5", type: "session", status: "active", source: 5, swap_targets: ["5551231234"] },
      {
        id: "B6",
        type: "source",
        status: "active",
        source: { type: "all" },
        tracking_numbers: ["+14045559999"],
        swap_targets: ["$&(.*)"],
      },
      {
        id: "OK",
        type: "source",
        status: "active",
        source: { type: "all" },
        tracking_numbers: ["+14045559999"],
        swap_targets: ["5551231234", "<i>x</i>"],
      },
    ];
    const rules = readRules(readConfig({ trackers, unknown_field: { deep: 1 } }));
    expect(rules.map((r) => r.id)).toEqual(["OK"]);
    expect(rules[0].targets).toEqual([{ cc: "1", nsn: "5551231234" }]);
    const said = w.mock.calls.map((c) => String(c[0]));
    for (const id of ["#0", "#4", "B1", "B2", "B3", "B4", "B5", "B6"])
      expect(said.some((m) => m.includes(id + " skipped"))).toBe(true);
    w.mockRestore();
  });
  it("settings are type-checked: strings do not switch booleans on, lists keep strings only", () => {
    const c = readConfig({
      trackers: [],
      form_capture: "yes",
      swap_ppc_override: 1,
      ignored_fields: ["a", 1, null],
      grab_cookies: "_ga",
      swap_landing_override: 5,
    })!;
    expect(c).toMatchObject({
      form_capture: false,
      swap_ppc_override: false,
      ignored_fields: ["a"],
      grab_cookies: [],
      swap_landing_override: null,
    });
  });
});
