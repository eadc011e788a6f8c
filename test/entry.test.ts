// The script-tag entry: settings, the stub queue and double loading (docs/protocol.md#1-embedding).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { readOptions } from "../src/index";

const config = {
  company_id: "COM1",
  trackers: [
    {
      id: "T",
      type: "source",
      status: "active",
      source: { type: "all" },
      destination_number: "5551231234",
      tracking_numbers: ["4045559999"],
    },
  ],
};

function stub(): Record<string, unknown> & { q: unknown[] } {
  // The snippet from docs/protocol.md#1-embedding, as a page would run it.
  const w = window as unknown as { CallTrk: Record<string, unknown> & { q: unknown[] } };
  w.CallTrk = w.CallTrk || ({ q: [] } as never);
  ["swap", "getSwapNumbers", "captureForm"].forEach(function (m) {
    w.CallTrk[m] =
      w.CallTrk[m] ||
      function () {
        // eslint-disable-next-line prefer-rest-params
        w.CallTrk.q.push([m, arguments]);
      };
  });
  return w.CallTrk;
}

async function load(): Promise<void> {
  vi.resetModules();
  await import("../src/index");
}

beforeEach(() => {
  delete (window as { CallTrk?: unknown }).CallTrk;
  delete (window as { CallTrkConfig?: unknown }).CallTrkConfig;
  document.head.innerHTML = "";
  document.body.innerHTML = "";
});

describe("settings", () => {
  it("reads the script tag: company, api defaulting to the script's origin", () => {
    document.head.innerHTML =
      '<script src="https://numbers.example.com/js/swap.js" data-company="COM1" data-cookie-domain="none" data-consent="pending"></script>';
    expect(readOptions(window)).toEqual({
      company: "COM1",
      api: "https://numbers.example.com",
      cookieDomain: "none",
      consent: "pending",
      respectGpc: false,
      captureSubmitCalls: false,
    });
  });

  it("reads data-hide (with or without a time) and data-capture-submit-calls", () => {
    document.head.innerHTML =
      '<script src="https://n.example/swap.js" data-company="C" data-hide data-capture-submit-calls></script>';
    expect(readOptions(window)).toMatchObject({ hide: -1, captureSubmitCalls: true });
    document.head.innerHTML = '<script src="https://n.example/swap.js" data-company="C" data-hide="2500"></script>';
    expect(readOptions(window)).toMatchObject({ hide: 2500, captureSubmitCalls: false });
    document.head.innerHTML = '<script src="https://n.example/swap.js" data-company="C"></script>';
    expect(readOptions(window).hide).toBeUndefined();
  });

  it("reads data-respect-gpc", () => {
    document.head.innerHTML = '<script src="https://n.example/swap.js" data-company="C" data-respect-gpc></script>';
    expect(readOptions(window).respectGpc).toBe(true);
    document.head.innerHTML =
      '<script src="https://n.example/swap.js" data-company="C" data-respect-gpc="false"></script>';
    expect(readOptions(window).respectGpc).toBe(false);
  });

  it("data-api wins over the origin, and window.CallTrkConfig over the attributes", () => {
    document.head.innerHTML =
      '<script src="https://a.example/swap.js" data-company="COM1" data-api="https://b.example/x"></script>';
    expect(readOptions(window).api).toBe("https://b.example/x");
    window.CallTrkConfig = { company: "COM2", api: "https://c.example" };
    expect(readOptions(window)).toMatchObject({ company: "COM2", api: "https://c.example" });
  });

  it("without a company: one warning, the stub is left as it was", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const s = stub();
    await load();
    expect(window.CallTrk).toBe(s);
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

describe("stub queue", () => {
  it("replays queued calls in order, exactly once, and replaces the stub", async () => {
    document.body.innerHTML = '<p id="a">555-123-1234</p>';
    const s = stub();
    const order: string[] = [];
    (s.getSwapNumbers as (n: string[], cb: (r: unknown) => void) => void)(["5551231234"], (r) =>
      order.push("cb " + JSON.stringify(r)),
    );
    (s.swap as (sel: string) => void)("#a");
    window.CallTrkConfig = { config: config as never };
    await load();
    const ct = window.CallTrk as Record<string, unknown>;
    expect(ct).not.toBe(s);
    expect(typeof ct.swap).toBe("function");
    expect(document.body.textContent).toBe("404-555-9999");
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual(['cb {"5551231234":"4045559999"}']);
  });

  it("a stub method kept by the page still works after the bundle loaded", async () => {
    const s = stub();
    const keptSwap = s.swap as (n: Node) => void;
    window.CallTrkConfig = { config: config as never };
    await load();
    const div = document.createElement("div");
    div.textContent = "555-123-1234";
    keptSwap(div);
    expect(div.textContent).toBe("404-555-9999");
  });

  it("a second copy of the bundle does nothing", async () => {
    window.CallTrkConfig = { config: config as never };
    await load();
    const first = window.CallTrk;
    const f = vi.fn();
    vi.stubGlobal("fetch", f);
    window.CallTrkConfig = { company: "COM1", api: "https://n.example" };
    await load();
    await new Promise((r) => setTimeout(r, 5));
    expect(window.CallTrk).toBe(first);
    expect(f).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });
});
