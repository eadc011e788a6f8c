// Companies and their trackers: read from company files (the company config of
// docs/protocol.md#3-company-config plus server-only fields), kept by the store, and served to
// the bundle without what only the server may know.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Invalid, checkCompany, checkIntegration, checkTracker } from "./config/validate";
import { list, object, oneOf, text } from "./config/fields";
import { destinationOf } from "./calls";

/** How a tracker's calls are connected (the v3 reference's `call_flow`, type basic). */
export interface CallFlow {
  type: "basic";
  destination_number: string;
  recording_enabled: boolean;
  greeting_text: string | null;
}

export interface TrackerRecord {
  id: string;
  type: "source" | "session";
  status: "active" | "disabled";
  name?: string;
  destination_number?: string;
  /** Source trackers: the number shown. Session trackers: the pool (server-only). */
  tracking_numbers?: string[];
  /** Session trackers: answered when the pool is exhausted (server-only). */
  fallback_number?: string;
  swap_targets?: string[];
  source?: unknown;
  call_flow?: CallFlow;
  /** Said to the business before a call is connected; `[source]` becomes the tracker's name. */
  whisper_message?: string;
  sms_enabled?: boolean;
  created_at?: string;
  updated_at?: string;
  disabled_at?: string | null;
  /** Came from a company file: a later file without it removes it (importCompanies). */
  from_file?: boolean;
}

/** A company's outgoing webhooks or custom cookies (docs/protocol.md#9-outgoing-webhooks). */
export interface Integration {
  id: string;
  company_id: string;
  type: "Webhooks" | "Custom";
  status: "active" | "disabled";
  /** Webhooks: event → URLs. Custom: `{grab_cookies}`. */
  config: Record<string, string[]>;
  /** Webhooks: the key of the `Signature` header (server-only; shown once, on create). */
  signing_key?: string;
  created_at: string;
  updated_at?: string;
  disabled_at?: string | null;
  /** Came from a company file (see TrackerRecord.from_file). */
  from_file?: boolean;
}

/** What an operator sets on a company (validate.ts COMPANY_FIELDS). */
export interface CompanyFields {
  name?: string;
  time_zone?: string;
  /** Origins allowed by CORS; "*" means any (the demo); absent means only the server's own host. */
  site_origins?: string[];
  swap_cookie_duration?: number;
  swap_cookie_duration_unit?: "days" | "weeks" | "months";
  swap_ppc_override?: boolean;
  swap_landing_override?: string | null;
  form_capture?: boolean;
  ignored_fields?: string[];
  grab_cookies?: string[];
}

/** A company as the server keeps it: its fields, its trackers and its integrations. */
export interface Company extends CompanyFields {
  id: string;
  account_id: string;
  status?: "active" | "disabled";
  created_at?: string;
  disabled_at?: string | null;
  trackers: TrackerRecord[];
  integrations?: Integration[];
}

/** The trackers of a company that are live: the company and the tracker both active. */
export function activeTrackers(c: Company): TrackerRecord[] {
  return c.status == "disabled" ? [] : c.trackers.filter((t) => t.status == "active");
}

const ID = /^[\w-]{1,64}$/;

/**
 * Reads a company file (the v3 reference's JSON: the company config plus `trackers` and,
 * optionally, `integrations`) with the validators of the operator API, as if it were POSTed;
 * throws Invalid naming the first field that does not fit.
 */
