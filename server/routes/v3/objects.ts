// The objects the operator API answers with, in the v3 reference's shapes: what the server
// keeps, without what only it may know (pools stay in tracking_numbers, signing keys are shown
// once, on create).
import type { Company, Integration, TrackerRecord } from "../../companies";
import type { DeliveryStatus } from "../../store";

export function companyObject(c: Company, publicUrl: string) {
  return {
    id: c.id,
    name: c.name ?? c.id,
    status: c.status ?? "active",
    account_id: c.account_id,
    time_zone: c.time_zone ?? "UTC",
    created_at: c.created_at ?? null,
    disabled_at: c.disabled_at ?? null,
    script_url: `${publicUrl}/companies/${encodeURIComponent(c.id)}/swap.js`,
    site_origins: c.site_origins ?? [],
    swap_cookie_duration: c.swap_cookie_duration ?? 6,
    swap_cookie_duration_unit: c.swap_cookie_duration_unit ?? "months",
    swap_ppc_override: c.swap_ppc_override ?? false,
    swap_landing_override: c.swap_landing_override ?? null,
    form_capture: c.form_capture ?? false,
    ignored_fields: c.ignored_fields ?? [],
    grab_cookies: c.grab_cookies ?? [],
  };
}

export function trackerObject(c: Company, t: TrackerRecord) {
  const destination = t.call_flow?.destination_number || t.destination_number || null;
  return {
    id: t.id,
    name: t.name ?? t.id,
    type: t.type,
    status: t.status,
    company: { id: c.id, name: c.name ?? c.id },
    company_id: c.id,
    destination_number: destination,
    tracking_numbers: t.tracking_numbers ?? [],
    ...(t.type == "session" ? { fallback_number: t.fallback_number ?? null } : {}),
    swap_targets: t.swap_targets ?? [],
    source: t.source ?? null,
    call_flow: {
      type: "basic",
      destination_number: destination,
      recording_enabled: !!t.call_flow?.recording_enabled,
      greeting_text: t.call_flow?.greeting_text ?? null,
    },
    whisper_message: t.whisper_message ?? null,
    sms_enabled: !!t.sms_enabled,
    sms_supported: true,
    created_at: t.created_at ?? null,
    disabled_at: t.disabled_at ?? null,
  };
}

export function integrationObject(i: Integration, deliveries?: DeliveryStatus, withKey = false) {
  return {
    id: i.id,
    type: i.type,
    status: i.status,
    company_id: i.company_id,
    config: i.config,
    created_at: i.created_at,
    disabled_at: i.disabled_at ?? null,
    ...(withKey && i.signing_key ? { signing_key: i.signing_key } : {}),
    ...(deliveries ? { deliveries } : {}),
  };
}

/**
 * Fields the API shows and no one sets. A PUT of what a GET answered ignores them, so an object
 * read, edited and sent back is accepted; any other unknown field is still refused.
 */
export const SHOWN_ONLY = {
  company: ["id", "account_id", "created_at", "disabled_at", "script_url"],
  tracker: ["id", "company", "sms_supported", "created_at", "updated_at", "disabled_at"],
} as const;

/** `body` without the shown-only fields of its kind. */
export function withoutShownOnly(
  body: Record<string, unknown>,
  kind: keyof typeof SHOWN_ONLY,
): Record<string, unknown> {
  const out = { ...body };
  for (const key of SHOWN_ONLY[kind]) delete out[key];
  return out;
}
