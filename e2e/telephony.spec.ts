// The whole call loop in Chromium against the real server (docs/telephony.md): a Google-ad
// visitor gets a pool number; a signed voice webhook to that number dials the destination; the
// status callbacks end the call; the v3 call shows google/cpc/gclid, the duration and the
// visitor's page views; the post_call webhook reaches a local receiver with a valid Signature,
// after the receiver answered 500 the first time.
import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { signedTwilioRequest } from "../server/telephony/signature";
import { checkWebhookSignature } from "../server/webhooks/sign";
import { startReceiver } from "../test/server/receiver";
import { TOKEN, watchErrors } from "./helpers";

/** The server under test runs with the demo's carrier token and its own address as PUBLIC_URL. */
const TWILIO = "demo-twilio-token-change-me";

test("Google-ad visitor → pool number → call dialed → status → attributed call → signed post_call webhook after a 500", async ({
  page,
  request,
  baseURL,
}) => {
  const noErrors = watchErrors(page);
  // A CRM that fails once, then takes the webhook.
  const crm = await startReceiver([500], "/calls");
  const { got, url: hook } = crm;
  const created = await request.post("/v3/a/e2e/integrations.json", {
    headers: TOKEN,
    data: { company_id: "e2e", type: "Webhooks", config: { post_call_webhook: [hook] } },
  });
  expect(created.status()).toBe(201);
  const integration = await created.json();

  try {
    await page.goto("/fixtures/call.html?pool=1&gclid=E2E-CALL");
    await expect(page.locator("#pool")).toHaveText(/^404-555-20\d\d$/);
    await page.click("#services");
    await expect(page.locator("#pool")).toHaveText(/^404-555-20\d\d$/);
    const number = "+1" + (await page.locator("#pool").textContent())!.replace(/\D/g, "");

    const caller = "+1404555" + String(7000 + Math.floor(Math.random() * 999)).padStart(4, "0");
    const call = {
      CallSid: "CA" + randomBytes(16).toString("hex"),
      AccountSid: "AC" + "0".repeat(32),
      From: caller,
      To: number,
      Direction: "inbound",
      CallerCity: "ATLANTA",
      CallerState: "GA",
      CallerCountry: "US",
    };
    const carrier = (path: string, params: Record<string, string>) => {
      const r = signedTwilioRequest(baseURL + path, params, TWILIO);
      return request.post(path, { headers: r.headers, data: r.body });
    };
    const voice = await carrier("/v1/telephony/twilio/voice", { ...call, CallStatus: "ringing" });
    expect(voice.status()).toBe(200);
    expect(await voice.text()).toMatch(/<Dial [^>]*><Number>\+15551231234<\/Number><\/Dial>/);
    await carrier("/v1/telephony/twilio/status", {
      ...call,
      CallStatus: "in-progress",
      DialCallStatus: "completed",
      DialCallDuration: "60",
    });
    await carrier("/v1/telephony/twilio/status", { ...call, CallStatus: "completed", CallDuration: "64" });

    // The attributed call, through the operator API.
    const found = async () => {
      const list = await (await request.get("/v3/a/e2e/calls.json?per_page=250", { headers: TOKEN })).json();
      return (list.calls as Array<Record<string, unknown>>).find((c) => c.customer_phone_number == caller);
    };
    await expect.poll(async () => (await found())?.duration, { timeout: 10000 }).toBe(64);
    const stored = (await found())!;
    expect(stored).toMatchObject({
      tracking_phone_number: number,
      tracker_id: "TRK_E2E_POOL",
      source: "Google Ads",
      medium: "cpc",
      gclid: "E2E-CALL",
      answered: true,
      business_phone_number: "+15551231234",
    });
    const views = await (await request.get(`/v3/a/e2e/calls/${stored.id}/page_views.json`, { headers: TOKEN })).json();
    expect(views.page_views.map((v: { page_url: string }) => new URL(v.page_url).search)).toEqual([
      "?page=services",
      "?pool=1&gclid=E2E-CALL",
    ]);

    // The post_call webhook: refused once (500), sent again within seconds, then accepted.
    await expect.poll(() => got.length, { timeout: 20000 }).toBe(2);
    const [first, second] = got;
    expect(second.headers["calltrk-webhook-id"]).toBe(first.headers["calltrk-webhook-id"]);
    expect(checkWebhookSignature(integration.signing_key, second.body, second.headers["signature"] as string)).toBe(
      true,
    );
    expect(JSON.parse(second.body)).toMatchObject({
      id: stored.id,
      duration: 64,
      source: "Google Ads",
      gclid: "E2E-CALL",
    });
    await expect
      .poll(async () => {
        const i = await (await request.get(`/v3/a/e2e/integrations/${integration.id}.json`, { headers: TOKEN })).json();
        return i.deliveries.delivered;
      })
      .toBeGreaterThanOrEqual(1);
  } finally {
    await request.delete(`/v3/a/e2e/integrations/${integration.id}.json`, { headers: TOKEN });
    void crm.close();
  }
  noErrors();
});
