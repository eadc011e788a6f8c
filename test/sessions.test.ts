// Session numbers through the public API (docs/protocol.md#2-public-javascript-api-windowcalltrk
// getSwapNumbers, #51-session-numbers, #52-page-views): fetch is a stub that plays the number server.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import Cookies from "js-cookie";
import { createCallTrk } from "../src/calltrk";
import type { SwapNumbers } from "../src/types";
import { API, poolOverAll as config } from "./configs";
import { loadPart } from "../src/parts/load";
type Answer = { status: number; body?: unknown } | "network";
let answers: Answer[];
let calls: Array<{ url: string; body: Record<string, unknown> }>;
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function serve(...a: Answer[]) {
  answers = a;
}
/** Every page view's instance, destroyed after the test (its history hooks and timers with it). */
let live: Array<ReturnType<typeof createCallTrk>> = [];
beforeEach(async () => {
  await loadPart("sessions", ""); // the sessions part, as a page that loaded it before
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(
    "https://www.site.example/?gclid=abc",
  );
  calls = [];
  answers = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, body: JSON.parse(String(init.body)) });
    const a = answers.shift() || { status: 204 };
    if (a == "network") throw new TypeError("Failed to fetch");
    return new Response(a.status == 204 ? null : JSON.stringify(a.body), { status: a.status });
  });
});
afterEach(() => {
  live.forEach((c) => c.destroy());
  live = [];
  vi.unstubAllGlobals();
  document.cookie
    .split("; ")
    .filter(Boolean)
    .forEach((c) => Cookies.remove(c.split("=")[0], { path: "/" }));
  localStorage.clear();
});

/** One page view of the site: a fresh document showing the target, and an instance on it. */
function page(options = {}) {
  const doc = window.document.implementation.createHTMLDocument("t");
  doc.body.innerHTML = "<p>Call (555) 123-1234</p><p>or 555.000.0000</p>";
  const ct = createCallTrk({ config, api: API, ...options }, doc);
  live.push(ct);
  return { doc, ct, text: () => doc.body.textContent };
}
/** getSwapNumbers with a promise for the callback's result, checking it is called exactly once. */
function ask(ct: ReturnType<typeof createCallTrk>, numbers: string[]) {
  let times = 0;
  let now!: SwapNumbers;
  const later = new Promise<SwapNumbers>((resolve) => {
    now = ct.getSwapNumbers(numbers, (r) => {
      times++;
      resolve(r);
    });
  });
  return { now, later, times: () => times };
}

describe("first view: the lease is asked for once", () => {
  it("keeps the original number until the answer, then swaps it; getSwapNumbers waits for the answer", async () => {
    const p = page();
    // Answer from inside fetch: the session id is only known once the request is made.
    answers = [];
    const q = ask(p.ct, ["5551231234", "5550000000", "5559999999"]);
    expect(q.now).toEqual({ "5550000000": "4045559999" }); // the session number is not known yet
    expect(p.text()).toBe("Call (555) 123-1234or 404.555.9999");
    await tick(); // the sessions part asks
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(API + "/v1/companies/COM1/sessions");
    const body = calls[0].body as {
      session_id: string;
      tracker_ids: string[];
      visitor: { search_type: string; session_id: string };
      page_url: string;
    };
    expect(body.tracker_ids).toEqual(["POOL"]);
    expect(body.visitor.search_type).toBe("paid");
    expect(body.visitor.session_id).toBe(body.session_id);
    expect(body.page_url).toBe("https://www.site.example/?gclid=abc");
    await tick(); // the stub answered 204 with no body: not an answer, numbers kept
    expect(await q.later).toEqual({ "5550000000": "4045559999" });
    expect(q.times()).toBe(1);
  });

  it("swaps the leased number when it arrives, and the next view swaps at once from the cache, sending a page view", async () => {
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body));
      calls.push({ url, body });
      if (url.endsWith("/sessions"))
        return new Response(
          JSON.stringify({ session_id: body.session_id, numbers: { POOL: "+14045551101" }, lease_seconds: 1800 }),
        );
      return new Response(null, { status: 204 });
    });
    const first = page();
    const q = ask(first.ct, ["5551231234"]);
    expect(await q.later).toEqual({ "5551231234": "4045551101" });
    expect(first.text()).toBe("Call (404) 555-1101or 404.555.9999");

    const second = page();
    expect(second.text()).toBe("Call (404) 555-1101or 404.555.9999"); // no network wait
    expect(second.ct.getSwapNumbers(["5551231234"])).toEqual({ "5551231234": "4045551101" });
    await tick();
    expect(calls.map((c) => c.url.replace(API, ""))).toEqual([
      "/v1/companies/COM1/sessions",
      `/v1/companies/COM1/sessions/${calls[0].body.session_id}/page_views`,
    ]);
    expect(calls[1].body).toMatchObject({ page_url: "https://www.site.example/?gclid=abc", title: expect.any(String) });
  });
});

