// Where numbers are swapped beyond text and tel: links (docs/swapping.md): the document's
// title, vanity and exact-text targets, imessage: links. Fixtures: title.html, vanity.html,
// imessage.html; the e2e company's TRK_E2E_VANITY lists the vanity targets.
import { expect, test } from "@playwright/test";
import { watchErrors } from "./helpers";

test("the document's title is swapped, at load and when the page sets it later", async ({ page }) => {
  const noErrors = watchErrors(page);
  await page.goto("/fixtures/title.html");
  await expect(page.locator("#n")).toHaveText("404-555-9999");
  await expect(page).toHaveTitle("Acme Plumbing, call 404-555-9999");
  await page.click("#retitle");
  await expect(page).toHaveTitle("Booking: call (404) 555-9999");
  noErrors();
});

test("vanity targets are found as their exact text and show the tracking number in national format", async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  await page.goto("/fixtures/vanity.html");
  await expect(page.locator("#kids")).toHaveText("Kids line: (404) 555-7001");
  await expect(page.locator("#fetal")).toHaveText("Call (404) 555-7001 today");
  await expect(page.locator("#fetal-link")).toHaveAttribute("href", "tel:+14045557001");
  await expect(page.locator("#club")).toHaveText("Not a target: 443-997-KIDSCLUB");
  noErrors();
});

test("imessage: links are swapped like sms: links", async ({ page }) => {
  const noErrors = watchErrors(page);
  await page.goto("/fixtures/imessage.html");
  await expect(page.locator("#imessage")).toHaveAttribute("href", "imessage:+14045559999");
  await expect(page.locator("#sms")).toHaveAttribute("href", "sms:4045559999");
  await expect(page.locator("#web")).toHaveAttribute("href", "https://example.com/imessage/5551231234");
  noErrors();
});
