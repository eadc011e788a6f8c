// Form capture through the public API (docs/protocol.md#2-public-javascript-api-windowcalltrk captureForm, docs/protocol.md#53-form-submissions): fetch is a
// stub playing the server. Instances listen on the one happy-dom document, so each test
// uses its own company id and looks only at its own requests.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import Cookies from "js-cookie";
import { createCallTrk } from "../src/calltrk";
import type { CompanyConfig } from "../src/types";
import { load, put } from "../src/forms/outbox";
import { loadPart } from "../src/parts/load";

const API = "https://numbers.example";
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let n = 0;
let company: string;
let status: number | "network" | "never";
let sent: Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
let storedWhenSent: number[];
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
// happy-dom's sendBeacon makes a real request: replaced for the whole file, calls recorded.
const beacons: string[] = [];
Object.defineProperty(navigator, "sendBeacon", {
  configurable: true,
  value: (url: string) => {
    beacons.push(url);
    return true;
  },
});

beforeEach(async () => {
  await loadPart("forms", ""); // the delivery part, as a page that loaded it before
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(
    "https://www.site.example/contact?gclid=g1",
  );
  company = "F" + ++n;
  status = 201;
  sent = [];
  storedWhenSent = [];
  vi.stubGlobal("fetch", (url: string, init: RequestInit) => {
    if (url.includes("/companies/" + company + "/form_submissions")) {
      sent.push(JSON.parse(String(init.body)));
      storedWhenSent.push(outbox().length);
    }
    if (status == "network") return Promise.reject(new TypeError("Failed to fetch"));
    if (status == "never") return new Promise(() => {});
    return Promise.resolve(new Response("{}", { status }));
  });
  document.body.innerHTML = `<form name="contact" id="c"><input name="Email" value="a@b.c"><input type="password" name="pw" value="x"><button>Send</button></form>`;
});
// fetch stays stubbed after the tests (the file's environment goes with it).
afterEach(() => {
  if (live) live.destroy();
  live = null;
  vi.useRealTimers();
  document.cookie
    .split("; ")
    .filter(Boolean)
    .forEach((c) => Cookies.remove(c.split("=")[0], { path: "/" }));
  localStorage.clear();
});

/** The instance of this page view; one page view ends (destroy) before the next starts on the one document. */
let live: ReturnType<typeof createCallTrk> | null = null;
const start = (over: Partial<CompanyConfig> = {}, options = {}) => {
  if (live) live.destroy();
  live = createCallTrk({
    api: API,
    config: { company_id: company, form_capture: true, trackers: [], ...over },
    ...options,
  });
  return live;
};
const submit = () => {
  const e = new Event("submit", { bubbles: true, cancelable: true });
  document.querySelector("form")!.dispatchEvent(e);
  return e;
};
/** This test's outbox entries (earlier tests' instances capture the same submit for their own company). */
const outbox = () => load().filter((e) => e.url.includes("/" + company + "/"));
/** Makes this test's waiting entries due now (the next page view after their backoff). */
const dueNow = () => outbox().forEach((e) => put({ ...e, due: 0 }));

