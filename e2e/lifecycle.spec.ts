// Who never leases, and page views beyond the first load (docs/swapping.md#prerender-bfcache-and-crawlers,
// #one-instance-per-page): crawlers, prerendered pages, pages restored from the
// back/forward cache, and two instances on one page. Fixtures: crawler.html, prerender.html
// (+ prerender-record.js), bfcache.html, instances.html.
import { chromium, expect, test } from "@playwright/test";
import { posts, storedForms, watchErrors } from "./helpers";
import { args, executablePath } from "./launch";

const POOL = /^404-555-20\d\d$/;

test("a crawler (by user agent) never asks for a pool number and sees source numbers", async ({ browser }) => {
  const context = await browser.newContext({
    userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  });
  const page = await context.newPage();
  const noErrors = watchErrors(page);
  const sent = posts(page);
  await page.goto("/fixtures/crawler.html?pool=1");
  await expect(page.locator("#all")).toHaveText("404-555-9999");
  await page.evaluate(() => new Promise((done) => (window as any).CallTrk.getSwapNumbers([], done)));
  await expect(page.locator("#pool")).toHaveText("555-000-1111");
  expect(sent).toEqual([]);
  expect((await page.evaluate(() => (window as any).CallTrk.explain())).crawler).toBe(true);
  noErrors();
  await context.close();
});

test("HeadlessChrome and navigator.webdriver are not crawlers: this very suite leases", async ({ page }) => {
  const sent = posts(page);
  await page.goto("/fixtures/crawler.html?pool=1");
  await expect(page.locator("#pool")).toHaveText(POOL);
  expect(sent).toEqual(["/sessions"]);
});

test("a prerendered page (document.prerendering simulated) leases and stores nothing until prerenderingchange", async ({
  page,
  context,
}) => {
  const noErrors = watchErrors(page);
  const sent = posts(page);
  // Chromium refuses to prerender while DevTools is attached (PrerenderingDisabledByDevTools,
  // which Playwright always is), so this drives the same path through the standard API:
  // document.prerendering true, then the prerenderingchange event, as Chromium does.
  await page.addInitScript(() => {
    let prerendering = true;
    Object.defineProperty(Document.prototype, "prerendering", { configurable: true, get: () => prerendering });
    (window as any).showPage = () => {
      prerendering = false;
      document.dispatchEvent(new Event("prerenderingchange"));
    };
  });
  await page.goto("/fixtures/prerender.html?pool=1");
  await expect(page.locator("#all")).toHaveText("404-555-9999");
  await page.waitForTimeout(300);
  expect(sent).toEqual([]);
  expect((await context.cookies()).filter((c) => c.name.startsWith("calltrk_"))).toEqual([]);
  expect((await page.evaluate(() => (window as any).CallTrk.explain())).prerendering).toBe(true);
  await page.evaluate(() => (window as any).showPage());
  expect(await page.evaluate(() => (window as any).seenWhilePrerendered)).toEqual({ cookie: "", all: "404-555-9999" });
  await expect(page.locator("#pool")).toHaveText(POOL);
  expect(sent).toEqual(["/sessions"]);
  expect((await context.cookies()).map((c) => c.name)).toContain("calltrk_session_id");
  noErrors();
});

test("a page restored from the back/forward cache counts as a page view and renews the lease", async ({ baseURL }) => {
  // Playwright turns the back/forward cache off (--disable-back-forward-cache): this test's own browser keeps it.
  const browser = await chromium.launch({ executablePath, args, ignoreDefaultArgs: ["--disable-back-forward-cache"] });
  const page = await browser.newPage({ baseURL });
  const noErrors = watchErrors(page);
  const sent = posts(page);
  await page.goto("/fixtures/bfcache.html?pool=1");
  await expect(page.locator("#pool")).toHaveText(POOL);
  await page.click("#away");
  await expect(page.locator("h1")).toHaveText("Thanks");
  const views = () => sent.filter((p) => p == "/sessions/{s}/page_views").length;
  await expect.poll(views).toBe(1); // the page away is a page view of its own
  await page.goBack({ waitUntil: "commit" }); // a restored page fires no load event
  await expect.poll(() => page.evaluate(() => (window as any).restored)).toBe(1);
  await expect.poll(views).toBe(2);
  expect(sent.filter((p) => p == "/sessions")).toHaveLength(1);
  noErrors();
  await browser.close();
});

test("two instances and a StrictMode mount, destroy, mount: one config, one lease, one capture", async ({
  page,
  request,
}) => {
  const noErrors = watchErrors(page);
  const sent = posts(page);
  const configs: string[] = [];
  page.on("request", (r) => r.url().includes("/config") && configs.push(r.url()));
  await page.goto("/fixtures/instances.html?pool=1");
  await expect(page.locator("#pool")).toHaveText(POOL);
  await expect(page.locator("#all")).toHaveText("404-555-9999");
  const marker = "two-" + Date.now() + "@example.com";
  await page.fill("#email", marker);
  await page.click("#send");
  await expect.poll(() => storedForms(request, "e2e", marker).then((f) => f.length), { timeout: 15000 }).toBe(1);
  await page.waitForTimeout(300);
  expect(configs).toHaveLength(1);
  expect(sent.filter((p) => p == "/sessions")).toHaveLength(1);
  expect(sent.filter((p) => p == "/form_submissions")).toHaveLength(1);
  // The last handle destroyed puts the page's own numbers back; the other alone keeps them.
  await page.evaluate(() => (window as any).second.destroy());
  await expect(page.locator("#all")).toHaveText("404-555-9999");
  await page.evaluate(() => (window as any).first.destroy());
  await expect(page.locator("#all")).toHaveText("555-123-1234");
  await expect(page.locator("#pool")).toHaveText("555-000-1111");
  noErrors();
});
