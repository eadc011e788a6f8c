import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import Cookies from "js-cookie";
import { createCallTrk } from "../src/calltrk";
import type { CompanyConfig } from "../src/types";

const config: CompanyConfig = {
  company_id: "COM1",
  trackers: [
    {
      id: "TRK1",
      type: "source",
      status: "active",
      destination_number: "+15551231234",
      tracking_numbers: ["+14045559999"],
      source: { type: "all" },
    },
    {
      id: "TRK9",
      type: "source",
      status: "active",
      tracking_numbers: ["+14045550000"],
      swap_targets: ["5559990000"],
      source: { type: "search", search_engine: "google" },
    },
  ],
};
const tick = () => new Promise((r) => setTimeout(r, 0));

// Each test gets its own document, so observers of earlier instances cannot touch it.
let document: Document;
beforeEach(() => {
  document = window.document.implementation.createHTMLDocument("t");
});
afterEach(() => {
  vi.unstubAllGlobals();
  // Instances write the first touch to the window's cookies and storage: start clean.
  window.document.cookie
    .split("; ")
    .filter(Boolean)
    .forEach((c) => Cookies.remove(c.split("=")[0], { path: "/" }));
  localStorage.clear();
});

describe("swap", () => {
  it("swaps the page at once when the config is inline, and late nodes after", async () => {
    document.body.innerHTML = "<p>555-123-1234</p><p>555-999-0000</p>";
    const ct = createCallTrk({ config }, document);
    expect(document.body.textContent).toBe("404-555-9999555-999-0000");
    const late = document.createElement("p");
    late.textContent = "(555) 123-1234";
    document.body.appendChild(late);
    const quiet = document.createElement("p");
    quiet.setAttribute("data-calltrk-noswap", "");
    quiet.textContent = "(555) 123-1234";
    document.body.appendChild(quiet);
    await tick();
    expect(late.textContent).toBe("(404) 555-9999");
    expect(quiet.textContent).toBe("(555) 123-1234");
    (document.body.firstChild!.firstChild as Text).data = "call 555.123.1234";
    await tick();
    expect(document.body.firstChild!.textContent).toBe("call 404.555.9999");
    expect(ct).toBeTruthy();
  });

  it("a shadow root made before the bundle ran is found once the page is idle, and swapped", async () => {
    document.body.innerHTML = "<x-card></x-card>";
    const sr = document.querySelector("x-card")!.attachShadow({ mode: "open" });
    sr.innerHTML = "<p>555-123-1234</p>";
    createCallTrk({ config }, document);
    await new Promise((r) => setTimeout(r, 50));
    expect(sr.textContent).toBe("404-555-9999");
  });

  it("is synchronous on nodes and selectors, detached nodes included", () => {
    const ct = createCallTrk({ config }, document);
    const div = document.createElement("div");
    div.textContent = "555 123 1234";
    ct.swap(div);
    expect(div.textContent).toBe("404 555 9999");
    document.body.innerHTML = '<p class="n">555-123-1234</p>';
    (document.body.firstChild!.firstChild as Text).data = "5551231234";
    ct.swap(".n");
    expect(document.body.textContent).toBe("4045559999");
  });

  it("ignores bad arguments with one warning each, never throwing", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const ct = createCallTrk({ config }, document);
    expect(() => ct.swap(42 as never)).not.toThrow();
    expect(() => ct.swap(null as never)).not.toThrow();
    expect(() => ct.swap({} as never)).not.toThrow();
    expect(() => ct.swap("<<<not a selector")).not.toThrow();
    expect(() => ct.swap("<<<not a selector")).not.toThrow();
    expect(() => ct.getSwapNumbers("5551231234" as never)).not.toThrow();
    expect(warn.mock.calls.filter((c) => String(c[0]).includes("bad selector")).length).toBe(1);
    expect(warn).toHaveBeenCalled();
  });

  it("swaps scopes given before the numbers are known once they are", async () => {
    let answer!: (r: Response) => void;
    vi.stubGlobal(
      "fetch",
      vi.fn(() => new Promise<Response>((r) => (answer = r))),
    );
    const ct = createCallTrk({ company: "COM1", api: "https://n.example/" }, document);
    const div = document.createElement("div");
    div.textContent = "555-123-1234";
    ct.swap(div);
    expect(div.textContent).toBe("555-123-1234");
    await tick();
    expect(fetch).toHaveBeenCalledWith("https://n.example/v1/companies/COM1/config", expect.anything());
    answer(new Response(JSON.stringify(config)));
    await tick();
    expect(div.textContent).toBe("404-555-9999");
  });
});

