// What the store keeps and gives back, typed. Times in rows are milliseconds since 1970; the
// objects of the v3 API (CallRecord, FormSubmission) carry ISO 8601 strings.

/** The visitor's attribution as the bundle sent it (docs/protocol.md#4-visitor-attribution). */
export interface Visitor {
  session_id?: string | null;
  source?: string;
  medium?: string;
  search_engine?: string;
  search_type?: string;
  referrer?: string | null;
  referrer_domain?: string | null;
  landing_page_url?: string | null;
  keywords?: string | null;
  campaign?: string | null;
  utm?: Record<string, string>;
  click_ids?: Record<string, string>;
  cookies?: Record<string, string>;
}

/** A call as the v3 API returns it (CallRail API v3 "Calls", the fields this server knows). */
export interface CallRecord {
  id: number;
  company_id: string;
  tracker_id: string | null;
  session_id: string | null;
  direction: string;
  /** Null until the carrier says (the call is still ringing or was stored by hand). */
  answered: boolean | null;
  /** Seconds; null until the call ended. */
  duration: number | null;
  recording: string | null;
  recording_duration: number | null;
  voicemail: boolean;
  business_phone_number: string | null;
  formatted_business_phone_number: string | null;
  tracking_phone_number: string;
  formatted_tracking_phone_number: string;
  customer_phone_number: string | null;
  formatted_customer_phone_number: string | null;
  customer_city: string | null;
  customer_state: string | null;
  customer_country: string | null;
  start_time: string;
  /** The display name of the channel ("Google Ads", "Facebook", "Direct"). */
  source: string | null;
  medium: string | null;
  /** The tracker's name. */
  source_name: string | null;
  formatted_tracking_source: string | null;
  keywords: string | null;
  campaign: string | null;
  landing_page_url: string | null;
  referring_url: string | null;
  referrer_domain: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  gclid: string | null;
  fbclid: string | null;
  msclkid: string | null;
  ga: string | null;
  first_call: boolean;
  note: string | null;
  tags: string[];
  value: string | null;
  lead_status: "good_lead" | "not_a_lead" | null;
  spam: boolean;
  created_at: string;
  updated_at?: string;
}

/** A form submission as the bundle sent it (docs/protocol.md#53-form-submissions), after the checks. */
export interface FormBody {
  id: string;
  session_id?: string | null;
  form_url?: string | null;
  form_name?: string | null;
  landing_page_url?: string | null;
  referrer?: string | null;
  referring_url?: string | null;
  form_data: Record<string, string | string[]>;
  visitor?: Visitor | null;
  submitted_at?: string | null;
}

/** A stored form submission. */
export interface FormRow {
  company_id: string;
  body: FormBody;
  created_at: number;
}

export interface PageViewRow {
  page_url: string | null;
  referrer_url: string | null;
  title: string | null;
  created_at: number;
}

export interface SessionRow {
  company_id: string;
  session_id: string;
  visitor: Visitor | null;
  first_seen_at: number;
  last_seen_at: number;
}

export interface LeaseRow {
  company_id: string;
  tracker_id: string;
  number: string;
  session_id: string;
  started_at: number;
  last_seen_at: number;
  ended_at: number | null;
}

/** A session tracker's pool right now. */
export interface PoolUse {
  company_id: string;
  tracker_id: string;
  size: number;
  leased: number;
  /** Claims that found no free number, since the pool was created. */
  exhausted: number;
}

/** One page of a list, as v3 lists are paged. */
export interface Paging {
  page: number;
  per_page: number;
}
export interface Page<T> {
  total: number;
  rows: T[];
}
