// The company config (docs/protocol.md#3-company-config): fetched, or given inline, and
// checked, so that a bad config means "no swapping" with one warning (naming the server's
// reason when it gave one), never an exception in the page.
// Unknown fields are ignored; a malformed tracker is skipped (trackers/rules.ts).
import type { Reply } from "./net";
import { readTracker, type Rule } from "./trackers/rules";
import type { CompanyConfig } from "./types";

/** How long the page waits for the config before it keeps its original numbers. */
export const CONFIG_TIMEOUT_MS = 5000;

const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s) => typeof s == "string") : []);

/**
 * The config when it has the shape of one (an object with a `trackers` array), else null.
 * What the bundle reads is copied with its type checked, so a string where a list belongs,
 * or a truthy string for a boolean, cannot change behaviour.
 */
export function readConfig(raw: unknown): CompanyConfig | null {
  const c = raw as CompanyConfig;
  if (!c || typeof c != "object" || !Array.isArray(c.trackers)) return null;
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
 * GET {api}/v1/companies/{company}/config. Resolves with the status and the parsed body
 * (an `{"error"}` body of a refusal included, docs/protocol.md#6-errors), status 0 on a
 * network failure or after CONFIG_TIMEOUT_MS, body null when it is not JSON. Any failure
 * means "no numbers": the page stays as it is.
 */
export function fetchConfig(api: string, company: string): Promise<Reply> {
  const none: Reply = { status: 0, body: null };
  return new Promise<Reply>((resolve) => {
    setTimeout(resolve, CONFIG_TIMEOUT_MS, none);
    fetch(api + "/v1/companies/" + encodeURIComponent(company) + "/config", { credentials: "omit" })
      .then((r) =>
        r.json().then(
          (body) => resolve({ status: r.status, body }),
          () => resolve({ status: r.status, body: null }),
        ),
      )
      .catch(() => resolve(none));
  }).catch(() => none);
}
