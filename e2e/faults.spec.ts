// Bundle fault suite: the real dist/swap.js against the real server, with
// the network, the config, the browser or the host page misbehaving. Every case is checked
// by underFault(): no page error, no injected element, no new global but CallTrk, and the
// original numbers wherever no valid tracking number exists. Fixture: faults.html.
import { expect, test, type Page, type Route } from "@playwright/test";
import { LEASED, ORIGINAL, SWAPPED_ALL, underFault } from "./faults";
import { storedForms } from "./helpers";

const PAGE = "/fixtures/faults.html?pool=1";
const CONFIG = "**/v1/companies/e2e/config";
const SESSIONS = "**/v1/companies/e2e/sessions";
const json =
  (body: string, status = 200) =>
  (r: Route) =>
    r.fulfill({ status, contentType: "application/json", body });
const originals = { all: ORIGINAL.all, pool: ORIGINAL.pool };
const noSession = { all: SWAPPED_ALL, pool: ORIGINAL.pool };
const everything = { all: SWAPPED_ALL, pool: LEASED };

interface Fault {
  name: string;
  setup: (page: Page) => Promise<unknown>;
  expected: { all: string; pool: string | RegExp };
}

const good = (id: string, number: unknown, targets: unknown, source: unknown = { type: "all" }) => ({
  id,
  type: "source",
  status: "active",
  tracking_numbers: [number],
  swap_targets: targets,
  source,
});

