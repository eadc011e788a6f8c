// calltrk/react (docs/integrations.md#react-and-nextjs): a provider that starts the one CallTrk
// instance of the page, a hook that answers which tracking number replaces a number, and a
// component that prints a phone number and its tel: link. Server rendering shows the original
// number; the swap happens after hydration, so the markup the server sent and the first client
// render are the same (no hydration mismatch). React is an optional peer dependency. The build
// marks the module "use client" (React Server Components: hooks run only in client components).
import {
  createContext,
  createElement,
  useContext,
  useEffect,
  useState,
  type ReactElement,
  type ReactNode,
} from "react";
import { createCallTrk, toE164, type CallTrkApi, type CallTrkOptions, type SwapNumbers } from "calltrk";
import { rewriteDigits } from "../swap/phone";

const Instance = createContext<CallTrkApi | null>(null);

export interface CallTrkProviderProps extends CallTrkOptions {
  children?: ReactNode;
}

/**
 * Starts CallTrk for the page once mounted and stops it when unmounted. React StrictMode's
 * mount, unmount and mount again end with one live instance: a second instance on a document
 * shares the live one, and `destroy()` undoes one completely (docs/swapping.md#one-instance-per-page).
 */
export function CallTrkProvider({ children, ...options }: CallTrkProviderProps): ReactElement {
  const [instance, setInstance] = useState<CallTrkApi | null>(null);
  const key = JSON.stringify(options);
  useEffect(() => {
    const created = createCallTrk(JSON.parse(key) as CallTrkOptions);
    setInstance(created);
    return () => {
      setInstance(null);
      created.destroy();
    };
  }, [key]);
  return createElement(Instance.Provider, { value: instance }, children);
}

/** The page's CallTrk: the provider's, else the script tag's `window.CallTrk` once loaded, else null. */
export function useCallTrk(): CallTrkApi | null {
  const provided = useContext(Instance);
  if (provided) return provided;
  if (typeof window == "undefined") return null;
  const global = window.CallTrk as CallTrkApi | undefined;
  return global && typeof global.explain == "function" ? global : null;
}

/**
 * The tracking numbers that replace `targets` (10-digit numbers, `"5553104554"`), as 10
 * digits, once known (docs/protocol.md#2-public-javascript-api-windowcalltrk `getSwapNumbers`):
 * `{}` on the server and in the first client render, then the answer.
 */
export function useSwapNumbers(targets: string[]): SwapNumbers {
  const calltrk = useCallTrk();
  const [numbers, setNumbers] = useState<SwapNumbers>({});
  const key = targets.join(",");
  useEffect(() => {
    if (!calltrk || !key) return;
    let live = true;
    const known = calltrk.getSwapNumbers(key.split(","), (answer) => {
      if (live) setNumbers(answer);
    });
    if (Object.keys(known).length) setNumbers(known);
    return () => {
      live = false;
    };
  }, [calltrk, key]);
  return numbers;
}

/** The 10 digits a number is asked for with, or null when it is not a North American number. */
function target(number: string): string | null {
  const e164 = toE164(number);
  return e164 && e164.startsWith("+1") ? e164.slice(2) : null;
}

export interface PhoneNumberProps {
  /** The business's number as the page prints it: `(555) 310-4554`. */
  number: string;
  className?: string;
  /** Shown before the number inside the link, e.g. an icon. */
  children?: ReactNode;
}

/**
 * A phone number and its `tel:` link. The tracking number replaces it after hydration, in the
 * same printed shape (`(404) 555-1111`). The link carries `data-calltrk-noswap`, so the page's
 * own swapping leaves what React owns alone.
 */
export function PhoneNumber({ number, className, children }: PhoneNumberProps): ReactElement {
  const digits = target(number);
  const swapped = useSwapNumbers(digits ? [digits] : [])[digits || ""];
  // The tracking number in the printed shape: `1-555-…` keeps its leading 1.
  const lead = number.replace(/\D/g, "").length == 11 ? "1" : "";
  const shown = swapped ? rewriteDigits(number, lead + swapped) : number;
  const e164 = toE164(shown);
  return createElement(
    "a",
    { href: e164 ? "tel:" + e164 : undefined, className, "data-calltrk-noswap": "" },
    children,
    shown,
  );
}

export type { CallTrkApi, CallTrkOptions, SwapNumbers } from "calltrk";
