// Late DOM: nodes added after load, text edited in place as React and Vue re-render,
// late noswap content and late phone links (fixture: fixtures/late.html, script in <head>).
import { expect, test } from "@playwright/test";
import { watchErrors } from "./helpers";

test("nodes added later and text edited in place are swapped; late noswap is not", async ({ page }) => {
  const noErrors = watchErrors(page);
  await page.goto("/fixtures/late.html");
  await expect(page.locator("#static")).toHaveText("Call 404-555-9999");

  await page.evaluate(() => {
    const p = document.createElement("p");
    p.id = "added";
    p.innerHTML = 'Support: <a href="tel:555.123.1234">555.123.1234</a>';
    document.getElementById("app")!.appendChild(p);
    document.getElementById("footer")!.textContent = "Real number: 555-123-1234";
  });
  await expect(page.locator("#added")).toHaveText("Support: 404.555.9999");
  await expect(page.locator("#added a")).toHaveAttribute("href", "tel:404.555.9999");
  await expect(page.locator("#footer")).toHaveText("Real number: 555-123-1234");

  // In place, as a framework re-render does: same text node, new data.
  await page.evaluate(() => {
    const t = document.getElementById("static")!.firstChild as Text;
    t.data = "Now call (555) 987-6543";
  });
  await expect(page.locator("#static")).toHaveText("Now call (404) 555-1111");

  // A split number re-rendered piece by piece, and an href set later.
  await page.evaluate(() => {
    const p = document.createElement("p");
    p.id = "pieces";
    p.innerHTML = "<span>555</span>-<span>000</span>-<span>0000</span>";
    document.getElementById("app")!.appendChild(p);
    const a = document.createElement("a");
    a.id = "later";
    a.textContent = "call";
    document.getElementById("app")!.appendChild(a);
  });
  await page.evaluate(() => {
    const spans = document.querySelectorAll("#pieces span");
    (spans[1].firstChild as Text).data = "123";
    (spans[2].firstChild as Text).data = "1234";
    document.getElementById("later")!.setAttribute("href", "tel:5551231234");
  });
  await expect(page.locator("#pieces")).toHaveText("404-555-9999");
  await expect(page.locator("#later")).toHaveAttribute("href", "tel:4045559999");
  noErrors();
});

test("the bundle adds no global but CallTrk", async ({ page }) => {
  await page.goto("/fixtures/late.html");
  await expect(page.locator("#static")).toHaveText("Call 404-555-9999");
  const added = await page.evaluate(() => {
    const before = new Set((window as unknown as { globalsBefore: string[] }).globalsBefore);
    return Object.getOwnPropertyNames(window).filter((k) => !before.has(k) && k !== "globalsBefore");
  });
  expect(added).toEqual(["CallTrk"]);
});

test("CallTrk.swap works on detached nodes and selectors, and ignores bad arguments", async ({ page }) => {
  const noErrors = watchErrors(page);
  const warnings: string[] = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  await page.goto("/fixtures/late.html");
  await expect(page.locator("#static")).toHaveText("Call 404-555-9999");
  const out = await page.evaluate(() => {
    const ct = (window as unknown as { CallTrk: { swap(a?: unknown): void } }).CallTrk;
    const div = document.createElement("div");
    div.textContent = "555 123 1234";
    ct.swap(div);
    ct.swap(42);
    ct.swap(null);
    ct.swap("<<<");
    return div.textContent;
  });
  expect(out).toBe("404 555 9999");
  // One warning per kind of mistake: 42 and null say the same thing once.
  expect(warnings).toEqual(["[CallTrk] swap: bad argument", "[CallTrk] swap: bad selector <<<"]);
  noErrors();
});