export function readCompany(raw: unknown, now = new Date().toISOString()): Company {
  const input = object("company", raw);
  const { company_id, id: rawId, account_id, trackers, integrations, status, ...fields } = input;
  const id = String(company_id ?? rawId ?? "");
  if (!ID.test(id)) throw new Invalid("company_id", "must be 1-64 letters, digits, _ or -");
  if (account_id != null && !ID.test(String(account_id)))
    throw new Invalid("account_id", "must be 1-64 letters, digits, _ or -");
  const checked = checkCompany({ name: id, ...fields });
  if (!Array.isArray(trackers)) throw new Invalid("trackers", "must be an array");
  const seen = new Set<string>();
  const company: Company = {
    ...checked,
    id,
    account_id: String(account_id ?? id),
    status: status == null ? "active" : (oneOf("status", status, ["active", "disabled"]) as "active" | "disabled"),
    created_at: now,
    trackers: trackers.map((t, i) => {
      const rest = object(`trackers[${i}]`, t);
      const { id: trackerId, ...body } = rest;
      if (typeof trackerId != "string" || !ID.test(trackerId))
        throw new Invalid(`trackers[${i}].id`, "must be 1-64 letters, digits, _ or -");
      if (seen.has(trackerId)) throw new Invalid(`trackers[${i}].id`, "is used twice");
      seen.add(trackerId);
      try {
        return { id: trackerId, created_at: now, ...checkTracker({ name: trackerId, ...body }), from_file: true };
      } catch (e) {
        throw e instanceof Invalid
          ? new Invalid(`trackers[${i}] (${trackerId}).${e.field}`, e.message.slice(e.field.length + 2))
          : e;
      }
    }),
  };
  if (integrations != null)
    company.integrations = list("integrations", integrations, 20, (field, v) => {
      const { id: integrationId, signing_key, ...body } = object(field, v);
      const checked = checkIntegration(body, (f, url) => text(f, url, 2048));
      // A receiver checks each delivery's Signature with this key, so the file names it: a
      // key the server made up could not be shown to anyone (docs/telephony.md#outgoing-webhooks).
      if (checked.type == "Webhooks" && (typeof signing_key != "string" || !/^[\x21-\x7e]{16,200}$/.test(signing_key)))
        throw new Invalid(
          field + ".signing_key",
          "a Webhooks integration in a company file needs its signing key: 16-200 printable characters, no spaces",
        );
      if (integrationId != null && (typeof integrationId != "string" || !ID.test(integrationId)))
        throw new Invalid(field + ".id", "must be 1-64 letters, digits, _ or -");
      return {
        ...checked,
        // The same id at every start, so that deliveries queued before a restart find it.
        id: integrationId ?? fileIntegrationId(id, field),
        company_id: id,
        signing_key: typeof signing_key == "string" ? signing_key : undefined,
        created_at: now,
        from_file: true,
      } as Integration;
    });
  return company;
}

/** `INT` and 32 hex digits, like the API's ids, derived from the company and the place in its file. */
function fileIntegrationId(companyId: string, field: string): string {
  return (
    "INT" +
    createHash("sha256")
      .update(companyId + "\0" + field)
      .digest("hex")
      .slice(0, 32)
  );
}

/**
 * "not valid JSON near line N": V8 names no position, but quotes the text around the fault
 * (`Unexpected token ']', ..."3104554",\n  ]..." is not valid JSON`), which is found in the
 * file; the message itself goes on one line.
 */
function jsonError(e: SyntaxError, text: string): string {
  const quoted = /^Unexpected token '([^']*)', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(e.message);
  const position = /at position (\d+)/.exec(e.message);
  let fault = position ? Number(position[1]) : -1;
  if (quoted && text.indexOf(quoted[3]) >= 0)
    // A cut quote starts CONTEXT characters before the fault (V8's json-parser.cc).
    fault = text.indexOf(quoted[3]) + (quoted[2] ? CONTEXT : Math.max(0, quoted[3].indexOf(quoted[1])));
  const line = fault >= 0 ? " near line " + text.slice(0, fault).split("\n").length : "";
  return "not valid JSON" + line + ": " + e.message.replace(/\s+/g, " ");
}
const CONTEXT = 10;

