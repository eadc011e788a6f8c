// The visitor shell (docs/protocol.md#4-visitor-attribution, #54-consent): cookies, the localStorage mirror, consent.
// Cookies are happy-dom's real jar; each test starts with none and no storage.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import Cookies from "js-cookie";
import { createVisitor } from "../src/attribution/visitor";
import { cookieDomain, decodeCookie, grabCookies, readTouch } from "../src/attribution/store";
import type { CallTrkOptions, CompanyConfig } from "../src/types";

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CONFIG = {
  trackers: [],
  swap_cookie_duration: 30,
  swap_cookie_duration_unit: "days",
  grab_cookies: ["_ga", "_missing"],
} as CompanyConfig;
const names = () =>
  document.cookie
    .split("; ")
    .filter(Boolean)
    .map((c) => c.split("=")[0])
    .sort();

/** A page view: `win` supplies location, referrer and navigator; cookies and storage are the real ones. */
function view(url: string, referrer = "", options: CallTrkOptions = {}, gpc = false) {
  const win = { location: new URL(url), document: { referrer }, navigator: { globalPrivacyControl: gpc } };
  return createVisitor(options, win as unknown as Window);
}

function clearAll() {
  document.cookie
    .split("; ")
    .filter(Boolean)
    .forEach((c) => {
      const n = c.split("=")[0];
      ["site.example", undefined].forEach((domain) => Cookies.remove(n, { path: "/", domain }));
    });
  localStorage.clear();
}

beforeEach(() => {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL("https://www.site.example/");
  clearAll();
});
afterEach(clearAll);

describe("consent granted (default)", () => {
  it("stores the first touch in three cookies and the mirror", () => {
    const v = view("https://www.site.example/?gclid=abc", "https://www.google.com/");
    v.settle(CONFIG);
    expect(names()).toEqual(["calltrk_landing", "calltrk_referrer", "calltrk_session_id"]);
    expect(Cookies.get("calltrk_referrer")).toBe("https://www.google.com/");
    expect(Cookies.get("calltrk_landing")).toBe("https://www.site.example/?gclid=abc");
    expect(Cookies.get("calltrk_session_id")).toMatch(UUID4);
    expect(JSON.parse(localStorage.getItem("calltrk_first_touch")!).session_id).toBe(Cookies.get("calltrk_session_id"));
    const g = v.get();
    expect(g).toMatchObject({
      source: "google",
      medium: "cpc",
      search_type: "paid",
      session_id: Cookies.get("calltrk_session_id"),
    });
  });

  it("keeps the first touch and session on a later direct visit", () => {
    view("https://www.site.example/", "https://l.facebook.com/").settle(CONFIG);
    const id = Cookies.get("calltrk_session_id");
    const later = view("https://www.site.example/pricing");
    later.settle(CONFIG);
    expect(later.get()).toMatchObject({ source: "facebook", medium: "social", session_id: id });
  });

  it("gives one session id per page view, before and after settling", () => {
    const v = view("https://www.site.example/");
    const before = v.get().session_id;
    v.settle(CONFIG);
    expect(v.get().session_id).toBe(before);
    expect(Cookies.get("calltrk_session_id")).toBe(before);
  });

  it("writes path=/, SameSite=Lax, Secure on https, the probed domain and the configured lifetime", () => {
    const set = vi.spyOn(Cookies, "set");
    view("https://www.site.example/").settle(CONFIG);
    const attrs = set.mock.calls.filter((c) => c[0] == "calltrk_session_id").map((c) => c[2]);
    expect(attrs).toEqual([{ path: "/", sameSite: "Lax", secure: true, domain: "site.example", expires: 30 }]);
  });

  it("is not Secure on http and honours data-cookie-domain=none", () => {
    const set = vi.spyOn(Cookies, "set");
    view("http://www.site.example/", "", { cookieDomain: "none" }).settle(null);
    const attrs = set.mock.calls.find((c) => c[0] == "calltrk_landing")![2];
    expect(attrs).toMatchObject({ secure: false, domain: undefined, expires: 183 });
  });

  it("restores cookies lost to the browser from the mirror", () => {
    view("https://www.site.example/", "https://www.bing.com/").settle(CONFIG);
    const id = Cookies.get("calltrk_session_id");
    Cookies.remove("calltrk_session_id", { path: "/", domain: "site.example" });
    const v = view("https://www.site.example/contact");
    v.settle(CONFIG);
    expect(v.get()).toMatchObject({ source: "bing", session_id: id });
    expect(Cookies.get("calltrk_session_id")).toBe(id);
  });

  it("does not restore an expired mirror", () => {
    view("https://www.site.example/", "https://www.bing.com/").settle(CONFIG);
    clearAll();
    localStorage.setItem(
      "calltrk_first_touch",
      JSON.stringify({
        referrer: "https://www.bing.com/",
        landing: "https://www.site.example/",
        session_id: "6f1c2d3e-4b5a-4c6d-8e7f-001122334455",
        expires: Date.now() - 1,
      }),
    );
    expect(readTouch(Date.now())).toBeNull();
  });

  it.each([
    ["a javascript: landing", "calltrk_landing", "javascript:alert(1)"],
    ["an undecodable value", "calltrk_referrer", "%E0%A4%A"],
  ])("discards %s and starts over", (_n, name, value) => {
    view("https://www.site.example/", "https://www.bing.com/").settle(CONFIG);
    const id = Cookies.get("calltrk_session_id");
    localStorage.clear();
    document.cookie = name + "=" + value + "; path=/; domain=site.example";
    const v = view("https://www.site.example/x", "https://l.facebook.com/");
    v.settle(CONFIG);
    expect(v.get().source).toBe("facebook");
    expect(v.get().session_id).not.toBe(id);
    expect(v.get().session_id).toMatch(UUID4);
  });

  it.each<[string, string, string]>([
    ["%XX escapes", "https%3A//www.google.com/", "https://www.google.com/"],
    ["escape()'s %uXXXX", "https%3A//www.site.example/caf%u00E9", "https://www.site.example/café"],
    ["escape()'s Latin-1 bytes", "https%3A//www.site.example/caf%E9", "https://www.site.example/café"],
    ["UTF-8 escapes", "caf%C3%A9", "café"],
    ["a broken escape stays text", "100%", "100%"],
    ["a broken %u stays text", "%u00G9", "%u00G9"],
    ["plain", "direct", "direct"],
  ])("decodeCookie: %s", (_, raw, out) => expect(decodeCookie(raw)).toBe(out));

  it("keeps the first touch of CallRail's cookies (escape()d, non-UUID session id) with a new session id", () => {
    document.cookie = "calltrk_referrer=https%3A//www.google.com/; path=/";
    document.cookie = "calltrk_landing=https%3A//www.site.example/caf%u00E9%3Fgclid%3Dabc; path=/";
    document.cookie = "calltrk_session_id=1700000000.12ab; path=/";
    const v = view("https://www.site.example/contact");
    v.settle(CONFIG);
    expect(v.get()).toMatchObject({ source: "google", medium: "cpc", click_ids: { gclid: "abc" } });
    expect(v.get().landing_page_url).toBe("https://www.site.example/café?gclid=abc");
    expect(v.get().session_id).toMatch(UUID4);
    expect(Cookies.get("calltrk_session_id")).toBe(v.get().session_id);
  });

  it("sends the grab_cookies that exist", () => {
    document.cookie = "_ga=GA1.2.3.4; path=/";
    const v = view("https://www.site.example/");
    v.settle(CONFIG);
    expect(v.get().cookies).toEqual({ _ga: "GA1.2.3.4" });
    expect(grabCookies("nope")).toEqual({});
  });

  it("survives cookies and storage that throw", () => {
    vi.spyOn(Cookies, "get").mockImplementation(() => {
      throw new Error("blocked");
    });
    vi.spyOn(Cookies, "set").mockImplementation(() => {
      throw new Error("blocked");
    });
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new Error("QuotaExceeded");
    });
    const v = view("https://www.site.example/", "https://www.google.com/");
    expect(() => v.settle(CONFIG)).not.toThrow();
    expect(v.get().source).toBe("google");
  });
});

