// A site moving from CallRail's script (docs/swapping.md#migrating-from-callrail): the
// visitor's calltrk_* cookies, written with escape(), keep their first touch. Fixture: incumbent.html.
import { expect, test } from "@playwright/test";
import { watchErrors } from "./helpers";

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test("the incumbent's cookies keep the first touch; a session id that is not a UUID v4 is replaced", async ({
  page,
  context,
}) => {
  const noErrors = watchErrors(page);
  const url = "http://127.0.0.1";
  await context.addCookies([
    { name: "calltrk_referrer", value: "https%3A//www.google.com/", url },
    { name: "calltrk_landing", value: "http%3A//127.0.0.1/caf%u00E9%3Fgclid%3Dabc", url },
    { name: "calltrk_session_id", value: "1700000000000.a1b2c3", url },
  ]);
  await page.goto("/fixtures/incumbent.html");
  await expect(page.locator("#n")).toHaveText("404-555-9999");
  const v = await page.evaluate(() => (window as any).CallTrk.getVisitor());
  expect(v).toMatchObject({
    source: "google",
    medium: "cpc",
    search_type: "paid",
    click_ids: { gclid: "abc" },
    landing_page_url: "http://127.0.0.1/café?gclid=abc",
  });
  expect(v.session_id).toMatch(UUID4);
  const cookies = await context.cookies();
  expect(cookies.filter((c) => c.name == "calltrk_session_id").map((c) => c.value)).toEqual([v.session_id]);
  noErrors();
});

test("cookie values that cannot be decoded never throw: the visit starts over", async ({ page, context }) => {
  const noErrors = watchErrors(page);
  const url = "http://127.0.0.1";
  await context.addCookies([
    { name: "calltrk_referrer", value: "%E0%A4%A", url },
    { name: "calltrk_landing", value: "%u12", url },
    { name: "calltrk_session_id", value: "%%%", url },
  ]);
  await page.goto("/fixtures/incumbent.html");
  await expect(page.locator("#n")).toHaveText("404-555-9999");
  const v = await page.evaluate(() => (window as any).CallTrk.getVisitor());
  expect(v).toMatchObject({ source: "direct", medium: "direct" });
  expect(v.session_id).toMatch(UUID4);
  noErrors();
});
