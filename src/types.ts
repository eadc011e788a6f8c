// The public contract (docs/protocol.md#1-embedding and #3-company-config) as types: what a site, the ESM build and the
// `window.CallTrk` global promise. Defaults are given in the comments.

/** A tracker's `source` rule (docs/protocol.md#3-company-config, the v3 reference's "Source/Session Tracker Call Sources"). */
export type TrackerSource = { type?: string; [key: string]: unknown } | "all";

/** One tracker of the company config (CallRail API v3 "Trackers"). */
export interface Tracker {
  id: string;
  /** `"source"`: one number for everyone matching; `"session"`: a leased pool number. */
  type: "source" | "session";
  /** Only `"active"` trackers swap. */
  status: string;
  destination_number?: string;
  /** Source trackers: the number shown (the first is used). */
  tracking_numbers?: string[];
  /** Printed numbers to replace; default: `[destination_number]`. */
  swap_targets?: string[];
  source?: TrackerSource;
}

/** `GET {api}/v1/companies/{company}/config` (docs/protocol.md#3-company-config). */
export interface CompanyConfig {
  company_id?: string;
  swap_cookie_duration?: number;
  swap_cookie_duration_unit?: "days" | "weeks" | "months";
  swap_ppc_override?: boolean;
  swap_landing_override?: string | null;
  form_capture?: boolean;
  ignored_fields?: string[];
  grab_cookies?: string[];
  trackers: Tracker[];
}

/** Options of `createCallTrk`, and `window.CallTrkConfig` (docs/protocol.md#1-embedding). */
export interface CallTrkOptions {
  /** Company id. Required unless `config.company_id` is given. */
  company?: string;
  /** Base URL of the number server. Default: the origin of the script's own `src`. */
  api?: string;
  /** Cookie domain; `"none"` means host-only. Default: the page's registrable domain. */
  cookieDomain?: string;
  /** `"granted"` (default) or `"pending"`: nothing stored or sent until `consent("granted")` (docs/protocol.md#54-consent). */
  consent?: "granted" | "pending";
  /** Treat `navigator.globalPrivacyControl` as a denial. Default `false`; `data-respect-gpc` on the tag. */
  respectGpc?: boolean;
  /**
   * Anti-flicker (opt-in): keep the class `calltrk-hide` on `<html>` until numbers are final,
   * at most this many ms (default 1000, max 5000). Your stylesheet does the hiding. `data-hide` on the tag.
   */
  hide?: number;
  /** Also capture forms sent with `form.submit()`, which fires no event. `data-capture-submit-calls` on the tag. */
  captureSubmitCalls?: boolean;
  /** A company config given inline: no config request is made. */
  config?: CompanyConfig;
}

export type Medium = "cpc" | "organic" | "social" | "email" | "referral" | "direct";

/** How a visitor arrived (docs/protocol.md#4-visitor-attribution): what `getVisitor()` returns, without the session. */
export interface Attribution {
  /** Engine or network (`google`, `facebook`), `direct`, a site's registrable domain, or `utm_source`. */
  source: string;
  medium: Medium;
  /** Search arrivals only. */
  search_engine?: string;
  search_type?: "paid" | "organic";
  /** The referrer URL; `null` for a direct arrival. */
  referrer: string | null;
  referrer_domain: string | null;
  landing_page_url: string;
  keywords: string | null;
  campaign: string | null;
  utm: Record<string, string>;
  click_ids: Record<string, string>;
}

/** The first touch with its session (docs/protocol.md#4-visitor-attribution `visitor`). */
export interface Visitor extends Attribution {
  /** UUID v4; `null` while consent is pending or denied (nothing identifying exists then). */
  session_id: string | null;
  /** The company's `grab_cookies` that exist (empty without consent). */
  cookies: Record<string, string>;
}

/** `{ "5551231234": "4045551111" }`: swap target → tracking number, 10 digits each. */
export type SwapNumbers = Record<string, string>;

/** One swap target of the config, and what the page shows for it (docs/debugging.md#explain). */
export interface ExplainedTarget {
  /** As configured: 10 digits in North America, E.164 elsewhere, or a vanity target's text. */
  target: string;
  /** The tracking number shown (10 digits, or country code + national number), or null: the page's own number stays. */
  number: string | null;
  /** The tracker whose number is shown, or null. */
  tracker: string | null;
  /** Why, in one sentence. */
  reason: string;
}

/** What `explain()` returns: why the page shows what it shows (docs/debugging.md). */
export interface Explanation {
  /** Where the config came from (`inline`, `configure`, `request`), its HTTP status and the server's error text. */
  config: { source: string; status?: number; error?: string };
  consent: "granted" | "pending" | "denied";
  /** A known crawler by user agent: session trackers take no part. */
  crawler: boolean;
  /** The page is being prerendered and not shown yet. */
  prerendering: boolean;
  visitor: Visitor | null;
  /** The last lease request on this page view, and the cached lease. */
  session: unknown;
  targets: ExplainedTarget[];
  /** With the debug part loaded (`?calltrk_debug=1`): every tracker, places on the page, forms. */
  [more: string]: unknown;
}

/** `window.CallTrk` once the bundle has loaded (docs/protocol.md#2-public-javascript-api-windowcalltrk). */
export interface CallTrkApi {
  /** Scan again and swap: no argument means `document.body`; a node; or a selector. */
  swap(scope?: Node | string): void;
  /** Replacements known now; `callback` is called once, later, with the final answer. */
  getSwapNumbers(numbers: string[], callback?: (result: SwapNumbers) => void): SwapNumbers;
  /** Report that form's fields now; `callback` runs once, after the server's answer or at most 3 s. */
  captureForm(form: HTMLFormElement | string, callback?: () => void): void;
  /** The visitor's first-touch attribution and session id, as a plain object. */
  getVisitor(): Visitor;
  /** `"granted"`: persist and carry on; `"denied"`: memory only, our cookies removed (docs/protocol.md#54-consent). */
  consent(state: "granted" | "denied"): void;
  /** Use this company config (what a server appends to the bundle it serves). */
  configure(config: CompanyConfig): void;
  /** Why the page shows what it shows, as a plain object (docs/debugging.md). */
  explain(): Explanation;
  /**
   * ESM: undo this instance (observer, listeners, history hooks, timers, the page's own
   * numbers put back). Another handle on the same document keeps the instance alive.
   */
  destroy(): void;
}

/** The snippet's stub: methods that queue their calls until the bundle replays them. */
export interface CallTrkStub {
  q?: Array<[string, ArrayLike<unknown>]>;
  [method: string]: unknown;
}

declare global {
  interface Window {
    CallTrk?: CallTrkApi | CallTrkStub;
    CallTrkConfig?: CallTrkOptions;
  }
}
