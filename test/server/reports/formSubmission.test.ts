// @vitest-environment node
// The v3 Form Submission object (docs/attribution.md#the-form-submission-object) from a stored
// body of docs/protocol.md#53-form-submissions and the server's own facts.
import { describe, expect, it } from "vitest";
import { formSubmissionObject, submittedAt, type StoredSubmission } from "../../../server/reports/formSubmission";

const NOW = Date.parse("2026-11-22T10:00:05.000Z");
const FACTS = { company_id: "COM1", created_at: NOW, first_form: true, device: "desktop" as const, browser: "Chrome" };
const LANDING =
  "https://www.site.example/appointment?gclid=G1&matchtype=e&adposition=1t1&utm_campaign=back_to_school&utm_term=pediatric+dentist";

const body = (over: Partial<StoredSubmission> = {}): StoredSubmission => ({
  id: "b2e4d7a0-0000-4000-8000-000000000001",
  session_id: "6f1c2d3e-0000-4000-8000-000000000002",
  form_url: "https://www.site.example/appointment",
  form_name: "appointment",
  landing_page_url: LANDING,
  referring_url: "https://www.google.com/",
  form_data: { name: "GRAHAM ARMSTRONG", email: "graham@example.com", phone: "(404) 555-1111", best_time: "evening" },
  // What the browser says it is is never shown.
  visitor: { referrer: "https://www.google.com/", landing_page_url: LANDING },
  submitted_at: "2026-11-22T10:00:00.000Z",
  ...over,
});

describe("formSubmissionObject", () => {
  it("builds the v3 object from the server's classification", () => {
    const milestone = (event_date: string | null) => ({
      event_date,
      ad_position: "1t1",
      campaign: "back_to_school",
      device: "desktop",
      keywords: "pediatric dentist",
      landing: LANDING,
      landing_page_url_params: {
        gclid: "G1",
        matchtype: "e",
        adposition: "1t1",
        utm_campaign: "back_to_school",
        utm_term: "pediatric dentist",
      },
      match_type: "e",
      medium: "cpc",
      referrer: "https://www.google.com/",
      referrer_url_params: {},
      session_browser: "Chrome",
      url_utm_params: { utm_campaign: "back_to_school", utm_term: "pediatric dentist" },
      source: "Google Ads",
    });
    expect(formSubmissionObject(body(), FACTS)).toEqual({
      id: "b2e4d7a0-0000-4000-8000-000000000001",
      company_id: "COM1",
      session_id: "6f1c2d3e-0000-4000-8000-000000000002",
      form_name: "appointment",
      form_data: {
        name: "GRAHAM ARMSTRONG",
        email: "graham@example.com",
        phone: "(404) 555-1111",
        best_time: "evening",
      },
      form_url: "https://www.site.example/appointment",
      landing_page_url: LANDING,
      referrer: "google_paid",
      referring_url: "https://www.google.com/",
      submitted_at: "2026-11-22T10:00:00.000Z",
      created_at: "2026-11-22T10:00:05.000Z",
      first_form: true,
      customer_name: "GRAHAM ARMSTRONG",
      customer_email: "graham@example.com",
      customer_phone_number: "+14045551111",
      formatted_customer_name: "Graham Armstrong",
      formatted_customer_phone_number: "404-555-1111",
      source: "Google Ads",
      medium: "cpc",
      campaign: "back_to_school",
      keywords: "pediatric dentist",
      utm_source: null,
      utm_medium: null,
      utm_campaign: "back_to_school",
      milestones: { first_touch: milestone(null), lead_created: milestone("2026-11-22T10:00:00.000Z") },
    });
  });

  it.each([
    ["https://l.facebook.com/", "https://www.site.example/", "Facebook", "social", "facebook.com"],
    ["https://l.facebook.com/", "https://www.site.example/?fb_ad_id=7", "Facebook Ads", "cpc", "facebook.com"],
    ["https://www.bing.com/", "https://www.site.example/", "Bing Organic", "organic", "bing_organic"],
    ["https://deref-gmx.net/", "https://www.site.example/", "GMX", "email", "deref-gmx.net"],
    ["https://chatgpt.com/", "https://www.site.example/", "ChatGPT", "referral", "chatgpt.com"],
    [null, "https://www.site.example/", "Direct", "direct", "direct"],
    ["https://news.example.co.uk/a", "https://www.site.example/", "example.co.uk", "referral", "example.co.uk"],
  ])("%s + %s → %s / %s / %s", (referring_url, landing, source, medium, referrer) => {
    const f = formSubmissionObject(body({ referring_url, landing_page_url: landing }), FACTS);
    expect([f.source, f.medium, f.referrer]).toEqual([source, medium, referrer]);
    expect(f.milestones.lead_created.source).toBe(source);
  });

  it("ignores the referrer key and source the browser claims", () => {
    const forged = {
      ...body({ referring_url: null, landing_page_url: "https://www.site.example/" }),
      referrer: "google_paid",
    };
    const f = formSubmissionObject(forged as StoredSubmission, FACTS);
    expect([f.source, f.medium, f.referrer]).toEqual(["Direct", "direct", "direct"]);
  });

  it("falls back to the visitor's first touch when the body has no URLs of its own", () => {
    const f = formSubmissionObject(
      body({
        referring_url: undefined,
        landing_page_url: undefined,
        visitor: { referrer: "https://www.bing.com/", landing_page_url: "https://www.site.example/?msclkid=M" },
      }),
      FACTS,
    );
    expect([f.source, f.referrer, f.landing_page_url]).toEqual([
      "Bing Ads",
      "bing_paid",
      "https://www.site.example/?msclkid=M",
    ]);
  });

  it("carries first_form, device and browser as the store gives them", () => {
    const f = formSubmissionObject(body(), { ...FACTS, first_form: false, device: "mobile", browser: null });
    expect(f.first_form).toBe(false);
    expect(f.milestones.first_touch).toMatchObject({ device: "mobile", session_browser: null });
  });

  it("a form with no customer fields gives nulls, never throws", () => {
    const f = formSubmissionObject(body({ form_data: { Comments: "hi" } }), FACTS);
    expect(f).toMatchObject({
      customer_name: null,
      customer_email: null,
      customer_phone_number: null,
      formatted_customer_name: null,
      formatted_customer_phone_number: null,
    });
    expect(formSubmissionObject({ id: "x" }, FACTS)).toMatchObject({
      form_data: {},
      source: "Direct",
      referrer: "direct",
    });
  });

  it("an international number is shown in international form", () => {
    const f = formSubmissionObject(body({ form_data: { Téléphone: "+33 6 12 34 56 78" } }), FACTS);
    expect([f.customer_phone_number, f.formatted_customer_phone_number]).toEqual(["+33612345678", "+33 612345678"]);
  });
});

describe("submittedAt", () => {
  it.each([
    ["2026-11-22T10:00:00.000Z", "2026-11-22T10:00:00.000Z"],
    ["2026-11-16T10:00:00.000Z", "2026-11-16T10:00:00.000Z"], // delivered from the outbox days later
    ["2026-11-01T10:00:00.000Z", "2026-11-22T10:00:05.000Z"], // older than the outbox keeps anything
    ["2026-11-22T11:00:00.000Z", "2026-11-22T10:00:05.000Z"], // in the future
    ["yesterday", "2026-11-22T10:00:05.000Z"],
    [undefined, "2026-11-22T10:00:05.000Z"],
  ])("%s → %s", (claimed, want) => expect(submittedAt(claimed, NOW)).toBe(want));
});
