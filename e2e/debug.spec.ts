// Debug mode and explain() (docs/debugging.md): ?calltrk_debug=1 (or crdbg) writes the
// report to the console for the tab until calltrk_debug=0; the report is a part loaded
// on demand. Fixture: debug.html.
import { expect, test, type Page } from "@playwright/test";
import { countRequests, watchErrors } from "./helpers";

const reports = (page: Page) => {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (m.text().startsWith("[CallTrk] debug report")) seen.push(m.text());
  });
  return seen;
};
const explain = (page: Page) => page.evaluate(() => (window as any).CallTrk.explain());

test("without debug mode nothing is reported and the debug part is not loaded; explain() answers all the same", async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  const parts = countRequests(page, "/swap-debug.js");
  const seen = reports(page);
  await page.goto("/fixtures/debug.html?pool=1");
  await expect(page.locator("#pool")).toHaveText(/404-555-20\d\d/);
  const e = await explain(page);
  expect(e.targets).toEqual(
    expect.arrayContaining([
      {
        target: "5551231234",
        number: "4045559999",
        tracker: "TRK_ALL",
        reason: "source tracker TRK_ALL matches the visitor's first touch (tier 6)",
      },
      expect.objectContaining({
        target: "5550001111",
        number: expect.stringMatching(/^404555\d{4}$/),
        tracker: "TRK_E2E_POOL",
      }),
      expect.objectContaining({ target: "5550002222", number: null, tracker: null }),
      expect.objectContaining({ target: "443-997-KIDS", tracker: "TRK_E2E_VANITY" }),
    ]),
  );
  expect(e.trackers).toBeUndefined();
  expect(parts()).toBe(0);
  expect(seen).toEqual([]);
  noErrors();
});

test("?calltrk_debug=1 reports to the console, for the tab, until calltrk_debug=0; crdbg works too", async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  const seen = reports(page);
  await page.goto("/fixtures/debug.html?pool=1&calltrk_debug=1");
  await expect.poll(() => seen.length).toBe(1);
  const e = await explain(page);
  expect(e.trackers).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ id: "TRK_ALL", matched: true, won: ["5551231234"] }),
      expect.objectContaining({ id: "TRK_E2E_TINY", matched: false }),
      expect.objectContaining({ id: "TRK_E2E_POOL", matched: true, won: ["5550001111"] }),
    ]),
  );
  const all = e.targets.find((t: any) => t.target == "5551231234");
  expect(all).toMatchObject({ number: "4045559999", original_on_page: 0, number_on_page: 2 });
  // Forms captured or skipped, and why.
  await page.click("#send");
  await expect.poll(async () => (await explain(page)).forms).toEqual([{ form: "lead", what: "captured" }]);

  await page.goto("/fixtures/debug.html"); // the tab remembers
  await expect.poll(() => seen.length).toBe(2);
  await page.goto("/fixtures/debug.html?calltrk_debug=0");
  await page.goto("/fixtures/debug.html");
  await expect(page.locator("#all")).toHaveText(/404-555-9999/);
  await page.waitForTimeout(300);
  expect(seen.length).toBe(2);
  await page.goto("/fixtures/debug.html?crdbg=1");
  await expect.poll(() => seen.length).toBe(3);
  noErrors();
});

test("debug mode shows the server's reason when the config is refused", async ({ page }) => {
  const warnings: string[] = [];
  page.on("console", (m) => m.type() == "warning" && warnings.push(m.text()));
  await page.route("**/v1/companies/e2e/config", (r) =>
    r.fulfill({ status: 403, contentType: "application/json", body: '{"error":"origin not allowed"}' }),
  );
  await page.goto("/fixtures/debug.html?calltrk_debug=1");
  await expect
    .poll(() => explain(page).then((e) => e.config))
    .toEqual({
      source: "request",
      status: 403,
      error: "origin not allowed",
    });
  expect(warnings.filter((w) => w.includes("origin not allowed"))).toHaveLength(1);
  await expect(page.locator("#all")).toHaveText("Main line: 555-123-1234, again 555.123.1234");
});
