// The visitor as the server keeps it (server/intake/visitor.ts): each documented field of
// docs/protocol.md#4-visitor-attribution kept when it has its type, length and value set.
import { describe, expect, it } from "vitest";
import { cleanVisitor } from "../../../server/intake/visitor";

const S = "6F1C1111-1111-4111-8111-111111111111";

describe("cleanVisitor", () => {
  it("keeps a visitor the bundle sends as it is", () => {
    const v = {
      session_id: S.toLowerCase(),
      source: "google",
      medium: "cpc",
      search_engine: "google",
      search_type: "paid",
      referrer: "https://www.google.com/",
      referrer_domain: "google.com",
      landing_page_url: "https://site.example/?gclid=abc&utm_campaign=spring",
      keywords: null,
      campaign: "spring",
      utm: { utm_campaign: "spring" },
      click_ids: { gclid: "abc" },
      cookies: { _ga: "GA1.2.3.4" },
    };
    expect(cleanVisitor(v)).toEqual(v);
  });

  it.each([
    ["not an object", "google", null],
    ["an array", [{ source: "google" }], null],
    ["nothing usable", { source: 5, admin: true }, null],
    ["a session id that is not a UUID", { session_id: "abc", source: "x" }, { source: "x" }],
    ["a session id in capitals", { session_id: S }, { session_id: S.toLowerCase() }],
    ["a source that is an object", { source: { toString: 1 }, medium: "cpc" }, { medium: "cpc" }],
    ["a source of 501 characters", { source: "s".repeat(501), medium: "cpc" }, { medium: "cpc" }],
    ["a medium outside its set", { medium: "paid_social", source: "x" }, { source: "x" }],
    ["a search engine outside the table", { search_engine: "evil", search_type: "paid", source: "x" }, { source: "x" }],
    ["a search type outside its set", { search_engine: "bing", search_type: "free", source: "x" }, { source: "x" }],
    ["a search engine without its type", { search_engine: "bing", source: "x" }, { source: "x" }],
    [
      "an engine of the broad table",
      { search_engine: "ecosia", search_type: "organic" },
      { search_engine: "ecosia", search_type: "organic" },
    ],
    ["null where the protocol shows null", { referrer: null, keywords: null }, { referrer: null, keywords: null }],
    [
      "a URL of 4,097 characters",
      { landing_page_url: "https://a.example/" + "x".repeat(4079), source: "x" },
      { source: "x" },
    ],
    ["a campaign that is a list", { campaign: ["a"], source: "x" }, { source: "x" }],
    ["unknown fields", { source: "x", admin: true, ip: "1.2.3.4" }, { source: "x" }],
    ["a map that is a string", { utm: "utm_source=x", source: "x" }, { source: "x" }],
    ["a map that is a list", { click_ids: ["gclid"], source: "x" }, { source: "x" }],
    [
      "map entries that do not fit",
      { utm: { utm_source: "g", utm_medium: { a: 1 }, ["k".repeat(65)]: "v", utm_term: "t".repeat(501), "": "v" } },
      { utm: { utm_source: "g" } },
    ],
  ])("%s", (_, raw, expected) => {
    expect(cleanVisitor(raw)).toEqual(expected);
  });

  it("keeps at most 20 entries of a map", () => {
    const cookies = Object.fromEntries(Array.from({ length: 25 }, (_, i) => ["c" + i, "v"]));
    expect(Object.keys(cleanVisitor({ cookies })!.cookies!)).toEqual(Object.keys(cookies).slice(0, 20));
  });

  it("a map key named __proto__ is a name, not a prototype", () => {
    const v = cleanVisitor(JSON.parse('{"utm": {"__proto__": {"polluted": "yes"}, "utm_source": "g"}}'))!;
    expect(v.utm).toEqual({ utm_source: "g" });
    const w = cleanVisitor(JSON.parse('{"cookies": {"__proto__": "x"}}'))!;
    expect(Object.keys(w.cookies!)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("URLs are stored without form fields (server/intake/url.ts)", () => {
    expect(cleanVisitor({ landing_page_url: "https://a.example/?email=a%40b.c&gclid=G" })).toEqual({
      landing_page_url: "https://a.example/?gclid=G",
    });
  });
});
