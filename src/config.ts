// The company config (PROTOCOL §3): fetched, or given inline, and checked, so that a
// bad config means "no swapping" with one warning, never an exception in the page.
// Unknown fields are ignored; a malformed tracker is skipped (trackers/rules.ts).
import { warn } from "./log";
import { readTracker, type Rule } from "./trackers/rules";
import type { CompanyConfig } from "./types";

/** How long the page waits for the config before it keeps its original numbers. */
export const CONFIG_TIMEOUT_MS = 5000;

const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s) => typeof s == "string") : []);

/**
 * The config when it has the shape of one (an object with a `trackers` array), else null
 * and one warning. What the bundle reads is copied with its type checked, so a string
 * where a list belongs, or a truthy string for a boolean, cannot change behaviour.
 */
export function readConfig(raw: unknown): CompanyConfig | null {
  const c = raw as CompanyConfig;
  if (!c || typeof c != "object" || !Array.isArray(c.trackers)) {
    warn("no usable config: numbers kept");
    return null;
  }
  const override = c.swap_landing_override;
  return {
    company_id: typeof c.company_id == "string" ? c.company_id : undefined,
    swap_cookie_duration: c.swap_cookie_duration,
    swap_cookie_duration_unit: c.swap_cookie_duration_unit,
    swap_ppc_override: c.swap_ppc_override === true,
    swap_landing_override: typeof override == "string" && override ? override : null,
    form_capture: c.form_capture === true,
    ignored_fields: strings(c.ignored_fields),
    grab_cookies: strings(c.grab_cookies),
    trackers: c.trackers,
  };
}

/** The config's trackers as rules, in config order; bad ones skipped with a warning each. */
export function readRules(config: CompanyConfig | null): Rule[] {
  const rules: Rule[] = [];
  if (config)
    config.trackers.forEach((t, i) => {
      const r = readTracker(t, i);
      if (r) rules.push(r);
    });
  return rules;
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
