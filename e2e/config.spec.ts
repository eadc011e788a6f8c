// Where the company config comes from (docs/protocol.md#1-embedding, #3-company-config): fetched, appended to the
// bundle by the server, or given in window.CallTrkConfig, without a request.
import { expect, test } from "@playwright/test";
import { countRequests, watchErrors } from "./helpers";

test("a bundle served with CallTrk.configure() appended swaps with no config request", async ({ page }) => {
  const noErrors = watchErrors(page);
  const configs = countRequests(page, "/v1/companies/");
  await page.goto("/fixtures/inline.html");
  await expect(page.locator("#n")).toHaveText("Call (404) 555-9999");
  await page.waitForTimeout(200);
  expect(configs()).toBe(0);
  noErrors();
});

test("the company's script_url needs no data-company: it swaps, asks for no config and throws nothing", async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  const configs = countRequests(page, "/v1/companies/");
  await page.goto("/fixtures/script-url.html");
  await expect(page.locator("#n")).toHaveText("Call (404) 555-9999");
  await page.waitForTimeout(200);
  expect(configs()).toBe(0);
  noErrors();
});

test("window.CallTrkConfig.config is used as is, with no request", async ({ page }) => {
  const noErrors = watchErrors(page);
  const configs = countRequests(page, "/v1/companies/");
  await page.goto("/fixtures/configobj.html");
  await expect(page.locator("#n")).toHaveText("Call 404.555.2222");
  await page.waitForTimeout(200);
  expect(configs()).toBe(0);
  noErrors();
});

test("the demo site swaps its numbers and keeps the noswap footer", async ({ page }) => {
  const noErrors = watchErrors(page);
  await page.goto("/");
  await expect(page.locator("header .call")).toHaveText("(404) 555-9000");
  await expect(page.locator("header .call")).toHaveAttribute("href", "tel:+14045559000");
  await expect(page.locator(".emergency a")).toHaveText("+1 (404) 555-8888");
  await expect(page.locator("footer")).toContainText("(555) 310-4554");
  await page.click("#more");
  await expect(page.locator("#more-reviews")).toContainText("404-555-9000");
  noErrors();
});
