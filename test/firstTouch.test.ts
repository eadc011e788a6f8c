// First-touch rules (docs/protocol.md#3-company-config and #4-visitor-attribution): multi-visit sequences for every override rule.
import { describe, expect, it } from "vitest";
import {
  capUrl,
  decide,
  lifetimeDays,
  MAX_URL,
  minimalLanding,
  ruleParams,
  validTouch,
  type FirstTouch,
} from "../src/attribution/firstTouch";
import type { CompanyConfig } from "../src/types";
import { classify } from "../src/attribution/classify";

const HOST = "www.site.example";
const L = "https://www.site.example/";
type Visit = [referrer: string, landing: string];
/** Runs visits in order; returns [referrer, landing, new session?] after each. */
function run(config: Partial<CompanyConfig> | null, visits: Visit[]): Array<[string, string, boolean]> {
  let n = 0;
  let t: FirstTouch | null = null;
  return visits.map(([ref, landing]) => {
    const before = t && t.session_id;
    t = decide(
      t,
      ref,
      landing,
      HOST,
      config as CompanyConfig,
      () => "00000000-0000-4000-8000-" + String(++n).padStart(12, "0"),
    );
    return [t.referrer, t.landing, t.session_id != before];
  });
}
const GOOGLE = "https://www.google.com/";
const FB = "https://l.facebook.com/";
const SELF = "https://www.site.example/about";

describe("first touch across visits", () => {
  const none = { swap_ppc_override: false, swap_landing_override: null };
  const ppc = { swap_ppc_override: true, swap_landing_override: null };
  const land = { swap_ppc_override: false, swap_landing_override: "utm_source" };
  const promo = { swap_ppc_override: false, swap_landing_override: "Promo" };

  it.each<[string, Partial<CompanyConfig> | null, Visit[], Array<[string, string, boolean]>]>([
    ["none stored: the arrival becomes it", none, [[GOOGLE, L]], [[GOOGLE, L, true]]],
    ["none stored, direct: direct", none, [["", L]], [["direct", L, true]]],
    ["none stored, same-site: direct with this landing", none, [[SELF, L + "x"]], [["direct", L + "x", true]]],
    [
      "direct never replaces",
      ppc,
      [
        [GOOGLE, L],
        ["", L + "b"],
      ],
      [
        [GOOGLE, L, true],
        [GOOGLE, L, false],
      ],
    ],
    [
      "same-site never replaces",
      land,
      [
        [FB, L],
        [SELF, L + "?utm_source=x"],
      ],
      [
        [FB, L, true],
        [FB, L, false],
      ],
    ],
    [
      "a later organic arrival does not replace",
      ppc,
      [
        [FB, L],
        [GOOGLE, L + "2"],
      ],
      [
        [FB, L, true],
        [FB, L, false],
      ],
    ],
    [
      "without overrides a paid arrival does not replace",
      none,
      [
        [FB, L],
        [GOOGLE, L + "?gclid=1"],
      ],
      [
        [FB, L, true],
        [FB, L, false],
      ],
    ],
    [
      "ppc override: a paid arrival replaces",
      ppc,
      [
        [FB, L],
        [GOOGLE, L + "?gclid=1"],
      ],
      [
        [FB, L, true],
        [GOOGLE, L + "?gclid=1", true],
      ],
    ],
    [
      "ppc override: click id with no referrer replaces",
      ppc,
      [
        ["", L],
        ["", L + "?msclkid=2"],
      ],
      [
        ["direct", L, true],
        ["direct", L + "?msclkid=2", true],
      ],
    ],
    [
      "ppc override: utm_medium=cpc replaces",
      ppc,
      [
        [FB, L],
        [GOOGLE, L + "?utm_medium=cpc"],
      ],
      [
        [FB, L, true],
        [GOOGLE, L + "?utm_medium=cpc", true],
      ],
    ],
    [
      "ppc override: paid social does not replace",
      ppc,
      [
        [GOOGLE, L],
        [FB, L + "?utm_medium=cpc"],
      ],
      [
        [GOOGLE, L, true],
        [GOOGLE, L, false],
      ],
    ],
    [
      "ppc override: a second paid arrival replaces the first",
      ppc,
      [
        [GOOGLE, L + "?gclid=1"],
        ["https://www.bing.com/", L + "?msclkid=2"],
      ],
      [
        [GOOGLE, L + "?gclid=1", true],
        ["https://www.bing.com/", L + "?msclkid=2", true],
      ],
    ],
    [
      "ppc override: reloading the paid landing keeps the session",
      ppc,
      [
        [GOOGLE, L + "?gclid=1"],
        [GOOGLE, L + "?gclid=1"],
      ],
      [
        [GOOGLE, L + "?gclid=1", true],
        [GOOGLE, L + "?gclid=1", false],
      ],
    ],
    [
      "landing override: the parameter replaces",
      land,
      [
        [GOOGLE, L],
        [FB, L + "?utm_source=fb"],
      ],
      [
        [GOOGLE, L, true],
        [FB, L + "?utm_source=fb", true],
      ],
    ],
    [
      "landing override: direct with the parameter replaces",
      land,
      [
        [GOOGLE, L],
        ["", L + "?utm_source=mail"],
      ],
      [
        [GOOGLE, L, true],
        ["direct", L + "?utm_source=mail", true],
      ],
    ],
    [
      "landing override: without the parameter, kept",
      land,
      [
        [GOOGLE, L],
        [FB, L + "?fbclid=1"],
      ],
      [
        [GOOGLE, L, true],
        [GOOGLE, L, false],
      ],
    ],
    [
      "landing override: name is case-insensitive",
      promo,
      [
        [GOOGLE, L],
        ["", L + "?promo=1"],
      ],
      [
        [GOOGLE, L, true],
        ["direct", L + "?promo=1", true],
      ],
    ],
    [
      "landing override: internal link with it does not replace",
      promo,
      [
        [GOOGLE, L],
        [SELF, L + "?promo=1"],
      ],
      [
        [GOOGLE, L, true],
        [GOOGLE, L, false],
      ],
    ],
    [
      "landing override off: the parameter means nothing",
      none,
      [
        [GOOGLE, L],
        ["", L + "?utm_source=x"],
      ],
      [
        [GOOGLE, L, true],
        [GOOGLE, L, false],
      ],
    ],
    [
      "no config: nothing overrides",
      null,
      [
        [GOOGLE, L],
        [GOOGLE, L + "?gclid=1"],
      ],
      [
        [GOOGLE, L, true],
        [GOOGLE, L, false],
      ],
    ],
    [
      "three visits: organic, direct, paid with ppc",
      ppc,
      [
        [GOOGLE, L],
        ["", L],
        ["https://www.bing.com/", L + "?msclkid=3"],
      ],
      [
        [GOOGLE, L, true],
        [GOOGLE, L, false],
        ["https://www.bing.com/", L + "?msclkid=3", true],
      ],
    ],
    [
      "utm_referrer is the stored referrer",
      none,
      [["", L + "?utm_referrer=https%3A%2F%2Fwww.bing.com%2F"]],
      // Kept as the referrer, so the landing URL need not keep it.
      [["https://www.bing.com/", L, true]],
    ],
  ])("%s", (_name, config, visits, want) => expect(run(config, visits)).toEqual(want));

  it("expired cookies start over: nothing stored means a new first touch", () => {
    // Expiry is the browser's (cookie) and the mirror's `expires`; after it, stored is null.
    const t = decide(null, FB, L, HOST, ppc as CompanyConfig, () => "new");
    expect(t).toEqual({ referrer: FB, landing: L, session_id: "new" });
  });
});

