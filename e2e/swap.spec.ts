// A page before and after: every format, links, attributes, shadow DOM, split numbers,
// and the places that must keep the real number (fixture: fixtures/swap.html).
import { expect, test } from "@playwright/test";
import { watchErrors } from "./helpers";

test("the served page holds the real numbers; the shown page holds the tracking numbers", async ({ page, request }) => {
  const noErrors = watchErrors(page);
  const raw = await (await request.get("/fixtures/swap.html")).text();
  expect(raw).toContain("<li>(555) 123-1234</li>");
  expect(raw).not.toContain("404");

  await page.goto("/fixtures/swap.html");
  await expect(page.locator("#formats li").first()).toHaveText("404-555-9999");
  expect(await page.locator("#formats li").allTextContents()).toEqual([
    "404-555-9999",
    "(404) 555-9999",
    "(404)555-9999",
    "404.555.9999",
    "404 555 9999",
    "4045559999",
    "+1 404 555 9999",
    "1-404-555-9999",
    "+1 (404) 555-9999",
    "+14045559999",
    "+1.404.555.9999",
    "404\u00a0555\u00a09999",
  ]);
  await expect(page.locator("#sales")).toHaveText("Sales: (404) 555-1111, UK office +14045551111");
  await expect(page.locator("#nomatch")).toHaveText("Order 15551231234999, ID 905551231234, other 555-123-1235");
  await expect(page.locator("#split")).toHaveText("(404) 555-9999");
  expect(await page.locator("#split span").count()).toBe(3);

  const tel = page.locator("#tel");
  await expect(tel).toHaveAttribute("href", "tel:+14045559999");
  await expect(tel).toHaveAttribute("title", "Call 404-555-9999");
  await expect(tel).toHaveAttribute("aria-label", "Call (404) 555-9999");
  await expect(page.locator("#sms")).toHaveAttribute("href", "sms:4045559999");
  await expect(page.locator("#web")).toHaveAttribute("href", "https://example.com/5551231234");

  await expect(page.locator("#ta")).toHaveValue("555-123-1234");
  await expect(page.locator("#in")).toHaveValue("555-123-1234");
  await expect(page.locator("#edit")).toHaveText("555-123-1234");
  await expect(page.locator("#footer")).toHaveText("Main office: 555-123-1234");
  expect(await page.locator('script[type="application/ld+json"]').textContent()).toContain("+1-555-123-1234");
  await expect(page.locator("#host p")).toHaveText("Call 404.555.9999"); // pierces the open shadow root

  // Only CallTrk appears as a global.
  expect(await page.evaluate(() => typeof (window as { CallTrk?: unknown }).CallTrk)).toBe("object");
  noErrors();
});
