// The dashboard in Chromium (docs/dashboard.md): a marketer signs in with the token, reads the
// charts and tables built from visits made on the demo site and calls and leads sent through
// the API, filters by days and source, opens a lead and its visitor's journey, signs out; on a
// phone too. The pages must load without a single Content-Security-Policy violation.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { TOKEN, countRequests, storedForms, watchErrors } from "./helpers";

// The server runs with --demo, where this machine's own browser needs no token. A forwarded
// request is not local (docs/dashboard.md#demo-mode-and-proxies): so this browser is a remote one.
test.use({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.7" } });

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86400e3).toISOString().slice(0, 10);
const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86400e3).toISOString();
// A caller with a valid exchange (it starts with 2-9), as call intake requires.
const digits = () => String(2000000 + Math.floor(Math.random() * 7999999));

/**
 * A Google Ads visitor on the demo site (pool number, three pages, the contact form), who then
 * calls; calls to source trackers' numbers over the last days; a lead from Facebook through the API.
 */
async function seed(page: Page, request: APIRequestContext) {
  const mark = digits();
  const email = `e2e+${mark}@example.com`;
  await page.goto("/?gclid=E2E-DASH", { referer: "https://www.google.com/" });
  await expect(page.locator("header .call")).toHaveText(/^\(404\) 555-110[0-5]$/);
  const number = "+1" + (await page.locator("header .call").textContent())!.replace(/\D/g, "");
  const shown = number.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, "($1) $2-$3");
  // Each page reports its view once the bundle has run on it: wait for the number to show.
  const views = countRequests(page, "/page_views");
  for (const path of ["/demo/services.html", "/demo/contact.html"]) {
    await page.goto(path);
    await expect(page.locator("header .call")).toHaveText(shown);
  }
  await expect.poll(views).toBe(2);
  await page.fill("[name=Name]", "Dana Smith");
  await page.fill("[name=Email]", email);
  await page.fill("[name=Comments]", "Water heater leaking");
  await page.click("button[type=submit]");
  await expect(page.locator("h1")).toHaveText("Thanks, we got your note");
  await expect.poll(() => storedForms(request, "demo", email).then((f) => f.length)).toBe(1);
  const call = (tracking: string, daysAgo: number) =>
    request
      .post("/v1/companies/demo/calls", {
        headers: TOKEN,
        data: { tracking_number: tracking, customer_phone_number: "+1555" + digits(), start_time: at(daysAgo) },
      })
      .then((r) => expect(r.status()).toBe(201));
  await call(number, 0);
  for (const daysAgo of [1, 2, 3, 4]) await call("+14045557777", daysAgo); // Bing Ads
  for (const daysAgo of [2, 3]) await call("+14045555555", daysAgo); // Facebook
  await call("+14045554444", 1); // the newsletter
  const lead = await request.post("/v1/companies/demo/form_submissions", {
    headers: { "Content-Type": "text/plain" },
    data: JSON.stringify({
      id: crypto.randomUUID(),
      form_name: "quote",
      referring_url: "https://l.facebook.com/",
      landing_page_url: "http://127.0.0.1/?utm_campaign=fall",
      form_data: { Name: "Sam Lee", Email: `sam+${mark}@example.com`, Card: "4111 1111 1111 1111" },
    }),
  });
  expect(lead.status()).toBe(201);
  return { email, number };
}

/** Every Content-Security-Policy violation of the page, as the page itself reports them. */
async function cspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as any).__violations.push(e.violatedDirective + " " + e.blockedURI),
    );
  });
  return () => page.evaluate(() => (window as any).__violations as string[]);
}

/**
 * Signs in from the overview of the demo company (the e2e server has a second one), after one
 * wrong token; returns the check that no error reached the page from then on (the wrong token's
 * 401 is logged by the browser itself).
 */
async function signIn(page: Page): Promise<() => void> {
  await page.goto("/dashboard?company=demo");
  await expect(page).toHaveURL(/\/dashboard\/login\?next=%2Fdashboard%3Fcompany%3Ddemo$/);
  await page.fill("input[name=token]", "wrong");
  await page.click("button[type=submit]");
  await expect(page.locator(".error")).toHaveText("That is not the API token.");
  const noErrors = watchErrors(page);
  await page.fill("input[name=token]", "e2e-token");
  await page.click("button[type=submit]");
  await expect(page).toHaveURL(/\/dashboard\?company=demo$/);
  return noErrors;
}