describe("validTouch: tampered values are discarded", () => {
  const ok = { referrer: "https://www.google.com/", landing: L, session_id: "6f1c2d3e-4b5a-4c6d-8e7f-001122334455" };
  it.each<[string, Partial<FirstTouch> | null, boolean]>([
    ["a good record", ok, true],
    ["direct referrer", { ...ok, referrer: "direct" }, true],
    ["android-app referrer", { ...ok, referrer: "android-app://com.google.android.gm/" }, true],
    ["null", null, false],
    // Another script's session id: the arrival is kept, decide() gives it a new id.
    ["session id not a UUID", { ...ok, session_id: "abc" }, true],
    ["session id UUID v1", { ...ok, session_id: "6f1c2d3e-4b5a-1c6d-8e7f-001122334455" }, true],
    ["session id with markup", { ...ok, session_id: "<script>" }, true],
    ["session id not a string", { ...ok, session_id: 5 as never }, false],
    ["missing session id", { referrer: ok.referrer, landing: L }, false],
    ["landing javascript:", { ...ok, landing: "javascript:alert(1)" }, false],
    ["landing not a URL", { ...ok, landing: "%%%" }, false],
    ["referrer not a URL", { ...ok, referrer: "google" }, false],
    ["referrer data:", { ...ok, referrer: "data:text/html,x" }, false],
    ["landing too long", { ...ok, landing: L + "?" + "a".repeat(MAX_URL) }, false],
    ["landing a number", { ...ok, landing: 5 as never }, false],
  ])("%s", (_n, t, want) => expect(validTouch(t)).toBe(want));
});

describe("lifetime", () => {
  it.each<[Partial<CompanyConfig> | null, number]>([
    [null, 183],
    [{ swap_cookie_duration: 30, swap_cookie_duration_unit: "days" }, 30],
    [{ swap_cookie_duration: 2, swap_cookie_duration_unit: "weeks" }, 14],
    [{ swap_cookie_duration: 3, swap_cookie_duration_unit: "months" }, 91.5],
    [{ swap_cookie_duration: 6, swap_cookie_duration_unit: "months" }, 183],
    [{ swap_cookie_duration: 12, swap_cookie_duration_unit: "months" }, 183],
    [{ swap_cookie_duration: 400, swap_cookie_duration_unit: "days" }, 183],
    [{ swap_cookie_duration: 7 }, 7],
    [{ swap_cookie_duration: -1, swap_cookie_duration_unit: "days" }, 183],
    [{ swap_cookie_duration: "x" as never, swap_cookie_duration_unit: "days" }, 183],
    [{ swap_cookie_duration: 5, swap_cookie_duration_unit: "years" as never }, 183],
  ])("%j → %d days", (c, days) => expect(lifetimeDays(c as CompanyConfig)).toBe(days));
});

