// The company config (PROTOCOL §3): fetched, or given inline, and checked, so that a
// bad config means "no swapping" with one warning, never an exception in the page.
import { warn } from "./log";
import type { CompanyConfig } from "./types";

/** How long the page waits for the config before it keeps its original numbers. */
export const CONFIG_TIMEOUT_MS = 5000;

/** The config when it has the shape of one, else null (and one warning). */
export function readConfig(raw: unknown): CompanyConfig | null {
  if (raw && Array.isArray((raw as CompanyConfig).trackers)) return raw as CompanyConfig;
  warn("no usable config: numbers kept");
  return null;
}

/**
 * GET {api}/v1/companies/{company}/config. Resolves with the parsed body, or null on
 * any failure (non-2xx, bad JSON, network) or after CONFIG_TIMEOUT_MS: PROTOCOL §5,
 * "no numbers" keeps the page as it is.
 */
export function fetchConfig(api: string, company: string): Promise<unknown> {
  return new Promise((resolve) => {
    setTimeout(resolve, CONFIG_TIMEOUT_MS, null);
    fetch(api + "/v1/companies/" + encodeURIComponent(company) + "/config", { credentials: "omit" })
      .then((r) => (r.ok ? r.json() : null))
      .then(resolve, () => resolve(null));
  }).catch(() => null);
}
