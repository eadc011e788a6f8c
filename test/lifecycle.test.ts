// One instance per document, destroy(), prerender, the back/forward cache, crawlers, and
// explain() (docs/swapping.md#one-instance-per-page, #prerender-bfcache-and-crawlers,
// docs/debugging.md). fetch is a stub playing the number server.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import Cookies from "js-cookie";
import { createCallTrk } from "../src/calltrk";
import type { CallTrkApi, CompanyConfig } from "../src/types";
import { API, poolOverAll } from "./configs";
import { loadPart } from "../src/parts/load";

const config: CompanyConfig = {
  company_id: "COM1",
  trackers: [
    ...poolOverAll.trackers,
    {
      id: "KIDS",
      type: "source",
      status: "active",
      tracking_numbers: ["+14045551111"],
      swap_targets: ["443-997-KIDS"],
      source: { type: "all" },
    },
  ],
};
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
let calls: Array<{ url: string; body: Record<string, unknown> }>;
let answer: (url: string, body: Record<string, unknown>) => Response;
let live: CallTrkApi[];

beforeEach(async () => {
  await loadPart("sessions", ""); // the sessions part, as a page that loaded it before
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(
    "https://www.site.example/?gclid=abc",
  );
  document.title = "Call 555-123-1234";
  document.body.innerHTML = "<p id=n>Call (555) 123-1234</p><p id=k>Kids: 443-997-KIDS</p>";
  calls = [];
  live = [];
  answer = (url, body) =>
    url.endsWith("/sessions")
      ? new Response(JSON.stringify({ session_id: body.session_id, numbers: { POOL: "+14045551101" } }))
      : new Response(null, { status: 204 });
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    const body = init && init.body ? JSON.parse(String(init.body)) : {};
    calls.push({ url, body });
    return answer(url, body);
  });
});
afterEach(() => {
  live.forEach((c) => c.destroy());
  vi.unstubAllGlobals();
  document.cookie
    .split("; ")
    .filter(Boolean)
    .forEach((c) =>
      ["site.example", undefined].forEach((domain) => Cookies.remove(c.split("=")[0], { path: "/", domain })),
    );
  localStorage.clear();
  sessionStorage.clear();
});
const start = (options = {}) => {
  const c = createCallTrk({ api: API, company: "COM1", ...options });
  live.push(c);
  return c;
};
const posts = (end: string) => calls.filter((c) => c.url.endsWith(end)).length;
const text = (id: string) => document.getElementById(id)!.textContent;

describe("one instance per page", () => {
  it("a second instance shares the first: one config request, one lease, the same answers", async () => {
    const a = start();
    const b = start();
    await tick(5);
    expect(calls.filter((c) => c.url.endsWith("/config"))).toHaveLength(1);
    expect(b.getVisitor().session_id).toBe(a.getVisitor().session_id);
  });

  it("StrictMode: mount, destroy, mount ends with one live, working instance and one config request", async () => {
    answer = (url) => new Response(JSON.stringify(url.endsWith("/config") ? config : { numbers: {} }));
    const first = start();
    first.destroy();
    const second = start();
    await tick(5);
    expect(calls.filter((c) => c.url.endsWith("/config"))).toHaveLength(1);
    expect(text("k")).toBe("Kids: (404) 555-1111");
    expect(second.getSwapNumbers(["5550000000"])).toEqual({ "5550000000": "4045559999" });
    // The destroyed handle does nothing.
    expect(first.getSwapNumbers(["5550000000"])).toEqual({});
  });

  it("destroy() of the last handle undoes everything: numbers, title, observer, history hooks, attachShadow", async () => {
    const push = history.pushState;
    const attach = Element.prototype.attachShadow;
    const a = start({ config });
    const b = start({ config });
    expect(text("k")).toBe("Kids: (404) 555-1111");
    expect(document.title).toBe("Call 555-123-1234"); // the session tracker wins: no number until the lease
    expect(Element.prototype.attachShadow).not.toBe(attach);
    await tick(5);
    expect(document.title).toBe("Call 404-555-1101");
    expect(history.pushState).not.toBe(push);
    a.destroy();
    expect(text("n")).toBe("Call (404) 555-1101"); // b still holds it: nothing undone
    b.destroy();
    expect(text("n")).toBe("Call (555) 123-1234");
    expect(text("k")).toBe("Kids: 443-997-KIDS");
    expect(document.title).toBe("Call 555-123-1234");
    expect(history.pushState).toBe(push);
    expect(Element.prototype.attachShadow).toBe(attach);
    // No observer left: late content stays as it is.
    const p = document.createElement("p");
    p.textContent = "555-123-1234";
    document.body.appendChild(p);
    await tick();
    expect(p.textContent).toBe("555-123-1234");
    // No page view for a navigation after destroy.
    const before = calls.length;
    history.pushState({}, "", "/after");
    await tick(150);
    expect(calls.length).toBe(before);
  });
});

describe("vanity targets and the title", () => {
  it("a vanity target is replaced by the national format; the title is swapped", () => {
    start({ config, consent: "pending" });
    expect(text("k")).toBe("Kids: (404) 555-1111");
    expect(document.title).toBe("Call 404-555-9999");
  });
});