describe("automatic capture", () => {
  it("captures a submit without cancelling it; the payload is the protocol's (docs/protocol.md#53-form-submissions)", async () => {
    const ct = start();
    const e = submit();
    expect(e.defaultPrevented).toBe(false);
    await tick();
    expect(sent).toHaveLength(1);
    expect(storedWhenSent).toEqual([1]); // in the outbox before it was sent
    const v = ct.getVisitor();
    expect(sent[0]).toEqual({
      id: expect.stringMatching(UUID4),
      session_id: v.session_id,
      form_url: "https://www.site.example/contact?gclid=g1",
      form_name: "contact",
      landing_page_url: "https://www.site.example/contact?gclid=g1",
      referrer: "google_paid",
      referring_url: null,
      form_data: { Email: "a@b.c" },
      visitor: v,
      submitted_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    await tick();
    expect(outbox()).toEqual([]); // acknowledged: removed
  });

  it("does nothing without form_capture, with consent pending, or on a no-capture form", async () => {
    start({ form_capture: false });
    submit();
    company = "F" + ++n;
    start({}, { consent: "pending" });
    submit();
    company = "F" + ++n;
    start();
    document.querySelector("form")!.setAttribute("data-cr-no-capture", "");
    submit();
    await tick();
    expect(sent).toEqual([]);
    expect(outbox()).toEqual([]);
  });

  it("a page calling captureForm in its own submit handler is captured once", async () => {
    const ct = start();
    document.querySelector("form")!.addEventListener("submit", (e) => {
      e.preventDefault();
      ct.captureForm(e.target as HTMLFormElement);
    });
    submit();
    await tick();
    expect(sent).toHaveLength(1);
  });
});

describe("delivery", () => {
  it("keeps a submission the server did not take, and sends it again with the same id on the next page view", async () => {
    status = "network";
    start();
    submit();
    await tick();
    expect(outbox()).toHaveLength(1);
    expect(beacons).toContain(API + "/v1/companies/" + company + "/form_submissions"); // fetch failed: the beacon tried too
    const id = outbox()[0].id;
    // Next page view, server back; the entry is due after its backoff.
    status = 201;
    dueNow();
    start();
    await tick();
    expect(sent.map((b) => b.id)).toEqual([id, id]);
    expect(outbox()).toEqual([]);
  });

  it("a 4xx drops the submission with a warning; a 5xx keeps it", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    status = 503;
    start();
    submit();
    await tick();
    expect(outbox()).toHaveLength(1);
    status = 400;
    dueNow();
    start();
    await tick();
    expect(outbox()).toEqual([]);
    expect(warn.mock.calls.some((c) => String(c[0]).includes("refused by the server"))).toBe(true);
  });

  it("storage full: the submission is still sent", async () => {
    const real = localStorage;
    const full = {
      length: 0,
      key: () => null,
      getItem: () => null,
      removeItem() {},
      setItem() {
        throw new Error("full");
      },
    };
    vi.stubGlobal("localStorage", full);
    vi.stubGlobal("sessionStorage", full);
    status = "network";
    start();
    submit();
    await tick();
    expect(sent).toHaveLength(1);
    // Nowhere to store it: this page keeps it in memory and retries it when it falls due.
    status = 201;
    await tick(1300); // the first retry falls due 1 s after the failure
    expect(sent.map((b) => b.id)).toEqual([sent[0].id, sent[0].id]);
    vi.stubGlobal("localStorage", real);
    vi.unstubAllGlobals();
  });
});

describe("captureForm", () => {
  it("calls back once after the server acknowledged", async () => {
    const ct = start({ form_capture: false });
    const cb = vi.fn();
    ct.captureForm("#c", cb);
    expect(cb).not.toHaveBeenCalled();
    await tick(10);
    expect(cb).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(1);
  });

  it("calls back after 3 s when the server never answers, and keeps the submission", async () => {
    vi.useFakeTimers();
    status = "never";
    const ct = start({ form_capture: false });
    const cb = vi.fn();
    ct.captureForm(document.querySelector("form")!, cb);
    await vi.advanceTimersByTimeAsync(2999);
    expect(cb).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(cb).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10000);
    expect(cb).toHaveBeenCalledTimes(1);
    expect(outbox()).toHaveLength(1);
  });

  it("ignores a bad argument with a warning, and still calls back", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const ct = start();
    const cb = vi.fn();
    for (const bad of [null, 42, "#nope", "((", document.body]) ct.captureForm(bad as never, cb);
    await tick();
    expect(cb).toHaveBeenCalledTimes(5);
    expect(sent).toEqual([]);
    expect(warn).toHaveBeenCalled();
  });
});