/** Reads a company file; an error names the file and the field. */
export function loadCompanyFile(path: string): Company {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${path}: ${code == "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    // V8's JSON errors quote the text around the fault, line breaks included: one line, with
    // the line number when the message gives a position.
    throw new Error(`${path}: ${jsonError(e as SyntaxError, text)}`);
  }
  try {
    return readCompany(raw);
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}

/** Company fields of docs/protocol.md#3-company-config with the type each must have to be published. */
const COMPANY_FIELDS: Record<string, (v: unknown) => boolean> = {
  swap_cookie_duration: (v) => typeof v == "number",
  swap_cookie_duration_unit: (v) => typeof v == "string",
  swap_ppc_override: (v) => typeof v == "boolean",
  swap_landing_override: (v) => v === null || typeof v == "string",
  form_capture: (v) => typeof v == "boolean",
};

/**
 * The keys of a source rule: the v3 reference's Source Tracker and Session Tracker Call Sources
 * as the bundle reads them (src/trackers/match.ts): type and search fields, the referrer,
 * landing URL and parameter rules with their other spellings, session engines and `inverted`.
 */
const SOURCE_KEYS = new Set(
  (
    "type search_engine search_type referrer referrer_domain domain landing_url landing_params landing url params " +
    "google bing yahoo inverted"
  ).split(" "),
);

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x == "string") : undefined;

/** A source rule with only its known keys, each a string, a boolean or a list of strings. */
function publicSource(source: unknown): unknown {
  if (source === "all") return source;
  if (!source || typeof source != "object" || Array.isArray(source)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source))
    if (SOURCE_KEYS.has(k)) {
      if (typeof v == "string" || typeof v == "boolean") out[k] = v;
      else if (Array.isArray(v)) out[k] = strings(v);
    }
  return out;
}

/** A tracker as docs/protocol.md#3-company-config shows it; a session tracker's pool stays on the server. */
function publicTracker(t: TrackerRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ["id", "type", "status"] as const) if (typeof t[k] == "string") out[k] = t[k];
  const destination = destinationOf(t);
  if (destination) out.destination_number = destination;
  if (t.type == "source" && strings(t.tracking_numbers)) out.tracking_numbers = strings(t.tracking_numbers);
  if (strings(t.swap_targets)) out.swap_targets = strings(t.swap_targets);
  const source = publicSource(t.source);
  if (source !== undefined) out.source = source;
  return out;
}

/**
 * The company config the bundle gets (docs/protocol.md#3-company-config), built field by field
 * from that section's list: whatever else a company file or the operator API holds (names,
 * pools, fallbacks, `site_origins`, integrations and their signing keys, a secret added by
 * mistake) is never published. `grab_cookies` adds those of active Custom integrations.
 */
export function publicConfig(c: Company): Record<string, unknown> {
  const out: Record<string, unknown> = { company_id: c.id };
  const fields = c as unknown as Record<string, unknown>;
  for (const [k, ok] of Object.entries(COMPANY_FIELDS)) if (k in fields && ok(fields[k])) out[k] = fields[k];
  if (strings(c.ignored_fields)) out.ignored_fields = strings(c.ignored_fields);
  const custom = (c.integrations || [])
    .filter((i) => i.type == "Custom" && i.status == "active")
    .flatMap((i) => strings(i.config.grab_cookies) || []);
  const grab = [...new Set([...(strings(c.grab_cookies) || []), ...custom])];
  if (grab.length || strings(c.grab_cookies)) out.grab_cookies = grab;
  out.trackers = (c.trackers || []).filter((t) => t && typeof t == "object").map(publicTracker);
  return out;
}

/**
 * Is this browser origin allowed to call the company's public endpoints (CORS only for
 * configured origins)? Listed in `site_origins` ("*" lists all), or the server's own
 * host (`host`: the request's Host header). No Origin header: not a browser, and CORS has
 * nothing to protect. A company without `site_origins` serves only its own host's pages.
 */
export function originAllowed(c: Company, origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  const list = c.site_origins || [];
  if (list.includes("*") || list.includes(origin)) return true;
  try {
    return !!host && new URL(origin).host == host;
  } catch {
    return false;
  }
}
