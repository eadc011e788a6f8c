// The server's classification of a first touch (docs/attribution.md#server-side-classification):
// the bundle's rules (src/attribution/classify.ts) with the broad host table, from the raw
// referrer and landing URLs only. What the browser named its own source and medium is never
// read: reports show what these rules say. Pure.
import { classify, parseUrl, referrerKey } from "../../src/attribution/classify";
import type { Attribution } from "../../src/types";
import { own } from "../../src/safe";
import { displayOfName, lookupHost, serverLookup } from "./hosts";

/** A first touch as stored: the referrer URL (or `direct`) and the landing URL, as the browser sent them. */
export interface Touch {
  referrer?: string | null;
  landing?: string | null;
}

export interface Classification extends Attribution {
  /** The name reports show (docs/attribution.md#display-names): `Google Ads`, `Facebook`, `Direct`, a domain. */
  display: string;
  /** The referrer key of docs/protocol.md#53-form-submissions: `google_paid`, `bing_organic`, `direct`, or the domain. */
  referrer_key: string;
}

/** Longer values are ignored, not cut (a cut URL is another URL): the bundle keeps URLs under 1,500 characters. */
const MAX_URL = 4096;
/** Paid names that are not `<name> Ads`. */
const PAID_NAMES: Record<string, string> = { twitter: "X Ads" };

const text = (s: unknown) => (typeof s == "string" && s.length <= MAX_URL ? s : "");

/** The classification of one first touch; never null (a same-site referrer counts as direct). */
export function classifyTouch(t: Touch): Classification {
  const landing = text(t.landing);
  const referrer = text(t.referrer);
  const u = parseUrl(landing);
  const host = u ? u.hostname : "";
  const a = classify(referrer, landing, host, lookupHost) || classify("", landing, host, lookupHost)!;
  return { ...a, display: displayName(a), referrer_key: referrerKey(a) };
}

/** What a display name is made of. */
export type Named = Pick<Attribution, "source" | "medium" | "search_engine" | "search_type"> & {
  referrer?: string | null;
};

/** `X Ads` for `twitter`; the name with ` Ads` for any other. */
const paidName = (name: string, display: string) => own(PAID_NAMES, name) || display + " Ads";

/**
 * The name reports show for an attribution (docs/attribution.md#display-names): `Direct`;
 * `<Engine> Ads` / `<Engine> Organic` for search; a known source's name (`Facebook`,
 * `ChatGPT`), with ` Ads` when paid; a webmail service's name; else the source itself
 * (a referring domain, or a `utm_source` value).
 */
export function displayName(a: Named): string {
  if (a.medium == "direct") return "Direct";
  if (a.search_engine) {
    const d = displayOfName(a.search_engine) || a.search_engine;
    return a.search_type == "paid" ? paidName(a.search_engine, d) : d + " Organic";
  }
  const d = displayOfName(a.source);
  if (d) return a.medium == "cpc" ? paidName(a.source, d) : d;
  const ref = a.medium == "email" ? parseUrl(a.referrer) : null;
  if (ref) {
    const k = serverLookup(ref.hostname, ref.pathname, ref.protocol == "android-app:");
    if (k && k.kind == "email" && k.name == a.source) return k.display;
  }
  return a.source;
}
