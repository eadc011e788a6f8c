// The company config (PROTOCOL §3): read from what was given inline or fetched, and
// checked, so that a bad config means "no swapping", never an exception in the page.
import { warn } from "./log";
import type { CompanyConfig, Tracker } from "./types";

/** How long the page waits for the config before it keeps its original numbers. */
export const CONFIG_TIMEOUT_MS = 5000;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The config as data we can use, or null (with one warning) when it is unusable. */
export function readConfig(raw: unknown): CompanyConfig | null {
  if (!isObject(raw) || !Array.isArray(raw.trackers)) {
    warn("config ignored: it is not an object with a trackers array");
    return null;
  }
  const trackers: Tracker[] = [];
  for (const t of raw.trackers) {
    if (isObject(t) && typeof t.id === "string" && (t.type === "source" || t.type === "session")) {
      trackers.push(t as unknown as Tracker);
    } else warn("tracker skipped: it needs an id and a type of source or session");
  }
  return Object.assign({}, raw as unknown as CompanyConfig, { trackers });
}

/** GET {api}/v1/companies/{company}/config; null on any failure or after the timeout. */
export function fetchConfig(api: string, company: string): Promise<unknown> {
  if (typeof fetch !== "function") return Promise.resolve(null);
  const url = api + "/v1/companies/" + encodeURIComponent(company) + "/config";
  const ctl = typeof AbortController === "function" ? new AbortController() : null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      if (ctl) ctl.abort();
      resolve(null);
    }, CONFIG_TIMEOUT_MS);
  });
  const request = fetch(url, { credentials: "omit", signal: ctl ? ctl.signal : undefined })
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null);
  return Promise.race([request, timeout]).then((v) => {
    clearTimeout(timer);
    if (v === null) warn("no company config from " + url + ": original numbers are kept");
    return v;
  });
}
