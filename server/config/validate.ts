// What a company, a tracker and an integration may hold, checked one way for the operator
// API and for company files (docs/protocol.md#3-company-config, #7). Pure: the store applies
// the cross-object rules (a tracking number owned once across the server).
import type { CallFlow, CompanyFields, Integration, TrackerRecord } from "../companies";
import {
  Invalid,
  bool,
  integer,
  isObject,
  list,
  object,
  oneOf,
  onlyKnown,
  optionalText,
  origin,
  phone,
  text,
  timeZone,
  type Input,
} from "./fields";

export { Invalid } from "./fields";

/** The fields an operator sets on a company (API and files). */
export const COMPANY_FIELDS = [
  "name",
  "time_zone",
  "site_origins",
  "swap_cookie_duration",
  "swap_cookie_duration_unit",
  "swap_ppc_override",
  "swap_landing_override",
  "form_capture",
  "ignored_fields",
  "grab_cookies",
] as const;

/** Longest first touch a cookie may keep (docs/protocol.md#3-company-config: at most 6 months). */
const MAX_DURATION = { days: 183, weeks: 26, months: 6 } as const;

const cookieName = (field: string, v: unknown) => {
  const name = text(field, v, 128);
  if (!/^[\w.!#$%&'*+^`|~-]+$/.test(name)) throw new Invalid(field, "must be a cookie name");
  return name;
};
const fieldName = (field: string, v: unknown) => text(field, v, 255);

/** Checks company fields: all of them on create (name required), the given ones on update. */
export function checkCompany(input: unknown, existing?: CompanyFields): CompanyFields {
  const c = object("company", input);
  onlyKnown(c, COMPANY_FIELDS);
  const out: CompanyFields = { ...(existing || {}) };
  if (!existing || "name" in c) out.name = text("name", c.name, 255);
  if ("time_zone" in c) out.time_zone = timeZone("time_zone", c.time_zone);
  if ("site_origins" in c) out.site_origins = list("site_origins", c.site_origins, 100, origin);
  if ("swap_cookie_duration_unit" in c)
    out.swap_cookie_duration_unit = oneOf("swap_cookie_duration_unit", c.swap_cookie_duration_unit, [
      "days",
      "weeks",
      "months",
    ] as const);
  if ("swap_cookie_duration" in c || "swap_cookie_duration_unit" in c) {
    const unit = out.swap_cookie_duration_unit || "months";
    const value = "swap_cookie_duration" in c ? c.swap_cookie_duration : (out.swap_cookie_duration ?? 6);
    out.swap_cookie_duration = integer("swap_cookie_duration", value, 1, MAX_DURATION[unit]);
  }
  if ("swap_ppc_override" in c) out.swap_ppc_override = bool("swap_ppc_override", c.swap_ppc_override);
  if ("swap_landing_override" in c) {
    const name = optionalText("swap_landing_override", c.swap_landing_override, 64);
    if (name != null && !/^[\w.-]+$/.test(name))
      throw new Invalid("swap_landing_override", "must be a URL parameter name or null");
    out.swap_landing_override = name;
  }
  if ("form_capture" in c) out.form_capture = bool("form_capture", c.form_capture);
  if ("ignored_fields" in c) out.ignored_fields = list("ignored_fields", c.ignored_fields, 200, fieldName);
  if ("grab_cookies" in c) out.grab_cookies = list("grab_cookies", c.grab_cookies, 50, cookieName);
  return out;
}

/** Source tracker rules (docs/protocol.md#3-company-config, the v3 reference's Source Tracker Call Sources). */
const SOURCE_TYPES = [
  "all",
  "direct",
  "search",
  "web_referrer",
  "landing_params",
  "landing_url",
  "offline",
  "google_ad_extension",
  "mobile_ad_extension",
  "google_my_business",
] as const;

function sourceRule(field: string, v: unknown): Input {
  if (v === "all") return { type: "all" };
  const s = object(field, v);
  const type = oneOf(field + ".type", s.type, SOURCE_TYPES);
  switch (type) {
    case "search": {
      onlyKnown(s, ["type", "search_engine", "search_type"], field + ".");
      const engine = s.search_engine ?? "all";
      if (typeof engine != "string" || !/^[a-z0-9]{2,20}$/.test(engine))
        throw new Invalid(field + ".search_engine", 'must be "all" or an engine name such as "google"');
      return {
        type,
        search_engine: engine,
        search_type: oneOf(field + ".search_type", s.search_type ?? "all", ["all", "paid", "organic"]),
      };
    }
    case "web_referrer": {
      onlyKnown(s, ["type", "referrer", "referrer_domain"], field + ".");
      const domain = text(field + ".referrer", s.referrer ?? s.referrer_domain, 253).toLowerCase();
      if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(domain))
        throw new Invalid(field + ".referrer", "must be a domain such as facebook.com");
      return { type, referrer: domain };
    }
    case "landing_params": {
      onlyKnown(s, ["type", "landing_params", "landing"], field + ".");
      return { type, landing_params: text(field + ".landing_params", s.landing_params ?? s.landing, 255) };
    }
    case "landing_url": {
      onlyKnown(s, ["type", "landing_url"], field + ".");
      return { type, landing_url: text(field + ".landing_url", s.landing_url, 2048) };
    }
    default:
      onlyKnown(s, ["type"], field + ".");
      return { type };
  }
}

const SEARCH_TYPES = ["paid", "organic"] as const;

/** Session tracker rules: "all", or any of engines' search types, direct, landing and referrer substrings, inverted. */
function sessionRule(field: string, v: unknown): Input | "all" {
  if (v === "all") return "all";
  const s = object(field, v);
  if (s.type === "all" && Object.keys(s).length == 1) return "all";
  const out: Input = {};
  for (const [key, value] of Object.entries(s)) {
    const f = `${field}.${key}`;
    if (key == "type") out.type = oneOf(f, value, ["direct"]);
    else if (key == "landing" || key == "referrer") out[key] = text(f, value, 2048);
    else if (key == "inverted") out.inverted = bool(f, value);
    else if (/^[a-z0-9]{2,20}$/.test(key)) out[key] = list(f, value, 2, (g, x) => oneOf(g, x, SEARCH_TYPES));
    else throw new Invalid(f, "unknown field");
  }
  if (!Object.keys(out).some((k) => k != "inverted"))
    throw new Invalid(field, 'must name at least one condition, or be "all"');
  return out;
}

/** A printed number to replace: digits with separators, or a vanity text such as 1-844-JH-FETAL. */
function swapTarget(field: string, v: unknown): string {
  const t = text(field, v, 32);
  if (!/^\+?[\dA-Za-z][\dA-Za-z ().-]*$/.test(t) || !/\d/.test(t))
    throw new Invalid(field, 'must be a number as printed on the site, such as "5553104554" or "1-844-JH-FETAL"');
  return t;
}

export const TRACKER_FIELDS = [
  "name",
  "type",
  "status",
  "company_id",
  "source",
  "swap_targets",
  "tracking_numbers",
  "fallback_number",
  "destination_number",
  "call_flow",
  "whisper_message",
  "sms_enabled",
  "pool_size",
  "pool_numbers",
] as const;

function callFlow(field: string, v: unknown, existing?: CallFlow): CallFlow {
  const f = object(field, v);
  onlyKnown(f, ["type", "destination_number", "recording_enabled", "greeting_text"], field + ".");
  return {
    type: oneOf(field + ".type", f.type ?? existing?.type ?? "basic", ["basic"]),
    destination_number:
      "destination_number" in f
        ? phone(field + ".destination_number", f.destination_number)
        : (existing?.destination_number ?? ""),
    recording_enabled:
      "recording_enabled" in f
        ? bool(field + ".recording_enabled", f.recording_enabled)
        : !!existing?.recording_enabled,
    greeting_text:
      "greeting_text" in f
        ? optionalText(field + ".greeting_text", f.greeting_text, 1000)
        : (existing?.greeting_text ?? null),
  };
}

/**
 * Checks tracker fields: on create `type`, `name`, `source`, a destination and for source
 * trackers one tracking number; on update the given ones (`type` cannot change). Buying
 * numbers (`pool_size`, `pool_numbers`) needs a number provider, which a self-hosted server
 * does not have: the operator lists the numbers it owns at its carrier instead.
 */
export function checkTracker(input: unknown, existing?: TrackerRecord): Omit<TrackerRecord, "id"> {
  const t = object("tracker", input);
  onlyKnown(t, TRACKER_FIELDS);
  for (const key of ["pool_size", "pool_numbers"] as const)
    if (key in t)
      throw new Invalid(
        key,
        "buying numbers needs a number provider, and none is configured: list the numbers you own at your carrier in tracking_numbers",
      );
  const type = existing ? existing.type : oneOf("type", t.type, ["source", "session"]);
  if (existing && "type" in t && t.type != existing.type) throw new Invalid("type", "cannot change");
  const out: Omit<TrackerRecord, "id"> = existing ? { ...existing } : { type, status: "active" };
  delete (out as Partial<TrackerRecord>).id;
  if (!existing || "name" in t) out.name = text("name", t.name, 255);
  if ("status" in t) out.status = oneOf("status", t.status, ["active", "disabled"]);
  if (!existing || "source" in t) {
    if (t.source == null) throw new Invalid("source", "is required");
    out.source = type == "session" ? sessionRule("source", t.source) : sourceRule("source", t.source);
  }
  if ("swap_targets" in t) out.swap_targets = list("swap_targets", t.swap_targets, 20, swapTarget);
  if ("tracking_numbers" in t) {
    const numbers = list("tracking_numbers", t.tracking_numbers, 1000, phone);
    if (new Set(numbers).size != numbers.length) throw new Invalid("tracking_numbers", "lists a number twice");
    out.tracking_numbers = numbers;
  }
  if (type == "source" && (out.tracking_numbers || []).length != 1)
    throw new Invalid("tracking_numbers", "a source tracker shows exactly one number");
  if (type == "session" && !(out.tracking_numbers || []).length)
    throw new Invalid("tracking_numbers", "a session tracker needs the numbers of its pool");
  if ("fallback_number" in t) {
    if (type != "session") throw new Invalid("fallback_number", "only session trackers have one");
    out.fallback_number = t.fallback_number == null ? undefined : phone("fallback_number", t.fallback_number);
  }
  if ("destination_number" in t) out.destination_number = phone("destination_number", t.destination_number);
  if ("call_flow" in t) out.call_flow = callFlow("call_flow", t.call_flow, existing?.call_flow);
  if (!(out.call_flow?.destination_number || out.destination_number))
    throw new Invalid(
      "call_flow.destination_number",
      "the number calls are connected to is required (or destination_number, for short)",
    );
  if (out.call_flow && !out.call_flow.destination_number) out.call_flow.destination_number = out.destination_number!;
  if ("whisper_message" in t)
    out.whisper_message = optionalText("whisper_message", t.whisper_message, 1000) ?? undefined;
  if ("sms_enabled" in t) out.sms_enabled = bool("sms_enabled", t.sms_enabled);
  return out;
}

/** The events of a Webhooks integration, each a list of URLs (docs/protocol.md#9-outgoing-webhooks). */
export const WEBHOOK_EVENTS = [
  "pre_call_webhook",
  "answered_call_webhook",
  "post_call_webhook",
  "updated_call_webhook",
  "form_captured_webhook",
  "sms_received_webhook",
] as const;

/**
 * Checks integration fields. `webhookUrl` checks one URL without DNS (scheme, credentials,
 * literal private addresses); the delivery checks again after DNS resolution.
 */
export function checkIntegration(
  input: unknown,
  webhookUrl: (field: string, v: unknown) => string,
  existing?: Integration,
): Omit<Integration, "id" | "company_id" | "created_at"> {
  const i = object("integration", input);
  onlyKnown(i, ["type", "company_id", "status", "config"]);
  const type = existing ? existing.type : oneOf("type", i.type, ["Webhooks", "Custom"]);
  if (existing && "type" in i && i.type != existing.type) throw new Invalid("type", "cannot change");
  const out = { type, status: existing?.status ?? "active", config: existing?.config ?? {} } as Omit<
    Integration,
    "id" | "company_id" | "created_at"
  >;
  if ("status" in i) out.status = oneOf("status", i.status, ["active", "disabled"]);
  if (!existing || "config" in i) {
    const config = i.config == null && !existing ? {} : object("config", i.config);
    if (type == "Webhooks") {
      onlyKnown(config, WEBHOOK_EVENTS, "config.");
      const urls: Record<string, string[]> = {};
      for (const event of WEBHOOK_EVENTS)
        if (config[event] != null) urls[event] = list("config." + event, config[event], 10, webhookUrl);
      out.config = urls;
    } else {
      onlyKnown(config, ["grab_cookies"], "config.");
      out.config = {
        grab_cookies:
          config.grab_cookies == null ? [] : list("config.grab_cookies", config.grab_cookies, 50, cookieName),
      };
    }
  }
  return out;
}

export { isObject };
