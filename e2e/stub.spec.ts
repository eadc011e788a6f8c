// The snippet's stub queue (docs/protocol.md#1-embedding): calls made before the async bundle loads are
// replayed in order, exactly once (fixture: fixtures/stub.html).
import { expect, test } from "@playwright/test";
import { countRequests, watchErrors } from "./helpers";

test("queued getSwapNumbers calls are replayed once, in order, with the answer", async ({ page }) => {
  const noErrors = watchErrors(page);
  const configs = countRequests(page, "/v1/companies/e2e/config");
  await page.goto("/fixtures/stub.html");
  await expect(page.locator("#n")).toHaveText("404-555-9999");
  await page.waitForFunction(() => (window as unknown as { log: unknown[] }).log.length >= 2);
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { log: unknown[] }).log)).toEqual([
    ["first", { "5551231234": "4045559999" }],
    ["second", { "5559876543": "4045551111" }],
  ]);
  expect(configs()).toBe(1);
  noErrors();
});

test("a bundle loaded twice swaps, asks and answers once", async ({ page }) => {
  const noErrors = watchErrors(page);
  const configs = countRequests(page, "/v1/companies/e2e/config");
  const bundles = countRequests(page, "/swap.js");
  await page.goto("/fixtures/double.html");
  await expect(page.locator("#n")).toHaveText("404-555-9999");
  await page.waitForTimeout(300);
  expect(bundles()).toBe(2);
  expect(configs()).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { calls: number }).calls)).toBe(1);
  noErrors();
});