const faults: Fault[] = [
  { name: "config answers 500", setup: (p) => p.route(CONFIG, json('{"error":"boom"}', 500)), expected: originals },
  {
    name: "config answers garbage JSON",
    setup: (p) => p.route(CONFIG, json('{"trackers": [{"id": ')),
    expected: originals,
  },
  {
    name: "config answers HTML",
    setup: (p) => p.route(CONFIG, (r) => r.fulfill({ contentType: "text/html", body: "<h1>Bad gateway</h1>" })),
    expected: originals,
  },
  { name: "config answers null", setup: (p) => p.route(CONFIG, json("null")), expected: originals },
  { name: "config is an array", setup: (p) => p.route(CONFIG, json("[1,2,3]")), expected: originals },
  {
    name: "config trackers is an object",
    setup: (p) => p.route(CONFIG, json('{"trackers":{"0":{"id":"X"}}}')),
    expected: originals,
  },
  {
    name: "config trackers of every wrong type",
    setup: (p) =>
      p.route(
        CONFIG,
        json(
          JSON.stringify({
            trackers: [
              null,
              7,
              "x",
              [],
              { id: 1 },
              {
                id: "A",
                type: "source",
                status: "active",
                tracking_numbers: "4045559999",
                swap_targets: { a: 1 },
                source: null,
              },
              { id: "B", type: "session", status: "active", source: "all", swap_targets: "5550001111" },
            ],
          }),
        ),
      ),
    expected: originals,
  },
  { name: "config never answers", setup: (p) => p.route(CONFIG, () => {}), expected: originals },
  {
    name: "session endpoint down",
    setup: (p) => p.route(SESSIONS, (r) => r.abort("connectionrefused")),
    expected: noSession,
  },
  {
    name: "session endpoint answers after 8 s",
    setup: (p) =>
      p.route(SESSIONS, (r) =>
        setTimeout(
          () =>
            r
              .fulfill({
                contentType: "application/json",
                body: '{"numbers":{"TRK_E2E_POOL":"+14045552099"},"lease_seconds":1800}',
              })
              .catch(() => {}),
          8000,
        ),
      ),
    expected: noSession,
  },
  {
    name: "session endpoint answers 503",
    setup: (p) => p.route(SESSIONS, json('{"error":"down"}', 503)),
    expected: noSession,
  },
  {
    name: "session answer holds markup",
    setup: (p) =>
      p.route(SESSIONS, json('{"numbers":{"TRK_E2E_POOL":"<img src=x onerror=alert(1)>"},"lease_seconds":1800}')),
    expected: noSession,
  },
  {
    name: "session answer of the wrong shape",
    setup: (p) => p.route(SESSIONS, json('{"numbers":["+14045552099"],"lease_seconds":"soon"}')),
    expected: noSession,
  },
  {
    name: "localStorage and sessionStorage methods throw",
    setup: (p) =>
      p.addInitScript(() => {
        const no = () => {
          throw new DOMException("blocked", "SecurityError");
        };
        Storage.prototype.getItem = no;
        Storage.prototype.setItem = no;
        Storage.prototype.removeItem = no;
        Storage.prototype.key = no;
      }),
    expected: everything,
  },
  {
    name: "reading window.localStorage throws (storage disabled)",
    setup: (p) =>
      p.addInitScript(() => {
        for (const k of ["localStorage", "sessionStorage"])
          Object.defineProperty(window, k, {
            get() {
              throw new DOMException("The operation is insecure.", "SecurityError");
            },
          });
      }),
    expected: everything,
  },
  {
    name: "storage full",
    setup: (p) =>
      p.addInitScript(() => {
        Storage.prototype.setItem = () => {
          throw new DOMException("quota", "QuotaExceededError");
        };
      }),
    expected: everything,
  },
  {
    name: "document.cookie blocked (reads empty, writes ignored)",
    setup: (p) =>
      p.addInitScript(() =>
        Object.defineProperty(Document.prototype, "cookie", { configurable: true, get: () => "", set: () => {} }),
      ),
    expected: everything,
  },
  {
    name: "document.cookie throws",
    setup: (p) =>
      p.addInitScript(() => {
        const no = () => {
          throw new DOMException("The operation is insecure.", "SecurityError");
        };
        Object.defineProperty(Document.prototype, "cookie", { configurable: true, get: no, set: no });
      }),
    expected: everything,
  },
  {
    name: "document.cookie tampered",
    setup: (p) =>
      p.addInitScript(() =>
        Object.defineProperty(Document.prototype, "cookie", {
          configurable: true,
          get: () =>
            "calltrk_session_id=<img src=x onerror=alert(1)>; calltrk_referrer=javascript:alert(1); calltrk_landing=%E0%A4%A; _ga=%3Cscript%3E; calltrk_first_touch=%%%",
          set: () => {},
        }),
      ),
    expected: everything,
  },
  {
    name: "localStorage holds tampered CallTrk entries",
    setup: (p) =>
      p.addInitScript(() => {
        localStorage.setItem(
          "calltrk_numbers",
          '{"s":"<b>x</b>","n":{"TRK_E2E_POOL":"<img src=x onerror=alert(1)>"},"t":"TRK","e":"never","l":-1}',
        );
        localStorage.setItem(
          "calltrk_first_touch",
          '{"referrer":"javascript:alert(1)","landing":"<script>","session_id":{"x":1},"expires":9e15}',
        );
        localStorage.setItem(
          "calltrk_outbox",
          '[null,7,{"id":{},"u":5,"body":"x","at":"y"},{"id":"a","u":"","body":null,"at":1}]',
        );
        localStorage.setItem("calltrk_outbox:zz", "%%%");
        localStorage.setItem(
          "calltrk_outbox:js",
          JSON.stringify({
            id: "js",
            url: "javascript:alert(1)",
            body: {},
            createdAt: Date.now(),
            attempts: 0,
            due: 0,
          }),
        );
      }),
    expected: everything,
  },
  {
    name: "the host page pollutes prototypes",
    setup: (p) =>
      p.addInitScript(() => {
        (Array.prototype as any).toJSON = function () {
          return "polluted";
        };
        (String.prototype as any).toJSON = function () {
          return "polluted";
        };
        (Object.prototype as any).polluted = "yes";
        (Object.prototype as any).each = function () {};
        (Object.prototype as any).gclid = "x";
        (Array.prototype as any).each = function () {};
      }),
    expected: everything,
  },
  {
    name: "config with markup and regex syntax in numbers and targets",
    setup: (p) =>
      p.route(
        CONFIG,
        json(
          JSON.stringify({
            company_id: "e2e",
            trackers: [
              good("XSS1", "<img src=x onerror=alert(1)>", ["5551231234"]),
              good("XSS2", "+1404555$&9999", ["5551231234"]),
              good("XSS3", "4045559999</a><script>alert(1)</script>", ["5551231234"]),
              good("RE1", "+14045550000", [".*", "555|777", "(555) 777-\\d{4}", "5557770000<b>"]),
              good("RE2", "+14045550000", ["$&", "[0-9]+"]),
              good("PROTO1", "+14045550000", ["5557770000"], { type: "constructor" }),
              good("PROTO2", "+14045550000", ["5557770000"], { type: "__proto__" }),
              { id: "<b>x</b>", type: "session", status: "active", source: "all", swap_targets: ["<i>5550001111</i>"] },
              good("GOOD", "+14045559999", ["5551231234"]),
            ],
          }),
        ),
      ),
    expected: noSession,
  },
];