describe("configure and the config request", () => {
  it("configure() right after load wins over the request, and only the first config counts", async () => {
    const f = vi.fn();
    vi.stubGlobal("fetch", f);
    document.body.innerHTML = "<p>555-123-1234</p>";
    const ct = createCallTrk({ company: "COM1", api: "https://n.example" }, document);
    ct.configure(config);
    ct.configure({ trackers: [] });
    await tick();
    expect(f).not.toHaveBeenCalled();
    expect(document.body.textContent).toBe("404-555-9999");
  });

  it.each([
    ["a server error", () => Promise.resolve(new Response("oops", { status: 500 }))],
    ["garbage", () => Promise.resolve(new Response("{not json"))],
    ["null", () => Promise.resolve(new Response("null"))],
    ["a wrong shape", () => Promise.resolve(new Response('{"trackers":"all"}'))],
    ["a network error", () => Promise.reject(new TypeError("offline"))],
  ])("keeps the original numbers on %s", async (_, impl) => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.stubGlobal("fetch", vi.fn(impl));
    document.body.innerHTML = "<p>555-123-1234</p>";
    const ct = createCallTrk({ company: "COM1", api: "https://n.example" }, document);
    const cb = vi.fn();
    ct.getSwapNumbers(["5551231234"], cb);
    await new Promise((r) => setTimeout(r, 20));
    expect(document.body.textContent).toBe("555-123-1234");
    expect(cb).toHaveBeenCalledTimes(1);
    expect(cb).toHaveBeenCalledWith({});
  });

  it("skips malformed trackers and numbers, swapping the rest", () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    document.body.innerHTML = "<p>555-123-1234 555-222-3333</p>";
    createCallTrk(
      {
        config: {
          trackers: [
            null,
            7,
            { id: "X" },
            { id: "Y", type: "source", status: "active", source: "all", tracking_numbers: ["<b>"] },
            {
              id: "P",
              type: "source",
              status: "paused",
              source: "all",
              tracking_numbers: ["4045550000"],
              swap_targets: ["5552223333"],
            },
            {
              id: "T",
              type: "source",
              status: "active",
              source: { type: "all" },
              tracking_numbers: ["4045559999"],
              swap_targets: ["nope", "5551231234"],
            },
          ] as never,
        },
      },
      document,
    );
    expect(document.body.textContent).toBe("404-555-9999 555-222-3333");
  });
});

describe("getSwapNumbers", () => {
  it("returns what is known at once and calls back once, asynchronously", async () => {
    const ct = createCallTrk({ config }, document);
    const cb = vi.fn();
    const now = ct.getSwapNumbers(["5551231234", "5550000000", "+15551231234"], cb);
    expect(now).toEqual({ "5551231234": "4045559999", "+15551231234": "4045559999" });
    expect(cb).not.toHaveBeenCalled();
    await tick();
    expect(cb).toHaveBeenCalledTimes(1);
    expect(cb).toHaveBeenCalledWith({ "5551231234": "4045559999", "+15551231234": "4045559999" });
  });

  it("before the config arrives returns {} and answers when it does", async () => {
    let answer!: (r: Response) => void;
    vi.stubGlobal(
      "fetch",
      vi.fn(() => new Promise<Response>((r) => (answer = r))),
    );
    const ct = createCallTrk({ company: "COM1", api: "https://n.example" }, document);
    const cb = vi.fn();
    expect(ct.getSwapNumbers(["5551231234"], cb)).toEqual({});
    await tick();
    answer(new Response(JSON.stringify(config)));
    await tick();
    await tick();
    expect(cb).toHaveBeenCalledWith({ "5551231234": "4045559999" });
  });

  it("a callback that throws does not reach the page", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const ct = createCallTrk({ config }, document);
    ct.getSwapNumbers(["5551231234"], () => {
      throw new Error("site bug");
    });
    await tick();
  });
});

describe("getVisitor and consent", () => {
  it("returns the attribution with the session once configured, and a plain copy each time", () => {
    const ct = createCallTrk({ config }, document);
    const v = ct.getVisitor();
    expect(v).toMatchObject({ medium: "direct", source: "direct", cookies: {} });
    expect(v.session_id).toMatch(/^[0-9a-f-]{36}$/);
    v.source = "changed";
    expect(ct.getVisitor().source).toBe("direct");
    expect(window.document.cookie).toContain("calltrk_session_id=" + v.session_id);
  });

  it("pending consent: no cookie until consent('granted'); bad states warn once", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const ct = createCallTrk({ config, consent: "pending" }, document);
    expect(ct.getVisitor().session_id).toBeNull();
    expect(window.document.cookie).not.toContain("calltrk_");
    ct.consent("maybe" as never);
    ct.consent("maybe" as never);
    expect(warn).toHaveBeenCalledTimes(1);
    ct.consent("granted");
    expect(window.document.cookie).toContain("calltrk_session_id=" + ct.getVisitor().session_id);
  });
});