describe("crawlers, prerender and the back/forward cache", () => {
  it("a crawler never asks for a pool number and sees the source number", async () => {
    vi.spyOn(navigator, "userAgent", "get").mockReturnValue(
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    );
    const c = start({ config });
    await tick(5);
    expect(posts("/sessions")).toBe(0);
    expect(text("n")).toBe("Call (404) 555-9999");
    expect(c.explain().crawler).toBe(true);
    expect(c.explain().targets[0].reason).toContain("crawler");
  });

  it("a prerendered page stores, leases and sends nothing until it is shown", async () => {
    Object.defineProperty(document, "prerendering", { configurable: true, value: true });
    const c = start({ config });
    await tick(5);
    expect(text("n")).toBe("Call (404) 555-9999"); // source numbers meanwhile: the session tracker takes no part
    expect(document.cookie).not.toContain("calltrk_");
    expect(calls).toEqual([]);
    expect(c.explain().prerendering).toBe(true);
    Object.defineProperty(document, "prerendering", { configurable: true, value: false });
    document.dispatchEvent(new Event("prerenderingchange"));
    await tick(5);
    expect(document.cookie).toContain("calltrk_session_id=");
    expect(posts("/sessions")).toBe(1);
    expect(text("n")).toBe("Call (404) 555-1101");
    delete (document as { prerendering?: boolean }).prerendering;
  });

  it("a page restored from the back/forward cache is a page view that renews the lease", async () => {
    start({ config });
    await tick(5);
    expect(posts("/sessions")).toBe(1);
    expect(posts("/page_views")).toBe(0);
    window.dispatchEvent(Object.assign(new Event("pageshow"), { persisted: true }));
    await tick(5);
    expect(posts("/page_views")).toBe(1);
    window.dispatchEvent(Object.assign(new Event("pageshow"), { persisted: false })); // a first load: nothing
    await tick(5);
    expect(posts("/page_views")).toBe(1);
  });
});

describe("explain() and the server's reason", () => {
  it("explains every swap target of the config, shown or not", async () => {
    answer = (url, body) =>
      url.endsWith("/sessions")
        ? new Response(JSON.stringify({ session_id: body.session_id, numbers: {}, exhausted: ["POOL"] }))
        : new Response(null, { status: 204 });
    const c = start({ config });
    await tick(5);
    const e = c.explain();
    expect(e.targets).toEqual([
      {
        target: "5551231234",
        number: null,
        tracker: null,
        reason: "session tracker POOL: the pool has no free number",
      },
      {
        target: "5550000000",
        number: "4045559999",
        tracker: "ALL",
        reason: "source tracker ALL matches the visitor's first touch (tier 6)",
      },
      {
        target: "443-997-KIDS",
        number: "4045551111",
        tracker: "KIDS",
        reason: "source tracker KIDS matches the visitor's first touch (tier 6)",
      },
    ]);
    expect(e).toMatchObject({ consent: "granted", crawler: false, config: { source: "inline" } });
    expect(e.visitor).toMatchObject({ source: "google", medium: "cpc" });
  });

  it("an exhausted pool with a fallback number: the fallback is shown, and the reason says why", async () => {
    answer = (url, body) =>
      url.endsWith("/sessions")
        ? new Response(
            JSON.stringify({ session_id: body.session_id, numbers: { POOL: "4045550000" }, exhausted: ["POOL"] }),
          )
        : new Response(null, { status: 204 });
    const c = start({ config });
    await tick(5);
    expect(c.explain().targets[0]).toEqual({
      target: "5551231234",
      number: "4045550000",
      tracker: "POOL",
      reason: "session tracker POOL: the pool has no free number; its fallback number is shown",
    });
  });

  it("refused by the per-address cap: the reason names the address's share, not the pool", async () => {
    answer = (url, body) =>
      url.endsWith("/sessions")
        ? new Response(
            JSON.stringify({
              session_id: body.session_id,
              numbers: { POOL: "4045550000" },
              exhausted: ["POOL"],
              capped: ["POOL"],
            }),
          )
        : new Response(null, { status: 204 });
    const c = start({ config });
    await tick(5);
    expect(c.explain().targets[0].reason).toBe(
      "session tracker POOL: this visitor's address holds its share of the pool (LEASES_PER_ADDRESS); its fallback number is shown",
    );
  });

  it("consent pending: the session tracker would win but takes no part", () => {
    const c = start({ config, consent: "pending" });
    expect(c.explain().targets[0]).toEqual({
      target: "5551231234",
      number: "4045559999",
      tracker: "ALL",
      reason:
        "source tracker ALL matches the visitor's first touch (tier 6); session tracker POOL takes no part: consent is pending",
    });
  });

  it.each([
    [404, '{"error":"unknown company"}', "unknown company"],
    [403, '{"error":"origin not allowed"}', "origin not allowed"],
    [500, "<h1>oops</h1>", "answer 500"],
  ])("a config answer %s: the one warning names the server's reason", async (status, body, why) => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    answer = () => new Response(body, { status });
    const c = start({ company: "C" + status });
    await tick(5);
    expect(warn.mock.calls.filter((w) => String(w[0]).includes(why))).toHaveLength(1);
    expect(c.explain().config).toEqual({ source: "request", status, error: why });
    expect(text("n")).toBe("Call (555) 123-1234");
  });

  it("a refused lease request: the warning and explain() name the server's reason", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    answer = () => new Response('{"error":"crawler: no session numbers"}', { status: 403 });
    const c = start({ config });
    await tick(5);
    expect(warn.mock.calls.some((w) => String(w[0]).includes("crawler: no session numbers"))).toBe(true);
    expect(c.explain().targets[0].reason).toBe(
      "session tracker POOL: the number server gave no number (crawler: no session numbers)",
    );
  });
});