for (const f of faults)
  test(`fault: ${f.name}`, async ({ page }) => {
    await f.setup(page);
    await underFault(page, PAGE, f.expected);
  });

test("fault: unknown company keeps every number", async ({ page }) => {
  await underFault(page, "/fixtures/unknown-company.html?pool=1", originals);
});

test("fault: the bundle inserted after the load event still swaps everything", async ({ page }) => {
  await underFault(page, "/fixtures/dynamic.html?pool=1", everything);
});

test("fault: a polluted page still sends well-formed JSON (lease request and form)", async ({ page }) => {
  await page.addInitScript(() => {
    (Array.prototype as any).toJSON = function () {
      return "polluted";
    };
    (Object.prototype as any).polluted = "yes";
  });
  const bodies: string[] = [];
  page.on("request", (r) => r.method() == "POST" && bodies.push(r.postData() || ""));
  await underFault(page, PAGE, everything);
  const lease = JSON.parse(bodies.find((b) => b.includes("tracker_ids"))!);
  expect(lease.tracker_ids).toEqual(["TRK_E2E_POOL"]);
  expect(JSON.stringify(lease)).not.toContain("polluted");
});

test("fault: strict CSP (script-src 'self', style-src 'none', connect-src the API) reports no violation", async ({
  page,
  request,
}) => {
  const violations: string[] = [];
  await page.exposeFunction("cspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as any).cspViolation(e.violatedDirective + " " + e.blockedURI),
    ),
  );
  const marker = "csp-" + Date.now() + "@example.com";
  await underFault(page, "/fixtures/csp-strict.html?pool=1", everything, async () => {
    expect(await page.evaluate(() => document.documentElement.className)).not.toContain("calltrk-hide");
    await page.fill("#email", marker);
    await page.click("#send");
    await expect(page).toHaveURL(/forms-thanks/);
    await page.goBack();
  });
  // Sent by the forms part, on that page view or the next: delivered once.
  await expect.poll(() => storedForms(request, "e2e", marker).then((f) => f.length), { timeout: 15000 }).toBe(1);
  await page.waitForTimeout(300);
  expect(await storedForms(request, "e2e", marker)).toHaveLength(1);
  expect(violations).toEqual([]);
});

test("fault: the forms part cannot be loaded: the page is untouched and the form's values are written nowhere", async ({
  page,
}) => {
  await page.route("**/swap-forms.js", (r) => r.abort("connectionrefused"));
  await underFault(page, "/fixtures/csp-strict.html?pool=1", everything, async () => {
    await page.fill("#email", "no-part@example.com");
    await page.click("#send");
    await expect(page).toHaveURL(/forms-thanks/);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).not.toContain(
      "no-part@example.com",
    );
    await page.goBack();
  });
});

test("fault: the debug part cannot be loaded in debug mode", async ({ page }) => {
  await page.route("**/swap-debug.js", (r) => r.abort("connectionrefused"));
  await underFault(page, PAGE + "&calltrk_debug=1", everything);
});

test("fault: the debug part answers 404 in debug mode", async ({ page }) => {
  await page.route("**/swap-debug.js", (r) =>
    r.fulfill({ status: 404, contentType: "application/json", body: '{"error":"not found"}' }),
  );
  await underFault(page, PAGE + "&calltrk_debug=1", everything);
});
