// The whole loop against the reference server (issue 6): a visitor arrives from a Google
// ad, sees a tracking number, browses, sends the contact form, calls; the call comes back
// attributed to the ad with the pages seen. Session leases and form delivery are driven
// from the page with the protocol's requests (PROTOCOL §5.1-5.3) until the bundle makes
// them itself (trackers and forms issues).
import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { watchErrors } from "./helpers";

const TOKEN = { Authorization: "Token token=e2e-token" };

/** POST {api}/v1/companies/demo/<path> from the page, as text/plain JSON (no preflight). */
const send = (page: Page, path: string, body: unknown) =>
  page.evaluate(async ([p, b]) => {
    const r = await fetch("/v1/companies/demo/" + p, { method: "POST", headers: { "Content-Type": "text/plain" }, body: JSON.stringify(b) });
    return { status: r.status, body: r.status == 204 ? null : await r.json() };
  }, [path, body] as const);

test("arrival → number shown → pages → form → call → attributed with source and page views", async ({ page, request }) => {
  const caller = "+1555" + String(Math.floor(Math.random() * 1e7)).padStart(7, "0"); // a first call in every run
  const noErrors = watchErrors(page);
  await page.goto("/?gclid=E2E-CLICK", { referer: "https://www.google.com/" });
  await expect(page.locator("header .call")).toHaveText("(404) 555-9999");
  const visitor = await page.evaluate(() => (window.CallTrk as any).getVisitor());
  expect(visitor).toMatchObject({ source: "google", medium: "cpc", click_ids: { gclid: "E2E-CLICK" } });

  const lease = await send(page, "sessions", { session_id: visitor.session_id, tracker_ids: ["TRK_POOL"], visitor, page_url: page.url(), title: await page.title() });
  expect(lease.status).toBe(200);
  const number: string = lease.body.numbers.TRK_POOL;
  expect(number).toMatch(/^\+1404555110[1-5]$/);

  for (const path of ["/demo/services.html", "/demo/contact.html"]) {
    await page.goto(path);
    expect((await send(page, `sessions/${visitor.session_id}/page_views`, { page_url: page.url(), title: await page.title() })).status).toBe(204);
  }
  await page.fill("[name=Name]", "Dana Smith");
  await page.fill("[name=Email]", "dana@example.com");
  const form = await page.evaluate(() => {
    const data: Record<string, string> = {};
    new FormData(document.querySelector("form")!).forEach((v, k) => (data[k] = String(v)));
    return data;
  });
  const id = randomUUID();
  const submission = { id, session_id: visitor.session_id, form_name: "contact", form_url: page.url(), form_data: form, visitor, referrer: "google_paid", submitted_at: new Date().toISOString() };
  expect((await send(page, "form_submissions", submission)).status).toBe(201);
  expect((await send(page, "form_submissions", submission)).status).toBe(200);
  await page.click("button[type=submit]");
  await expect(page.locator("h1")).toHaveText("Thanks, we got your note");

  const posted = await request.post("/v1/companies/demo/calls", {
    headers: TOKEN,
    data: { tracking_number: number, customer_phone_number: caller, start_time: new Date().toISOString() },
  });
  expect(posted.status()).toBe(201);
  const callId = (await posted.json()).id;
  const call = await (await request.get(`/v3/a/demo/calls/${callId}.json`, { headers: TOKEN })).json();
  expect(call).toMatchObject({ tracker_id: "TRK_POOL", session_id: visitor.session_id, source: "google", medium: "cpc", gclid: "E2E-CLICK", referrer_domain: "google.com", first_call: true });
  const views = await (await request.get(`/v3/a/demo/calls/${callId}/page_views.json`, { headers: TOKEN })).json();
  expect(views.page_views.map((v: { page_url: string }) => new URL(v.page_url).pathname)).toEqual(["/demo/contact.html", "/demo/services.html", "/"]);
  const forms = await (await request.get("/v3/a/demo/form_submissions.json?company_id=demo", { headers: TOKEN })).json();
  expect(forms.form_submissions.filter((f: { id: string }) => f.id == id)).toHaveLength(1);

  const dashboard = await request.get("/dashboard?token=e2e-token");
  expect(await dashboard.text()).toContain(number);
  noErrors();
});

test("the demo's single-page app: numbers in content rendered after pushState are swapped", async ({ page }) => {
  const noErrors = watchErrors(page);
  await page.goto("/demo/book.html");
  await expect(page.locator(".step-text")).toHaveText("Not sure? Call us at (404) 555-9999 and describe it.");
  await page.click("#next");
  await expect(page).toHaveURL(/step=2/);
  await expect(page.locator(".step-text")).toHaveText("No slot that suits you? Call 404-555-9999.");
  await page.goBack();
  await expect(page.locator(".step-text")).toContainText("(404) 555-9999");
  await expect(page.locator("footer")).toContainText("(555) 310-4554");
  noErrors();
});

test("the arrival simulator sets the first touch it names", async ({ page }) => {
  await page.goto("/demo/services.html");
  await page.getByRole("button", { name: "Facebook post" }).click(); // a new visitor
  await expect(page.locator("#visitor")).toContainText('"source": "facebook"');
  await page.check("#returning");
  await page.getByRole("button", { name: "Google Ads click" }).click(); // swap_ppc_override replaces
  await expect(page.locator("#visitor")).toContainText('"search_type": "paid"');
  await page.check("#returning");
  await page.getByRole("button", { name: "Facebook post" }).click(); // no override: kept
  await expect(page.locator("#visitor")).toContainText('"search_type": "paid"');
  await page.click("#forget");
  await expect(page.locator("#visitor")).toContainText('"medium": "direct"');
});
