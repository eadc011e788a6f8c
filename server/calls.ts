// Call attribution (issue 6 item 6): a call to a tracking number is tied to the session
// that held the number at the call's start time, else to the source tracker that owns the
// number. The record carries the seed's Call fields (CallRail API v3 "Calls").
import type { Db } from "./db";
import type { Company, TrackerRecord } from "./companies";
import type { Leases } from "./leases";
import type { Records } from "./records";

export interface CallInput {
  tracking_number: string;
  customer_phone_number: string;
  start_time: number;
}

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** "+1 (404) 555-1111", "4045551111", "14045551111" → "+14045551111"; null when not a number. */
export function e164(raw: unknown): string | null {
  if (typeof raw != "string" || raw.length > 32) return null;
  const digits = raw.replace(/[\s().-]/g, "");
  if (/^\+[1-9]\d{6,14}$/.test(digits)) return digits;
  if (/^\d{10}$/.test(digits)) return "+1" + digits;
  if (/^1\d{10}$/.test(digits)) return "+" + digits;
  return null;
}

/** Source and medium a source tracker's rule stands for (Source Tracker Call Sources). */
function trackerSource(t: TrackerRecord): { source: string; medium: string | null } {
  const s = (t.source || {}) as Loose;
  const name = t.name || t.id;
  switch (s.type) {
    case "search":
      return s.search_engine && s.search_engine != "all"
        ? {
            source: s.search_engine,
            medium: s.search_type == "paid" ? "cpc" : s.search_type == "organic" ? "organic" : null,
          }
        : { source: name, medium: null };
    case "direct":
      return { source: "direct", medium: "direct" };
    case "web_referrer":
      return { source: s.referrer || name, medium: "referral" };
    case "offline":
      return { source: name, medium: "offline" };
    default:
      return { source: name, medium: null };
  }
}

export function createCalls(db: Db, leases: Leases, records: Records) {
  const q = {
    insert: db.prepare("INSERT INTO calls (company_id, record, start_time) VALUES (?, ?, ?)"),
    update: db.prepare("UPDATE calls SET record = ? WHERE id = ?"),
    earlier: db.prepare(
      "SELECT 1 FROM calls WHERE company_id = ? AND json_extract(record, '$.customer_phone_number') = ? AND id < ? LIMIT 1",
    ),
  };

  const add = db.transaction((c: Company, input: CallInput, now: number): Loose => {
    leases.expire(now); // so a lease idle past its end is not taken as live at the call time
    const held = leases.holderAt(c.id, input.tracking_number, input.start_time);
    const v: Loose = (held && records.visitor(c.id, held.session_id)) || {};
    const owner = c.trackers.find(
      (t) => t.type == "source" && (t.tracking_numbers || []).includes(input.tracking_number),
    );
    const fromTracker = !held && owner ? trackerSource(owner) : null;
    const utm: Loose = v.utm || {};
    const ids: Loose = v.click_ids || {};
    const record: Loose = {
      id: 0,
      company_id: c.id,
      tracker_id: held ? held.tracker_id : owner ? owner.id : null,
      session_id: held ? held.session_id : null,
      direction: "inbound",
      tracking_phone_number: input.tracking_number,
      customer_phone_number: input.customer_phone_number,
      start_time: new Date(input.start_time).toISOString(),
      source: fromTracker ? fromTracker.source : (v.source ?? null),
      medium: fromTracker ? fromTracker.medium : (v.medium ?? null),
      keywords: v.keywords ?? null,
      campaign: v.campaign ?? null,
      landing_page_url: v.landing_page_url ?? null,
      referring_url: v.referrer ?? null,
      referrer_domain: v.referrer_domain ?? null,
      utm_source: utm.utm_source ?? null,
      utm_medium: utm.utm_medium ?? null,
      utm_campaign: utm.utm_campaign ?? null,
      utm_term: utm.utm_term ?? null,
      utm_content: utm.utm_content ?? null,
      gclid: ids.gclid ?? null,
      fbclid: ids.fbclid ?? null,
      msclkid: ids.msclkid ?? null,
      ga: (v.cookies && v.cookies._ga) ?? null,
      first_call: true,
      created_at: new Date(now).toISOString(),
    };
    const id = Number(q.insert.run(c.id, "{}", input.start_time).lastInsertRowid);
    record.id = id;
    record.first_call = !q.earlier.get(c.id, input.customer_phone_number, id);
    q.update.run(JSON.stringify(record), id);
    return record;
  });

  return { add };
}
