// Session numbers from the bundle against the reference server (docs/protocol.md#51-session-numbers, #52-page-views).
// The e2e company's pool tracker wins for visitors who landed with ?pool=1; the "tiny"
// pool has one number and wins for ?tiny=1. Fixtures: session.html, stub-session.html.
import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { posts, watchErrors } from "./helpers";

const POOL = /^404-555-20\d\d$/;

test("a pool number is leased once per visitor and kept across page views; page views on navigation and pushState", async ({
  page,
  browser,
}) => {
  const noErrors = watchErrors(page);
  const sent = posts(page);
  await page.goto("/fixtures/session.html?pool=1");
  await expect(page.locator("#pool")).toHaveText(POOL);
  const number = await page.locator("#pool").textContent();
  await expect(page.locator("#pool")).toHaveAttribute("href", "tel:" + number!.replace(/-/g, ""));
  await expect(page.locator("#all")).toHaveText("404-555-9999");
  await expect(page.locator("#tiny")).toHaveText("555-000-2222"); // another landing rule
  expect(sent).toEqual(["/sessions"]);

  await page.click("#next");
  await expect(page).toHaveURL(/page=2/);
  await expect(page.locator("#pool")).toHaveText(number!); // from the cached lease
  await expect.poll(() => sent).toEqual(["/sessions", "/sessions/{s}/page_views"]);

  const view = page.waitForRequest((r) => r.url().endsWith("/page_views"));
  await page.click("#spa");
  expect((await view).postDataJSON()).toEqual({
    page_url: expect.stringContaining("/fixtures/session.html?view=spa"),
    referrer_url: expect.stringContaining("/fixtures/session.html?page=2"),
    title: "Booking step 2",
  });
  await page.goBack(); // popstate
  await expect.poll(() => sent.length).toBe(4);
  expect(sent.filter((p) => p == "/sessions")).toHaveLength(1);

  // Another visitor (no cookies) gets another number of the pool.
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto("/fixtures/session.html?pool=1");
  await expect(second.locator("#pool")).toHaveText(POOL);
  expect(await second.locator("#pool").textContent()).not.toBe(number);
  await other.close();
  noErrors();
});

test("an exhausted pool leaves the original number, and getSwapNumbers leaves it out", async ({ page, request }) => {
  const noErrors = watchErrors(page);
  // Take the tiny pool's only number (it may be taken already by an earlier run).
  for (let i = 0; i < 3; i++) {
    const r = await request.post("/v1/companies/e2e/sessions", {
      data: { session_id: randomUUID(), tracker_ids: ["TRK_E2E_TINY"] },
    });
    if (!(await r.json()).numbers.TRK_E2E_TINY) break;
  }
  const answer = page.waitForResponse((r) => r.url().endsWith("/sessions"));
  await page.goto("/fixtures/session.html?tiny=1");
  expect((await (await answer).json()).numbers).toEqual({});
  await expect(page.locator("#all")).toHaveText("404-555-9999");
  await expect(page.locator("#tiny")).toHaveText("555-000-2222");
  const result = await page.evaluate(
    () => new Promise((resolve) => (window.CallTrk as any).getSwapNumbers(["5550002222", "5551231234"], resolve)),
  );
  expect(result).toEqual({ "5551231234": "4045559999" });
  noErrors();
});

test("a dead session endpoint leaves the original numbers and breaks nothing", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.route("**/sessions", (r) => r.abort("connectionrefused"));
  await page.goto("/fixtures/session.html?pool=1");
  await expect(page.locator("#all")).toHaveText("404-555-9999");
  const result = await page.evaluate(
    () => new Promise((resolve) => (window.CallTrk as any).getSwapNumbers(["5550001111"], resolve)),
  );
  expect(result).toEqual({});
  await expect(page.locator("#pool")).toHaveText("555-000-1111");
  expect(errors).toEqual([]);
});

test("the stub queue replays getSwapNumbers, answered once the lease arrived", async ({ page }) => {
  const noErrors = watchErrors(page);
  await page.goto("/fixtures/stub-session.html?pool=1");
  await page.waitForFunction(() => (window as unknown as { log: unknown[] }).log.length > 0);
  await page.waitForTimeout(200);
  const log = await page.evaluate(() => (window as unknown as { log: Array<Record<string, string>> }).log);
  expect(log).toHaveLength(1);
  expect(log[0]).toEqual({ "5550001111": expect.stringMatching(/^404555\d{4}$/), "5551231234": "4045559999" });
  noErrors();
});

test("numbers are swapped before the first paint: inline config, and a repeat view's cached lease", async ({
  page,
}) => {
  const noErrors = watchErrors(page);
  const frames = () => page.evaluate(() => (window as unknown as { frames_seen: string[][] }).frames_seen);
  await page.goto("/fixtures/flicker.html?pool=1");
  await page.waitForFunction(() => (window as unknown as { frames_seen: unknown[] }).frames_seen.length >= 3);
  expect((await frames())[0][1]).toBe("404-555-9999"); // first frame: source number already in
  await expect(page.locator("#pool")).toHaveText(POOL); // the lease arrives after a network wait
  const number = await page.locator("#pool").textContent();

  await page.goto("/fixtures/flicker.html"); // repeat view: the first touch and the lease are stored
  await page.waitForFunction(() => (window as unknown as { frames_seen: unknown[] }).frames_seen.length >= 3);
  expect((await frames())[0]).toEqual([number, "404-555-9999"]);
  noErrors();
});

test("opt-in hiding under a strict CSP: hidden until swapped, then shown, with no violation", async ({ page }) => {
  const noErrors = watchErrors(page); // CSP violations are console errors
  await page.goto("/fixtures/csp.html?pool=1");
  await expect(page.locator("#pool")).toHaveText(POOL);
  await expect(page.locator("html")).not.toHaveClass(/calltrk-hide/);
  await expect(page.locator("#pool")).toBeVisible();
  await expect(page.locator("#all")).toHaveText("404-555-9999");
  noErrors();

  // A dead lease request: the hard timeout shows the numbers anyway, the originals where none.
  await page.context().clearCookies();
  await page.evaluate(() => localStorage.clear());
  await page.route("**/sessions", () => {}); // never answers
  const t0 = Date.now();
  await page.goto("/fixtures/csp.html?pool=1");
  await expect(page.locator("html")).toHaveClass(/calltrk-hide/);
  await expect(page.locator("#pool")).toBeHidden();
  await expect(page.locator("html")).not.toHaveClass(/calltrk-hide/, { timeout: 6000 });
  expect(Date.now() - t0).toBeGreaterThan(2500);
  await expect(page.locator("#pool")).toHaveText("555-000-1111");
  await expect(page.locator("#pool")).toBeVisible();
});