test("sign in, read the charts and tables, filter by days and source, open a lead and its journey, sign out", async ({
  page,
  request,
}) => {
  const { email, number } = await seed(page, request);
  const violations = await cspViolations(page);
  const noErrors = await signIn(page);
  expect((await page.context().cookies()).find((c) => c.name == "calltrk_dashboard")).toMatchObject({
    httpOnly: true,
    sameSite: "Strict",
    path: "/dashboard",
  });

  // The overview: the last 7 days, two charts with bars, the source table, the pool.
  await expect(page.locator(".zone")).toContainText(`${day(6)} to ${day(0)} · times in UTC`);
  await expect(page.locator("svg.chart")).toHaveCount(3); // calls, leads, the visitor pool
  expect(await page.locator("svg.chart rect.s0, svg.chart rect.s1").count()).toBeGreaterThan(0);
  const sources = page.locator("h2:text('By source and medium') + p + .scroll tbody tr");
  await expect(sources.filter({ hasText: "Bing Ads" })).toHaveCount(1);
  await expect(sources.filter({ hasText: "Google Ads" }).first()).toBeVisible();
  await page.screenshot({ path: "test-results/dashboard-desktop.png", fullPage: true });

  // Filter: the last three days, Bing Ads only.
  await page.fill("input[name=from]", day(2));
  await page.fill("input[name=to]", day(0));
  await page.selectOption("select[name=source]", "Bing Ads");
  await page.click("form.filters button[type=submit]");
  await expect(page).toHaveURL(new RegExp(`from=${day(2)}&to=${day(0)}&source=Bing\\+Ads`));
  await expect(sources).toHaveCount(1);
  await expect(sources.first()).toContainText("Bing Ads");
  await page.click("nav >> text=Calls");
  const calls = page.locator("table.cards tbody tr");
  await expect(calls.first()).toBeVisible();
  for (const row of await calls.all()) await expect(row.locator("td").nth(4)).toHaveText("Bing Ads");
  // Days two, one (the range starts at midnight UTC two days ago), and not the 3rd or 4th: at least 2.
  expect(await calls.count()).toBeGreaterThanOrEqual(2);

  // Leads, all sources: the demo visitor's lead, its details and its journey.
  await page.click("nav >> text=Leads");
  await page.selectOption("select[name=source]", "");
  await page.click("form.filters button[type=submit]");
  const lead = page.locator("table.cards tbody tr", { hasText: email });
  await expect(lead).toContainText("Google Ads");
  await lead.locator("a", { hasText: "details" }).click();
  await expect(page.locator("h1")).toHaveText("Form lead");
  await expect(page.locator("table.cards")).toContainText("Water heater leaking");
  await page.click("text=Visitor journey");
  await expect(page.locator("h1")).toHaveText("Visitor journey");
  const timeline = page.locator("ol.timeline li");
  await expect(timeline.filter({ hasText: "/demo/services.html" })).toHaveCount(1);
  await expect(timeline.filter({ hasText: "Sent the form" })).toHaveCount(1);
  await expect(
    timeline.filter({ hasText: "Called " + number.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, "$1-$2-$3") }),
  ).toHaveCount(1);
  await expect(page.locator("ol.timeline li:target")).toHaveClass("lead"); // the link's anchor
  await page.screenshot({ path: "test-results/dashboard-journey.png", fullPage: true });

  // The Facebook lead sent through the API: its card number is hidden.
  await page.goto(`/dashboard/leads?company=demo&source=Facebook`);
  await page.locator("table.cards tbody tr").first().locator("a", { hasText: "details" }).click();
  // The card number never reached the store (docs/security.md): the lead shows the rest.
  await expect(page.locator("table.cards")).toContainText("Sam Lee");
  await expect(page.locator("body")).not.toContainText("4111 1111");

  // No URL of any page carries the token.
  for (const href of await page
    .locator("a[href], form[action]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("href") || e.getAttribute("action"))))
    expect(href).not.toMatch(/token/);

  await page.click("text=Log out");
  await expect(page).toHaveURL(/\/dashboard\/login$/);
  await page.goto("/dashboard/calls");
  await expect(page).toHaveURL(/\/dashboard\/login\?next=/);

  expect(await violations()).toEqual([]);
  noErrors();
  // The listener is live: an inline style is refused, and reported.
  await page.evaluate(() => {
    const style = document.createElement("style");
    style.textContent = "body { color: red }";
    document.head.appendChild(style);
  });
  await expect.poll(violations).toEqual(["style-src-elem inline"]);
});

test("on a phone: the overview and the call log fit the screen, tables as cards", async ({ page, request }) => {
  await seed(page, request);
  await page.setViewportSize({ width: 390, height: 844 });
  const violations = await cspViolations(page);
  const noErrors = await signIn(page);
  const overflow = () =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBe(0);
  await expect(page.locator("svg.chart").first()).toBeVisible();
  expect((await page.locator("svg.chart").first().boundingBox())!.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/dashboard-phone.png", fullPage: true });
  await page.click("nav >> text=Calls");
  expect(await overflow()).toBe(0);
  // A row is a card: its cells stacked, each with its column's name before it.
  const cell = page.locator("table.cards tbody tr").first().locator("td").first();
  expect(await cell.evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"Time"');
  await expect(page.locator("table.cards thead")).toBeHidden();
  await page.screenshot({ path: "test-results/dashboard-phone-calls.png" }); // what the phone shows first
  expect(await violations()).toEqual([]);
  noErrors();
});