describe("consent (docs/protocol.md#54-consent)", () => {
  it("pending: nothing written, no session id, nothing identifying", () => {
    document.cookie = "_ga=GA1.2.3.4; path=/";
    const v = view("https://www.site.example/?gclid=1", "https://www.google.com/", { consent: "pending" });
    v.settle(CONFIG);
    expect(names()).toEqual(["_ga"]);
    expect(localStorage.length).toBe(0);
    expect(v.get()).toMatchObject({ source: "google", medium: "cpc", session_id: null, cookies: {} });
  });

  it("pending then granted: persists and carries on", () => {
    const v = view("https://www.site.example/", "https://www.google.com/", { consent: "pending" });
    v.settle(CONFIG);
    v.consent("granted");
    expect(names()).toEqual(["calltrk_landing", "calltrk_referrer", "calltrk_session_id"]);
    expect(v.get().session_id).toBe(Cookies.get("calltrk_session_id"));
    expect(v.state()).toBe("granted");
  });

  it("granted before the config settles: persists when it does", () => {
    const v = view("https://www.site.example/", "", { consent: "pending" });
    v.consent("granted");
    expect(names()).toEqual([]);
    v.settle(CONFIG);
    expect(names()).toHaveLength(3);
  });

  it("denied: removes our cookies and mirror, keeps others, stays memory-only", () => {
    document.cookie = "_ga=GA1.2.3.4; path=/";
    view("https://www.site.example/").settle(CONFIG);
    const v = view("https://www.site.example/", "https://www.bing.com/");
    v.settle(CONFIG);
    v.consent("denied");
    expect(names()).toEqual(["_ga"]);
    expect(localStorage.length).toBe(0);
    expect(v.get()).toMatchObject({ source: "bing", session_id: null, cookies: {} });
  });

  it("Global Privacy Control is a denial when the site opts in", () => {
    const v = view("https://www.site.example/", "", { respectGpc: true }, true);
    v.settle(CONFIG);
    expect(names()).toEqual([]);
    expect(v.state()).toBe("denied");
    const w = view("https://www.site.example/", "", {}, true);
    w.settle(CONFIG);
    expect(w.state()).toBe("granted");
  });

  it("a bad state gives one warning and changes nothing", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const v = view("https://www.site.example/", "", { consent: "pending" });
    v.consent("yes please");
    expect(v.state()).toBe("pending");
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

describe("cookie domain", () => {
  it.each([
    ["www.site.example", undefined, "site.example"],
    ["www.site.example", "none", undefined],
    ["www.site.example", "www.site.example", "www.site.example"],
    ["localhost", undefined, undefined],
    ["127.0.0.1", undefined, undefined],
  ])("%s with %s → %s", (host, setting, want) => expect(cookieDomain(host, setting)).toBe(want));
});
