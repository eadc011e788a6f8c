// The whole loop against the reference server: a visitor arrives from a Google ad, is
// leased a pool number by the bundle (docs/protocol.md#51-session-numbers), browses (page
// views, docs/protocol.md#52-page-views), sends the contact form (captured by the bundle,
// docs/protocol.md#53-form-submissions, and posted, so that no page URL holds the visitor's
// details), calls; the call comes back attributed to the ad with the pages seen, and the lead
// is stored once.
import { expect, test } from "@playwright/test";
import { storedForms, TOKEN, watchErrors } from "./helpers";

test("arrival → pool number → pages → form → call → attributed with source and page views", async ({
  page,
  request,
}) => {
  // A first call in every run; the exchange starts with 2-9 as every North American number's does.
  const caller = "+1555" + String(2e6 + Math.floor(Math.random() * 8e6));
  const email = `dana+${caller.slice(-7)}@example.com`;
  const noErrors = watchErrors(page);
  const sent: string[] = [];
  page.on(
    "request",
    (r) => r.method() == "POST" && sent.push(new URL(r.url()).pathname.replace(/[0-9a-f-]{36}/, "{s}")),
  );
  await page.goto("/?gclid=E2E-CLICK", { referer: "https://www.google.com/" });
  // Google Ads matches the session pool (a Bing Ads source tracker would win for Bing).
  await expect(page.locator("header .call")).toHaveText(/^\(404\) 555-110[0-5]$/);
  const number = "+1" + (await page.locator("header .call").textContent())!.replace(/\D/g, "");
  const visitor = await page.evaluate(() => (window.CallTrk as any).getVisitor());
  expect(visitor).toMatchObject({ source: "google", medium: "cpc", click_ids: { gclid: "E2E-CLICK" } });

  for (const path of ["/demo/services.html", "/demo/contact.html"]) {
    await page.goto(path);
    await expect(page.locator("header .call")).toHaveText(number.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, "($1) $2-$3"));
  }
  await page.fill("[name=Name]", "Dana Smith");
  await page.fill("[name=Email]", email);
  await page.fill("[name=Comments]", "Leak under the sink");
  await page.click("button[type=submit]");
  await expect(page.locator("h1")).toHaveText("Thanks, we got your note");
  // The form is posted: the visitor's name and e-mail never sit in a page URL (docs/security.md#page-urls).
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/demo/thanks.html");
  await expect.poll(() => storedForms(request, "demo", email).then((f) => f.length)).toBe(1);
  const [lead] = await storedForms(request, "demo", email);
  expect(lead).toMatchObject({
    session_id: visitor.session_id,
    form_name: "contact",
    referrer: "google_paid",
    source: "Google Ads", // named by the server from the first touch's URLs
    medium: "cpc",
    form_data: { Name: "Dana Smith", Email: email, Service: "Drain cleaning", Comments: "Leak under the sink" },
  });
  expect(lead.form_data).not.toHaveProperty("Newsletter"); // unchecked
  await expect.poll(() => sent.filter((p) => p.endsWith("/page_views")).length).toBe(3); // services, contact, thanks
  expect(sent.filter((p) => p.endsWith("/sessions"))).toEqual(["/v1/companies/demo/sessions"]); // one lease request

  const posted = await request.post("/v1/companies/demo/calls", {
    headers: TOKEN,
    data: { tracking_number: number, customer_phone_number: caller, start_time: new Date().toISOString() },
  });
  expect(posted.status()).toBe(201);
  const callId = (await posted.json()).id;
  const call = await (await request.get(`/v3/a/demo/calls/${callId}.json`, { headers: TOKEN })).json();
  expect(call).toMatchObject({
    session_id: visitor.session_id,
    source: "Google Ads",
    medium: "cpc",
    gclid: "E2E-CLICK",
    referrer_domain: "google.com",
  });
  const views = await (await request.get(`/v3/a/demo/calls/${callId}/page_views.json`, { headers: TOKEN })).json();
  expect(JSON.stringify(views)).not.toContain("Dana");
  expect(JSON.stringify(views)).not.toContain(email.split("@")[0]);
  expect(views.page_views.map((v: { page_url: string }) => new URL(v.page_url).pathname)).toEqual([
    "/demo/thanks.html",
    "/demo/contact.html",
    "/demo/services.html",
    "/",
  ]);

  // The call log names the number as the reports print it (404-555-1101).
  const dashboard = await request.get("/dashboard/calls?company=demo", { headers: TOKEN });
  expect(await dashboard.text()).toContain(number.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, "$1-$2-$3"));
  noErrors();
});

test("the demo's single-page app: numbers in content rendered after pushState are swapped", async ({ page }) => {
  const noErrors = watchErrors(page);
  await page.goto("/demo/book.html");
  await expect(page.locator(".step-text")).toHaveText("Not sure? Call us at (404) 555-9000 and describe it.");
  await page.click("#next");
  await expect(page).toHaveURL(/step=2/);
  await expect(page.locator(".step-text")).toHaveText("No slot that suits you? Call 404-555-9000.");
  await page.goBack();
  await expect(page.locator(".step-text")).toContainText("(404) 555-9000");
  await expect(page.locator("footer")).toContainText("(555) 310-4554");
  noErrors();
});

test("the arrival simulator sets the first touch it names", async ({ page }) => {
  await page.goto("/demo/services.html");
  await page.getByRole("button", { name: "Facebook post" }).click(); // a new visitor
  await expect(page.locator("#visitor")).toContainText('"source": "facebook"');
  await expect(page.locator("#winners")).toContainText(
    "555-310-4554 → (404) 555-5555\n  source tracker TRK_FACEBOOK matches the visitor's first touch (tier 2)\n  won by Facebook",
  );
  await expect(page.locator("#winners")).toContainText("also matched: Website (all visitors)");
  await page.check("#returning");
  await page.getByRole("button", { name: "Google Ads click" }).click(); // swap_ppc_override replaces
  await expect(page.locator("#visitor")).toContainText('"search_type": "paid"');
  await expect(page.locator("#winners")).toContainText(
    /555-310-4554 → \(404\) 555-110\d\n {2}session tracker TRK_POOL \(tier 4\): the number leased to this session\n {2}won by Visitor pool/,
  );
  await page.check("#returning");
  await page.getByRole("button", { name: "Facebook post" }).click(); // no override: kept
  await expect(page.locator("#visitor")).toContainText('"search_type": "paid"');
  await page.click("#forget");
  await expect(page.locator("#visitor")).toContainText('"medium": "direct"');
});
