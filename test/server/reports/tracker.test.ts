// @vitest-environment node
// One channel, one name (docs/attribution.md#one-name-everywhere): a source tracker's rule is
// named as the classifier names a visitor of that channel; call fields follow the v3 reference.
import { describe, expect, it } from "vitest";
import { callAttribution, UNKNOWN_SOURCE } from "../../../server/reports/call";
import { classifyTouch } from "../../../server/reports/classify";
import { trackerAttribution } from "../../../server/reports/tracker";

const T = (source: unknown, name = "My tracker") => ({ id: "TRK1", name, source });

describe("trackerAttribution", () => {
  it.each([
    [{ type: "search", search_engine: "google", search_type: "paid" }, "google", "cpc", "Google Ads"],
    [{ type: "search", search_engine: "Google", search_type: "organic" }, "google", "organic", "Google Organic"],
    [{ type: "search", search_engine: "bing", search_type: "paid" }, "bing", "cpc", "Bing Ads"],
    [{ type: "search", search_engine: "yahoo", search_type: "all" }, "yahoo", null, "Yahoo"],
    [{ type: "search", search_engine: "all", search_type: "paid" }, "My tracker", "cpc", "My tracker"],
    [{ type: "direct" }, "direct", "direct", "Direct"],
    [{ type: "web_referrer", referrer: "facebook.com" }, "facebook", "social", "Facebook"],
    [{ type: "web_referrer", referrer: "https://l.facebook.com/" }, "facebook", "social", "Facebook"],
    [{ type: "web_referrer", referrer: "www.yelp.com" }, "yelp", "social", "Yelp"],
    [{ type: "web_referrer", referrer: "chatgpt.com" }, "chatgpt", "referral", "ChatGPT"],
    [{ type: "web_referrer", referrer: "partner.example.co.uk" }, "example.co.uk", "referral", "example.co.uk"],
    [{ type: "web_referrer", referrer: "" }, "My tracker", null, "My tracker"],
    [
      { type: "landing_params", landing_params: "utm_source=facebook&utm_medium=cpc" },
      "facebook",
      "cpc",
      "Facebook Ads",
    ],
    [{ type: "landing_params", landing_params: "gclid" }, "My tracker", null, "My tracker"],
    [{ type: "landing_params", landing_params: "promo=1" }, "My tracker", null, "My tracker"],
    [
      { type: "landing_url", landing_url: "site.example/spring?utm_source=newsletter&utm_medium=email" },
      "newsletter",
      "email",
      "newsletter",
    ],
    [{ type: "landing_url", landing_url: "site.example/spring" }, "My tracker", null, "My tracker"],
    [{ type: "offline" }, "My tracker", "offline", "My tracker"],
    [{ type: "google_ad_extension" }, "google", "cpc", "Google Ads"],
    [{ type: "google_my_business" }, "google_my_business", "organic", "Google My Business"],
    [{ type: "all" }, "My tracker", null, "My tracker"],
    ["all", "My tracker", null, "My tracker"],
    [undefined, "My tracker", null, "My tracker"],
    [{ type: "constructor" }, "My tracker", null, "My tracker"],
  ])("%j → %s %s %s", (source, want, medium, display) => {
    expect(trackerAttribution(T(source))).toEqual({ source: want, medium, display });
  });

  it("a tracker without a name is named by its id", () => {
    expect(trackerAttribution({ id: "TRK9", source: { type: "offline" } })).toMatchObject({ display: "TRK9" });
  });

  it("a web_referrer facebook.com tracker and a visitor from Facebook read the same", () => {
    const tracker = trackerAttribution(T({ type: "web_referrer", referrer: "facebook.com" }));
    const visitor = classifyTouch({ referrer: "https://l.facebook.com/", landing: "https://site.example/" });
    expect([tracker.source, tracker.medium, tracker.display]).toEqual([
      visitor.source,
      visitor.medium,
      visitor.display,
    ]);
  });
});

describe("callAttribution", () => {
  const pool = { id: "TRK2", name: "Website pool", type: "session", source: "all" };

  it("a session's call: the first touch classified by the server, the tracker's name as source_name", () => {
    const a = callAttribution(pool, {
      referrer: "https://www.google.com/",
      landing: "https://site.example/?gclid=G1&fbclid=F1&utm_campaign=spring&utm_source=google&utm_term=plumber",
    });
    expect(a).toEqual({
      source: "Google Ads",
      medium: "cpc",
      source_name: "Website pool",
      formatted_tracking_source: "Google Ads",
      keywords: "plumber",
      campaign: "spring",
      landing_page_url:
        "https://site.example/?gclid=G1&fbclid=F1&utm_campaign=spring&utm_source=google&utm_term=plumber",
      referring_url: "https://www.google.com/",
      referrer_domain: "google.com",
      utm_source: "google",
      utm_medium: null,
      utm_campaign: "spring",
      utm_term: "plumber",
      utm_content: null,
      gclid: "G1",
      fbclid: "F1",
      msclkid: null,
    });
  });

  it("a source tracker's call: named by the tracker's rule", () => {
    const fb = {
      id: "TRK3",
      name: "Facebook page",
      type: "source",
      source: { type: "web_referrer", referrer: "facebook.com" },
    };
    expect(callAttribution(fb, null)).toMatchObject({
      source: "Facebook",
      medium: "social",
      source_name: "Facebook page",
      formatted_tracking_source: "Facebook",
      referring_url: null,
    });
  });

  it("a pool number that rang with no session holding it: the v3 reference's Unknown Source", () => {
    expect(callAttribution(pool, null)).toMatchObject({
      source: UNKNOWN_SOURCE,
      medium: null,
      source_name: "Website pool",
      formatted_tracking_source: UNKNOWN_SOURCE,
    });
  });

  it("a direct visit's call reads Direct", () => {
    expect(callAttribution(pool, { referrer: "direct", landing: "https://site.example/" })).toMatchObject({
      source: "Direct",
      medium: "direct",
    });
  });
});