describe("no number: the original stays", () => {
  for (const [name, answer] of [
    ["an exhausted pool (tracker absent)", { status: 200, body: { numbers: {}, lease_seconds: 1800 } }],
    ["a server error", { status: 500, body: { error: "boom" } }],
    ["a network failure", "network"],
    ["a malformed answer", { status: 200, body: { numbers: "lots" } }],
    ["a number holding markup", { status: 200, body: { numbers: { POOL: "<img src=x onerror=alert(1)>" } } }],
  ] as Array<[string, Answer]>)
    it(name, async () => {
      serve(answer);
      const p = page();
      const q = ask(p.ct, ["5551231234", "5550000000"]);
      expect(await q.later).toEqual({ "5550000000": "4045559999" });
      expect(p.text()).toBe("Call (555) 123-1234or 404.555.9999");
      expect(p.doc.querySelector("img")).toBe(null);
      expect(q.times()).toBe(1);
    });

  it("an exhausted tracker is not asked for again on the next view within a minute", async () => {
    serve({ status: 200, body: { numbers: {}, lease_seconds: 1800 } });
    await ask(page().ct, []).later;
    page();
    await tick();
    expect(calls.map((c) => c.url.split("/").pop())).toEqual(["sessions"]); // no page view either: no number held
  });
});

describe("lease expiry and refresh", () => {
  function cache(e: number, n = "+14045551101") {
    const s = Cookies.get("calltrk_session_id")!;
    localStorage.setItem(
      "calltrk_numbers",
      JSON.stringify({
        sessionId: s,
        numbers: { POOL: n },
        asked: ["POOL"],
        exhausted: [],
        answeredAt: Date.now(),
        endsAt: e,
        leaseSeconds: 1800,
      }),
    );
  }
  it("an expired lease is not shown: the page asks and waits", async () => {
    await ask(page().ct, []).later; // first view: sets the session cookie
    cache(Date.now() - 1);
    calls = [];
    serve({ status: 200, body: { numbers: { POOL: "+14045551102" } } });
    const p = page();
    expect(p.text()).toBe("Call (555) 123-1234or 404.555.9999");
    expect(await ask(p.ct, ["5551231234"]).later).toEqual({ "5551231234": "4045551102" });
    expect(calls.map((c) => c.url.split("/").pop())).toEqual(["sessions"]);
  });
  it("a lease near its end is shown at once and refreshed; a moved number is replaced on the page", async () => {
    await ask(page().ct, []).later;
    cache(Date.now() + 60e3);
    calls = [];
    serve({ status: 200, body: { numbers: { POOL: "+14045551105" } } });
    const p = page();
    expect(p.text()).toBe("Call (404) 555-1101or 404.555.9999");
    expect(await ask(p.ct, ["5551231234"]).later).toEqual({ "5551231234": "4045551105" });
    expect(p.text()).toBe("Call (404) 555-1105or 404.555.9999");
  });
});

describe("consent and single-page apps", () => {
  it("with consent pending nothing is sent and session trackers take no part (docs/protocol.md#54-consent)", async () => {
    const p = page({ consent: "pending" });
    expect(await ask(p.ct, ["5551231234"]).later).toEqual({ "5551231234": "4045559999" });
    expect(p.text()).toBe("Call (404) 555-9999or 404.555.9999");
    expect(calls).toEqual([]);
  });
  it("consent granted later asks for the session number; denied puts the source number back", async () => {
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body));
      calls.push({ url, body });
      return new Response(JSON.stringify({ session_id: body.session_id, numbers: { POOL: "+14045551101" } }));
    });
    const p = page({ consent: "pending" });
    p.ct.consent("granted");
    expect(await ask(p.ct, ["5551231234"]).later).toEqual({ "5551231234": "4045551101" });
    expect(p.text()).toBe("Call (404) 555-1101or 404.555.9999");
    p.ct.consent("denied");
    expect(p.text()).toBe("Call (404) 555-9999or 404.555.9999");
  });
  it("pushState, replaceState and popstate to a new URL report page views; a fragment change does not", async () => {
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body));
      calls.push({ url, body });
      if (url.endsWith("/sessions"))
        return new Response(JSON.stringify({ session_id: body.session_id, numbers: { POOL: "+14045551101" } }));
      return new Response(null, { status: 204 });
    });
    await ask(page().ct, []).later;
    const session = String(calls[calls.length - 1].body.session_id);
    history.pushState({}, "", "/book/step-2");
    await tick(150);
    history.pushState({}, "", "/book/step-2#details");
    await tick(150);
    history.replaceState({}, "", "/book/step-3");
    await tick(150);
    // Only this visitor's session counts.
    const views = calls
      .filter((c) => c.url.endsWith(session + "/page_views"))
      .map((c) => [c.body.page_url, c.body.referrer_url]);
    expect(views).toEqual([
      ["https://www.site.example/book/step-2", "https://www.site.example/?gclid=abc"],
      ["https://www.site.example/book/step-3", "https://www.site.example/book/step-2"],
    ]);
  });
});
