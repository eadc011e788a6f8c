// Visitor attribution in Chromium (docs/protocol.md#4-visitor-attribution): real Referer headers, real
// cross-site clicks, the cookies the browser keeps, and the first touch across visits.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { watchErrors } from "./helpers";

const LANDING = "/fixtures/attribution.html";
/** getVisitor() once the config has settled (the swapped number shows it): overrides need it. */
const visitor = async (page: Page) => {
  await expect(page.locator("#n")).toHaveText("404-555-9999");
  return page.evaluate(() => (window.CallTrk as { getVisitor(): Record<string, unknown> }).getVisitor());
};
const ours = async (context: BrowserContext) =>
  (await context.cookies()).filter((c) => c.name.startsWith("calltrk_")).sort((a, b) => a.name.localeCompare(b.name));

test.beforeEach(async ({ context }) => {
  await context.clearCookies();
});

test("a Google Ads click: paid attribution, three Lax cookies for the configured 30 days", async ({
  page,
  context,
}) => {
  const noErrors = watchErrors(page);
  await context.addCookies([{ name: "_ga", value: "GA1.2.345.678", url: "http://127.0.0.1" }]);
  await page.goto(LANDING + "?gclid=abc&utm_campaign=spring", { referer: "https://www.google.com/" });
  const v = await visitor(page);
  expect(v).toMatchObject({
    source: "google",
    medium: "cpc",
    search_engine: "google",
    search_type: "paid",
    referrer: "https://www.google.com/",
    referrer_domain: "google.com",
    campaign: "spring",
    click_ids: { gclid: "abc" },
    cookies: { _ga: "GA1.2.345.678" },
  });
  const cookies = await ours(context);
  expect(cookies.map((c) => c.name)).toEqual(["calltrk_landing", "calltrk_referrer", "calltrk_session_id"]);
  const days = (cookies[0].expires * 1000 - Date.now()) / 864e5;
  for (const c of cookies) {
    expect(c).toMatchObject({ path: "/", sameSite: "Lax", secure: false });
    expect(Math.abs(c.expires - cookies[0].expires)).toBeLessThan(5);
  }
  expect(days).toBeGreaterThan(29.9);
  expect(days).toBeLessThan(30.1);
  expect(cookies[2].value).toBe(v.session_id);
  noErrors();
});

test("an origin-only referrer from a real cross-site click is a referral, kept across later visits", async ({
  page,
  context,
}) => {
  const noErrors = watchErrors(page);
  const port = process.env.E2E_PORT || "4173";
  await page.goto(`http://localhost:${port}/fixtures/referrer.html?utm_content=sidebar`);
  await page.click("#out");
  await page.waitForURL(/127\.0\.0\.1.*attribution/);
  const first = await visitor(page);
  // Chrome's default policy (strict-origin-when-cross-origin) cuts the referrer to its origin.
  expect(first).toMatchObject({ source: "localhost", medium: "referral", referrer: `http://localhost:${port}/` });

  // An internal click, a direct visit and an organic arrival keep the first touch and session.
  await page.click("#internal");
  await page.waitForURL(/page=2/);
  expect(await visitor(page)).toMatchObject({ source: "localhost", session_id: first.session_id });
  await page.goto(LANDING);
  expect(await visitor(page)).toMatchObject({ source: "localhost", session_id: first.session_id });
  await page.goto(LANDING, { referer: "https://www.bing.com/" });
  expect(await visitor(page)).toMatchObject({ source: "localhost", session_id: first.session_id });
  expect((await ours(context)).find((c) => c.name == "calltrk_referrer")!.value).toContain("localhost");
  noErrors();
});

test("overrides: a paid click (swap_ppc_override) and the landing parameter replace the first touch", async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.goto(LANDING, { referer: "https://l.facebook.com/" });
  const fb = await visitor(page);
  expect(fb).toMatchObject({ source: "facebook", medium: "social" });
  await page.goto(LANDING + "?msclkid=m1", { referer: "https://www.bing.com/" });
  const bing = await visitor(page);
  expect(bing).toMatchObject({ source: "bing", search_type: "paid" });
  expect(bing.session_id).not.toBe(fb.session_id);
  await page.goto(LANDING + "?promo=spring");
  expect(await visitor(page)).toMatchObject({
    source: "direct",
    landing_page_url: expect.stringContaining("promo=spring"),
  });
  noErrors();
});

test("expired cookies and mirror start over", async ({ page, context }) => {
  await page.goto(LANDING, { referer: "https://www.google.com/" });
  const google = await visitor(page);
  await context.clearCookies();
  await page.evaluate(() => localStorage.clear());
  await page.goto(LANDING, { referer: "https://duckduckgo.com/" });
  const ddg = await visitor(page);
  expect(ddg).toMatchObject({ source: "duckduckgo", medium: "organic" });
  expect(ddg.session_id).not.toBe(google.session_id);
});

test("a cookie lost to the browser is restored from localStorage", async ({ page, context }) => {
  await page.goto(LANDING, { referer: "https://www.google.com/" });
  const google = await visitor(page);
  await context.clearCookies();
  await page.goto(LANDING);
  expect(await visitor(page)).toMatchObject({ source: "google", session_id: google.session_id });
});

test("consent pending: nothing stored until granted, then the first touch persists", async ({ page, context }) => {
  const noErrors = watchErrors(page);
  await page.goto("/fixtures/attribution-pending.html", { referer: "https://www.google.com/" });
  await expect(page.locator("#n")).toHaveText("404-555-9999"); // source numbers still swap
  await page.waitForTimeout(100);
  expect(await page.evaluate(() => (window.CallTrk as any).getVisitor())).toMatchObject({
    source: "google",
    session_id: null,
  });
  expect(await ours(context)).toEqual([]);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  await page.evaluate(() => (window.CallTrk as any).consent("granted"));
  expect(await visitor(page)).toMatchObject({ source: "google", medium: "organic" });
  expect(await ours(context)).toHaveLength(3);
  await page.evaluate(() => (window.CallTrk as any).consent("denied"));
  expect(await ours(context)).toEqual([]);
  noErrors();
});

test.describe("cookie domain probing on a real multi-label suffix", () => {
  // Chromium resolves this .co.uk site to the local server (e2e/launch.ts); its own Public
  // Suffix List refuses a cookie on co.uk, so the probe must settle on acme-plumbing.co.uk.
  test("cookies are set on the registrable domain, seen from another subdomain", async ({ page, context }) => {
    const port = process.env.E2E_PORT || "4173";
    await page.goto(`http://www.acme-plumbing.co.uk:${port}${LANDING}`, { referer: "https://www.google.co.uk/" });
    const v = await visitor(page);
    expect(v).toMatchObject({ source: "google", medium: "organic" });
    const cookies = await ours(context);
    expect(cookies.map((c) => c.domain)).toEqual([
      ".acme-plumbing.co.uk",
      ".acme-plumbing.co.uk",
      ".acme-plumbing.co.uk",
    ]);
    await page.goto(`http://shop.acme-plumbing.co.uk:${port}${LANDING}`);
    expect(await visitor(page)).toMatchObject({ source: "google", session_id: v.session_id });
  });
});
