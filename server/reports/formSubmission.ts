// The v3 Form Submission object (docs/attribution.md#the-form-submission-object) from a stored
// submission (the bundle's body of docs/protocol.md#53-form-submissions) and what only the
// server knows. Source, medium, referrer key and milestones come from the server's own
// classification of the raw URLs; what the browser named them is never shown. Pure.
import type { Device } from "./agent";
import { classifyTouch } from "./classify";
import { customerOf, formatName } from "./customer";
import { milestone, type Milestone } from "./milestone";
import { formatPhone } from "./phone";

/** A submission as stored: the bundle's body, unchecked beyond what intake checked. */
export interface StoredSubmission {
  id: string;
  session_id?: string | null;
  form_name?: string | null;
  form_url?: string | null;
  landing_page_url?: string | null;
  referring_url?: string | null;
  form_data?: unknown;
  visitor?: { referrer?: string | null; landing_page_url?: string | null } | null;
  submitted_at?: string | null;
}

/** What the store knows beside the body. */
export interface SubmissionFacts {
  company_id: string;
  /** When the server stored it (epoch ms). */
  created_at: number;
  /** False when an earlier submission of the same person exists (the store finds it). */
  first_form: boolean;
  /** Coarse values from the request's User-Agent at intake (./agent.ts); the user agent itself is not kept. */
  device: Device | null;
  browser: string | null;
}

export interface FormSubmissionObject {
  id: string;
  company_id: string;
  session_id: string | null;
  form_name: string | null;
  form_data: unknown;
  form_url: string | null;
  landing_page_url: string | null;
  referrer: string;
  referring_url: string | null;
  submitted_at: string;
  created_at: string;
  first_form: boolean;
  customer_name: string | null;
  customer_email: string | null;
  customer_phone_number: string | null;
  formatted_customer_name: string | null;
  formatted_customer_phone_number: string | null;
  source: string;
  medium: string;
  campaign: string | null;
  keywords: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  milestones: { first_touch: Milestone; lead_created: Milestone };
}

/** A browser clock may be wrong: its time is kept only within this window around the server's receipt. */
const EARLIEST_MS = 8 * 86400e3; // the outbox keeps a submission up to 7 days
const LATEST_MS = 5 * 60e3;

const str = (x: unknown) => (typeof x == "string" && x ? x : null);

/** The browser's submission time when plausible, else the server's receipt. */
export function submittedAt(claimed: unknown, createdAt: number): string {
  const t = typeof claimed == "string" ? Date.parse(claimed) : NaN;
  const ok = t >= createdAt - EARLIEST_MS && t <= createdAt + LATEST_MS;
  return new Date(ok ? t : createdAt).toISOString();
}

/** The first touch a submission names: the body's own fields (docs/protocol.md#53-form-submissions), else the visitor's when absent. */
export function submissionTouch(s: Pick<StoredSubmission, "referring_url" | "landing_page_url" | "visitor">): {
  referrer: string | null;
  landing: string | null;
} {
  const v = s.visitor && typeof s.visitor == "object" ? s.visitor : {};
  return {
    referrer: str(s.referring_url !== undefined ? s.referring_url : v.referrer),
    landing: str(s.landing_page_url !== undefined ? s.landing_page_url : v.landing_page_url),
  };
}

export function formSubmissionObject(s: StoredSubmission, facts: SubmissionFacts): FormSubmissionObject {
  const touch = submissionTouch(s);
  const c = classifyTouch(touch);
  const customer = customerOf(s.form_data);
  const submitted = submittedAt(s.submitted_at, facts.created_at);
  const ctx = { device: facts.device, browser: facts.browser };
  return {
    id: s.id,
    company_id: facts.company_id,
    session_id: str(s.session_id),
    form_name: str(s.form_name),
    form_data: s.form_data ?? {},
    form_url: str(s.form_url),
    landing_page_url: touch.landing,
    referrer: c.referrer_key,
    referring_url: c.referrer,
    submitted_at: submitted,
    created_at: new Date(facts.created_at).toISOString(),
    first_form: facts.first_form,
    customer_name: customer.name,
    customer_email: customer.email,
    customer_phone_number: customer.phone,
    formatted_customer_name: customer.name && formatName(customer.name),
    formatted_customer_phone_number: customer.phone && formatPhone(customer.phone),
    source: c.display,
    medium: c.medium,
    campaign: c.campaign,
    keywords: c.keywords,
    utm_source: c.utm.utm_source || null,
    utm_medium: c.utm.utm_medium || null,
    utm_campaign: c.utm.utm_campaign || null,
    // One touch per session is kept (docs/attribution.md#milestones): the first touch is the
    // one that created the lead; its time is not stored, the lead's is the submission's.
    milestones: {
      first_touch: milestone(c, { ...ctx, event_date: null }),
      lead_created: milestone(c, { ...ctx, event_date: submitted }),
    },
  };
}
