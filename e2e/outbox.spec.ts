// Forms under failure: an outage at submit, a navigation mid-send, two
// tabs flushing one outbox, storage full. Never a lost submission, never two stored
// records: each test counts, through the read API, the records holding its markers.
// Fixtures: forms.html, forms-thanks.html. (The plain outage sequence is in forms.spec.ts.)
import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { pageErrors, storedForms, waiting } from "./helpers";
import { submitDuringOutage } from "./outage";

const FORMS = "**/form_submissions";
const marker = () => "o-" + randomUUID().slice(0, 8) + "@example.com";

async function submitAjax(page: Page, m: string) {
  await page.fill("#ajax input", m);
  await page.click("#ajax-go");
  await expect(page.locator("#status")).toHaveText("ajax sent");
}

const open = async (page: Page) => {
  await page.goto("/fixtures/forms.html");
  await page.waitForFunction(() => (window as any).CallTrk?.getVisitor);
};

test("navigation away while the send is in flight: the lead is stored once and leaves the outbox", async ({
  page,
  request,
}) => {
  const errors = pageErrors(page, false);
  const m = marker();
  await open(page);
  // The request reaches the server only after the page has gone (a slow uplink).
  let held = 0;
  await page.context().route(FORMS, (r) => {
    held++;
    setTimeout(() => r.continue().catch(() => {}), 1500);
  });
  await page.fill("#native input.marker", m);
  await page.click("#native-go");
  await expect(page.locator("h1")).toHaveText("Thanks");
  await expect.poll(() => storedForms(request, "e2e", m).then((f) => f.length), { timeout: 10000 }).toBe(1);
  await page.context().unroute(FORMS);
  // The answer never reached the page that sent it: a later page view sends the same id
  // again once the in-flight mark (6 s) has passed, gets 200, and empties the outbox.
  await page.waitForTimeout(6500);
  await page.goto("/fixtures/forms-thanks.html?later=1");
  await expect.poll(() => waiting(page), { timeout: 10000 }).toBe(0);
  expect(await storedForms(request, "e2e", m)).toHaveLength(1);
  expect(held).toBeGreaterThanOrEqual(1);
  expect(errors).toEqual([]);
});

test("two tabs flushing one outbox store every lead exactly once", async ({ page, context, request }) => {
  const marks = [marker(), marker(), marker(), marker(), marker()];
  await open(page);
  await context.route(FORMS, (r) => r.abort("connectionrefused"));
  for (const m of marks) await submitAjax(page, m);
  await expect.poll(() => waiting(page)).toBe(marks.length);
  await page.close();
  await context.unroute(FORMS);

  // Both tabs load at once and both flush on load; their sends overlap.
  const sent: string[] = [];
  context.on("request", (r) => r.url().includes("/form_submissions") && sent.push(JSON.parse(r.postData()!).id));
  const [a, b] = [await context.newPage(), await context.newPage()];
  await Promise.all([a.goto("/fixtures/forms-thanks.html?tab=a"), b.goto("/fixtures/forms-thanks.html?tab=b")]);
  for (const m of marks)
    await expect.poll(() => storedForms(request, "e2e", m).then((f) => f.length), { timeout: 15000 }).toBe(1);
  await expect.poll(() => waiting(a), { timeout: 15000 }).toBe(0);
  // Meanwhile tab b takes a new lead while tab a settles the old ones: it must survive.
  const late = marker();
  await b.goto("/fixtures/forms.html?tab=b");
  await b.waitForFunction(() => (window as any).CallTrk?.getVisitor);
  await Promise.all([submitAjax(b, late), a.reload()]);
  await expect.poll(() => storedForms(request, "e2e", late).then((f) => f.length), { timeout: 15000 }).toBe(1);
  for (const m of [...marks, late]) expect(await storedForms(request, "e2e", m)).toHaveLength(1);
  expect(new Set(sent).size).toBeGreaterThanOrEqual(marks.length);
});

test("storage full during an outage: the lead survives the navigation and is delivered once", async ({
  page,
  request,
  baseURL,
}) => {
  const errors = pageErrors(page, false);
  // localStorage refuses every write (quota used up by the site); sessionStorage still works.
  await page.addInitScript(() => {
    const local = localStorage;
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, k: string, v: string) {
      if (this === local) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return set.call(this, k, v);
    };
  });
  await submitDuringOutage(page, request, baseURL!, marker()); // the lead waits in sessionStorage
  expect(errors).toEqual([]);
});

test("storage full with the server up: the lead is sent at once", async ({ page, request }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  const m = marker();
  await open(page);
  await submitAjax(page, m);
  await expect.poll(() => storedForms(request, "e2e", m).then((f) => f.length)).toBe(1);
});
