// The demo site's simulator panel (demo/site.js): it says when the visitor's session pool is
// exhausted and the fallback number is shown, and it covers no part of the page, the footer
// included, on a wide screen or a phone.
import { expect, test, type Page } from "@playwright/test";
import { watchErrors } from "./helpers";

const PAGE = "/fixtures/demo-panel.html?spare=1";

/** True when the panel's box and the footer's box overlap. */
async function panelCoversFooter(page: Page): Promise<boolean> {
  const panel = (await page.locator("#simulator").boundingBox())!;
  const footer = (await page.locator("#footer").boundingBox())!;
  return !(
    panel.x >= footer.x + footer.width ||
    footer.x >= panel.x + panel.width ||
    panel.y >= footer.y + footer.height ||
    footer.y >= panel.y + panel.height
  );
}

test("a visitor who finds the pool exhausted is told the fallback number is shown", async ({ browser }) => {
  // The first visitor takes the pool's one number (or found it taken by an earlier run).
  const first = await browser.newPage();
  await first.goto(PAGE);
  await expect(first.locator("#n")).toHaveText(/\(404\) 555-400[01]/);
  await expect(first.locator("#winners")).toContainText("won by");

  const second = await browser.newPage();
  const noErrors = watchErrors(second);
  await second.goto(PAGE);
  await expect(second.locator("#n")).toHaveText("(404) 555-4000");
  await expect(second.locator("#exhausted")).toBeVisible();
  await expect(second.locator("#exhausted")).toHaveText(
    "The session pool is exhausted: this visitor sees the fallback number, and calls to it are not tied to this visit.",
  );
  noErrors();
  await first.close();
  await second.close();
});

for (const [screen, size] of [
  ["a wide screen", { width: 1280, height: 720 }],
  ["a phone", { width: 390, height: 844 }],
] as const)
  test(`the panel covers no part of the page on ${screen}`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto(PAGE);
    await expect(page.locator("#winners")).toContainText("Which tracker won");
    await page.locator("#footer").scrollIntoViewIfNeeded();
    expect(await panelCoversFooter(page)).toBe(false);
    // What is at the footer's centre is the footer.
    const box = (await page.locator("#footer").boundingBox())!;
    const hit = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x, y)?.closest("#footer") != null,
      [box.x + box.width / 2, box.y + box.height / 2],
    );
    expect(hit).toBe(true);
  });
