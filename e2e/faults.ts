// The bundle fault suite's check: after any fault, no error reached the
// page, the page has no element it did not have without the bundle, no global but
// `CallTrk` appeared, and every number is the one the fault leaves room for.
import { expect, type Page } from "@playwright/test";
import { pageErrors } from "./helpers";

export const ORIGINAL = { all: "555-123-1234", pool: "555-000-1111", other: "555-777-0000" };
export const SWAPPED_ALL = "404-555-9999";
export const LEASED = /^404-555-20\d\d$/;

interface Shape {
  globals: string[];
  elements: string;
}

const shape = (page: Page): Promise<Shape> =>
  page.evaluate(() => ({
    globals: Object.getOwnPropertyNames(window),
    elements: Array.from(document.querySelectorAll("*"), (e) => e.tagName + (e.id ? "#" + e.id : "")).join(" "),
  }));

/** Waits until the bundle settled: getSwapNumbers calls back after the config and any lease request ended. */
export const settled = (page: Page) =>
  page.evaluate(() => new Promise((done) => (window as any).CallTrk.getSwapNumbers([], done)));

/**
 * Loads `url` once with the bundle blocked (the page's own shape), then for real, and
 * checks the rules of the fault suite (README: Reliability). `after` runs once the bundle settled.
 */
export async function underFault(
  page: Page,
  url: string,
  expected: { all: string; pool: string | RegExp },
  after?: () => Promise<void>,
) {
  await page.route("**/swap.js", (r) => r.abort());
  await page.goto(url);
  await page.waitForTimeout(500); // dynamic.html adds its tag 300 ms after load
  const before = await shape(page);
  await page.unroute("**/swap.js");
  await page.context().clearCookies();

  const errors = pageErrors(page, false);
  await page.goto(url);
  await page.waitForFunction(() => (window as any).CallTrk && (window as any).CallTrk.getVisitor, null, {
    timeout: 5000,
  });
  await settled(page);
  if (after) {
    await after();
    // `after` may have left and come back: wait for that page view's bundle to settle too.
    await page.waitForFunction(() => (window as any).CallTrk && (window as any).CallTrk.getVisitor);
    await settled(page);
  }
  // Parts loaded on demand come as script elements that are removed once they ran or failed.
  await page.waitForFunction(() => !document.querySelector('script[src*="/swap-"]'));
  const now = await shape(page);

  expect(errors).toEqual([]);
  expect(now.globals.filter((g) => !before.globals.includes(g))).toEqual(["CallTrk"]);
  expect(now.elements).toBe(before.elements);
  await expect(page.locator("#all")).toHaveText(expected.all);
  await expect(page.locator("#pool")).toHaveText(expected.pool);
  await expect(page.locator("#other")).toHaveText(ORIGINAL.other);
  const href = await page.locator("#all").getAttribute("href");
  expect(href).toBe(expected.all == ORIGINAL.all ? "tel:+15551231234" : "tel:+14045559999");
  // Nothing the page shows came from markup: no text holds a tag.
  expect(await page.locator("body").innerText()).not.toMatch(/[<>]/);
}