describe("capUrl", () => {
  it("drops the fragment first, then cuts", () => {
    expect(capUrl(L + "#x")).toBe(L + "#x");
    const long = L + "?a=" + "b".repeat(MAX_URL) + "#frag";
    expect(capUrl(long)).toHaveLength(MAX_URL);
    expect(capUrl(long)).not.toContain("#");
  });
});

describe("the landing URL the first touch keeps (docs/swapping.md#what-the-first-touch-keeps)", () => {
  const config = {
    trackers: [
      { id: "P", type: "source", status: "active", source: { type: "landing_params", landing_params: "promo=1" } },
      { id: "B", type: "source", status: "active", source: { type: "landing_params", landing_params: "Bare" } },
      {
        id: "U",
        type: "source",
        status: "active",
        source: { type: "landing_url", landing_url: "site.example/x?lp=2" },
      },
      { id: "S", type: "session", status: "active", source: { landing: "pool=1" } },
    ],
    swap_landing_override: "Override",
  } as unknown as CompanyConfig;
  it("ruleParams names the parameters the rules read", () =>
    expect(ruleParams(config)).toEqual(["promo", "bare", "lp", "pool"]));
  it.each<[string, string, string]>([
    ["nothing to keep", L + "spring?session=abc&email=a%40b.c#top", L + "spring"],
    [
      "utm and click ids kept, in their order and encoding",
      L + "?email=x&utm_source=news%20letter&gclid=G1&fbclid=F&other=1",
      L + "?utm_source=news%20letter&gclid=G1&fbclid=F",
    ],
    ["rule parameters kept", L + "?promo=1&bare&lp=2&pool=1&name=Dana", L + "?promo=1&bare&lp=2&pool=1"],
    ["the override parameter kept, any case", L + "?OVERRIDE=x&token=secret", L + "?OVERRIDE=x"],
    ["parameter names are read decoded", L + "?utm%5Fsource=a&x=1", L + "?utm%5Fsource=a"],
    ["Google's ValueTrack marks kept", L + "?matchtype=e&adposition=1t1&q=x", L + "?matchtype=e&adposition=1t1"],
  ])("%s", (_, landing, kept) => expect(minimalLanding(landing, config)).toBe(kept));
  it.each([
    [GOOGLE, L + "?matchtype=e&name=Dana"],
    ["", L + "?utm_source=news&utm_medium=email&utm_campaign=s&utm_term=t&utm_content=c&token=x"],
    ["https://www.bing.com/", L + "?msclkid=m&gclid=g&fbclid=f&ttclid=t&x=1#frag"],
    ["https://news.example.co.uk/a", L + "?utm_referrer=https%3A%2F%2Fwww.google.com%2F&adposition=2&y=2"],
    ["", L + "?UTM_SOURCE=Up&Utm_Medium=cpc_ad&li_fat_id=1"],
  ])("the cut URL classifies as the whole one: %s %s", (ref, landing) => {
    const whole = classify(ref, landing, HOST)!;
    const cut = classify(whole.referrer || "", minimalLanding(landing, config), HOST)!;
    expect({ ...cut, landing_page_url: "" }).toEqual({ ...whole, landing_page_url: "" });
  });
  it("a stored first touch is matched by the same rules after it was cut", () => {
    const t = decide(
      null,
      "",
      L + "?promo=1&pool=1&email=a@b.c",
      HOST,
      config,
      () => "00000000-0000-4000-8000-000000000001",
    );
    expect(t.landing).toBe(L + "?promo=1&pool=1");
  });
  it("a reload of the landing page keeps the session (compared on the kept URL)", () => {
    const ppc = { ...config, swap_ppc_override: true } as CompanyConfig;
    const first = decide(null, GOOGLE, L + "?gclid=1&x=2", HOST, ppc, () => "00000000-0000-4000-8000-000000000001");
    expect(decide(first, GOOGLE, L + "?gclid=1&x=2", HOST, ppc, () => "new")).toBe(first);
  });
});

describe("a first touch carried over from CallRail's script", () => {
  it("keeps its referrer and landing URL and gets a UUID v4 session id", () => {
    const stored = { referrer: GOOGLE, landing: L + "?gclid=1", session_id: "1700000000000.abc123" };
    const t = decide(stored, "", L + "about", HOST, null, () => "00000000-0000-4000-8000-000000000009");
    expect(t).toEqual({
      referrer: GOOGLE,
      landing: L + "?gclid=1",
      session_id: "00000000-0000-4000-8000-000000000009",
    });
  });
});
