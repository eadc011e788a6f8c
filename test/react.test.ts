// calltrk/react (docs/integrations.md#react-and-nextjs): the server renders the original number,
// hydration keeps it (no mismatch), the tracking number follows; a provider in StrictMode ends
// with one live instance and one config request.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StrictMode, createElement, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { hydrateRoot } from "react-dom/client";
import { act, render, renderHook, waitFor } from "@testing-library/react";
import { CallTrkProvider, PhoneNumber, useSwapNumbers } from "../src/react";
import type { CallTrkApi, CompanyConfig } from "../src/types";
import { API } from "./configs";

// React's act() environment flag: tests drive effects explicitly.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A stand-in for the script tag's window.CallTrk: answers later, once, like the real one. */
function scriptTag(answer: Record<string, string>): CallTrkApi {
  return {
    getSwapNumbers: (numbers, callback) => {
      setTimeout(
        () => callback && callback(Object.fromEntries(numbers.filter((n) => answer[n]).map((n) => [n, answer[n]]))),
      );
      return {};
    },
    explain: () => ({ targets: [] }) as never,
    swap: () => {},
    captureForm: () => {},
    getVisitor: () => ({}) as never,
    consent: () => {},
    configure: () => {},
    destroy: () => {},
  };
}

afterEach(() => {
  delete (window as { CallTrk?: unknown }).CallTrk;
  document.body.innerHTML = "";
});

describe("PhoneNumber", () => {
  it.each([
    ["(555) 310-4554", "(404) 555-9999", "tel:+14045559999"],
    ["555.310.4554", "404.555.9999", "tel:+14045559999"],
    ["1-555-310-4554", "1-404-555-9999", "tel:+14045559999"],
    ["+1 (555) 310-4554", "+1 (404) 555-9999", "tel:+14045559999"],
  ])("the server renders %s with its tel: link; hydration keeps it, then shows %s", async (printed, swapped, href) => {
    const element = createElement(PhoneNumber, { number: printed });
    const html = renderToString(element);
    expect(html).toBe(`<a href="tel:+15553104554" data-calltrk-noswap="">${printed.replace(/&/g, "&amp;")}</a>`);

    window.CallTrk = scriptTag({ "5553104554": "4045559999" });
    const container = document.createElement("div");
    container.innerHTML = html;
    document.body.appendChild(container);
    const errors = vi.spyOn(console, "error");
    await act(async () => {
      hydrateRoot(container, element);
    });
    await waitFor(() => expect(container.textContent).toBe(swapped));
    expect(container.querySelector("a")!.getAttribute("href")).toBe(href);
    expect(errors).not.toHaveBeenCalled(); // no hydration mismatch
  });

  it("keeps the original number when no tracking number replaces it (or no CallTrk is on the page)", async () => {
    const { container } = render(createElement(PhoneNumber, { number: "(555) 310-4554" }));
    await act(() => new Promise((r) => setTimeout(r, 10)));
    expect(container.textContent).toBe("(555) 310-4554");
  });
});

describe("useSwapNumbers", () => {
  it("answers {} first, then the tracking numbers of the targets that have one", async () => {
    window.CallTrk = scriptTag({ "5553104554": "4045559999" });
    const { result } = renderHook(() => useSwapNumbers(["5553104554", "5550000000"]));
    expect(result.current).toEqual({});
    await waitFor(() => expect(result.current).toEqual({ "5553104554": "4045559999" }));
  });
});

describe("CallTrkProvider", () => {
  const config: CompanyConfig = {
    company_id: "COM1",
    trackers: [
      {
        id: "ALL",
        type: "source",
        status: "active",
        tracking_numbers: ["+14045559999"],
        swap_targets: ["5553104554"],
        source: { type: "all" },
      },
    ],
  };
  let configRequests: number;
  beforeEach(() => {
    configRequests = 0;
    vi.stubGlobal("fetch", async (url: string) => {
      if (String(url).endsWith("/config")) configRequests++;
      return new Response(JSON.stringify(config));
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("in StrictMode (mount, unmount, mount): one live instance, one config request, the number swapped", async () => {
    const app: ReactElement = createElement(
      StrictMode,
      null,
      createElement(
        CallTrkProvider,
        { company: "COM1", api: API },
        createElement(PhoneNumber, { number: "(555) 310-4554" }),
      ),
    );
    const { container, unmount } = render(app);
    await waitFor(() => expect(container.textContent).toBe("(404) 555-9999"));
    expect(configRequests).toBe(1);
    const instances = Object.getOwnPropertySymbols(document).filter((s) => s.description == "calltrk.instance");
    expect(instances).toHaveLength(1);
    unmount();
    // Unmounted: the instance is gone with its last handle.
    expect((document as unknown as Record<symbol, unknown>)[instances[0]]).toBeUndefined();
  });
});
