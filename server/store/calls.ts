// Calls in the store: attributed when they arrive (calls.ts holds the rule), kept as the v3
// call object with the caller and the carrier's call id as columns, so that `first_call` is one
// index lookup and a carrier retry stores nothing new. Every change queues its webhook in the
// same transaction (docs/protocol.md#9-outgoing-webhooks).
import { buildCall, trackerOf, type CallInput } from "../calls";
import type { Company } from "../companies";
import type { CallProgress } from "../telephony/callFields";
import { holderAt } from "./leases";
import { sessionVisitor } from "./records";
import type { CallRecord, Page, Paging } from "./rows";
import type { Sql } from "./sql";
import { queueEvent, refreshQueued } from "./webhooks";

/** How long a post-call webhook waits for the recording of a recorded call before it goes without. */
export const RECORDING_WAIT_MS = 120_000;
/** How long a post-call webhook waits for the status callback after the dial action ended the call. */
export const STATUS_WAIT_MS = 3_000;

const subject = (id: number) => "call:" + id;

async function callById(sql: Sql, id: number): Promise<CallRecord | undefined> {
  const row = await sql.get<{ record: string }>("SELECT record FROM calls WHERE id = ?", [id]);
  return row ? (JSON.parse(row.record) as CallRecord) : undefined;
}

async function callIdBySid(sql: Sql, callSid: string): Promise<number | undefined> {
  const row = await sql.get<{ id: number }>("SELECT id FROM calls WHERE call_sid = ?", [callSid]);
  return row ? Number(row.id) : undefined;
}

async function saveRecord(sql: Sql, record: CallRecord, now: number): Promise<void> {
  await sql.run("UPDATE calls SET record = ?, updated_at = ? WHERE id = ?", [JSON.stringify(record), now, record.id]);
}

/**
 * Stores a call, attributed to the session that held the number at its start, else to the
 * owning tracker. With a `call_sid` already stored, nothing changes and `created` is false.
 * `event` is queued for a new call: `pre_call_webhook` for a call ringing now, or
 * `post_call_webhook` for one recorded after the fact.
 */
export async function addCall(
  sql: Sql,
  c: Company,
  input: CallInput,
  now: number,
  idle: number,
  event: "pre_call_webhook" | "post_call_webhook",
): Promise<{ call: CallRecord; created: boolean }> {
  if (input.call_sid) {
    const known = await callIdBySid(sql, input.call_sid);
    if (known != null) return { call: (await callById(sql, known))!, created: false };
  }
  const held = await holderAt(sql, c.id, input.tracking_number, input.start_time, idle);
  const visitor = held ? await sessionVisitor(sql, c.id, held.session_id) : null;
  const record = buildCall(c, input, held, visitor, now);
  const row = await sql.get<{ id: number }>(
    `INSERT INTO calls (company_id, record, start_time, customer_phone_number, tracking_phone_number, call_sid,
       updated_at, completed_at)
     VALUES (?, '{}', ?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      c.id,
      input.start_time,
      input.customer_phone_number,
      record.tracking_phone_number,
      input.call_sid ?? null,
      now,
      event == "post_call_webhook" ? now : null,
    ],
  );
  record.id = Number(row!.id);
  const earlier =
    input.customer_phone_number &&
    (await sql.get("SELECT 1 AS x FROM calls WHERE company_id = ? AND customer_phone_number = ? AND id < ? LIMIT 1", [
      c.id,
      input.customer_phone_number,
      record.id,
    ]));
  record.first_call = !!input.customer_phone_number && !earlier;
  await saveRecord(sql, record, now);
  await queueEvent(sql, c, event, subject(record.id), record, now);
  return { call: record, created: true };
}

/**
 * What the carrier told about a call after it arrived (docs/telephony.md#how-a-call-is-recorded):
 * the end of routing queues `answered_call_webhook`; the end of the call queues
 * `post_call_webhook` (held back up to RECORDING_WAIT_MS while a recorded call's recording is
 * on its way); a recording that arrives later refreshes that queued event. Resolves with the
 * call, or undefined when no call has that id.
 */
export async function recordProgress(
  sql: Sql,
  companies: (id: string) => Company | undefined,
  p: CallProgress,
  now: number,
): Promise<CallRecord | undefined> {
  const id = await callIdBySid(sql, p.call_sid);
  if (id == null) return undefined;
  const row = await sql.get<{ record: string; completed_at: number | null }>(
    "SELECT record, completed_at FROM calls WHERE id = ?",
    [id],
  );
  const call = JSON.parse(row!.record) as CallRecord;
  // The company the call was stored under, also when its number moved to another one since.
  const c = companies(call.company_id);
  if (!c) return call;
  if (p.answered != null) call.answered = p.answered;
  if (p.voicemail != null) call.voicemail = p.voicemail;
  if (p.duration != null) call.duration = p.duration;
  if (p.recording !== undefined) call.recording = p.recording;
  if (p.recording_duration !== undefined) call.recording_duration = p.recording_duration;
  call.updated_at = new Date(now).toISOString();
  await saveRecord(sql, call, now);
  const sub = subject(id);
  if (p.source == "dial" || (p.completed && call.answered != null)) {
    const sent = await sql.get("SELECT 1 AS x FROM webhook_deliveries WHERE subject = ? AND event = ?", [
      sub,
      "answered_call_webhook",
    ]);
    if (!sent) await queueEvent(sql, c, "answered_call_webhook", sub, call, now);
  }
  const tracker = call.tracker_id
    ? c.trackers.find((t) => t.id == call.tracker_id)
    : trackerOf(c, call.tracking_phone_number);
  // A recorded call's post-call event waits for its recording (RECORDING_WAIT_MS at most).
  const waitForRecording = !!tracker?.call_flow?.recording_enabled && call.answered === true && !call.recording;
  if (p.completed && row!.completed_at == null) {
    await sql.run("UPDATE calls SET completed_at = ? WHERE id = ?", [now, id]);
    // The dial action ends the call; the number's own status callback, with the whole call's
    // duration, follows within a moment: the event waits for it, briefly.
    const wait = waitForRecording ? RECORDING_WAIT_MS : p.source == "dial" ? STATUS_WAIT_MS : 0;
    await queueEvent(sql, c, "post_call_webhook", sub, call, now, wait);
  } else if (row!.completed_at != null) {
    // Later news (the status callback, the recording) reaches a post-call event not sent yet,
    // and sends it now unless it is still waiting for the recording.
    await refreshQueued(sql, sub, "post_call_webhook", call, now, waitForRecording ? null : now);
  }
  return call;
}

/** The fields an operator may change on a call (docs/protocol.md#7-operator-api-callrail-api-v3-subset). */
export type CallChanges = Partial<Pick<CallRecord, "note" | "tags" | "value" | "lead_status" | "spam">>;

/**
 * Applies an operator's changes to a call of the account; queues `updated_call_webhook` with
 * `changes` (each changed field: `{from, to}`) when anything changed. Undefined: no such call.
 */
export async function updateCall(
  sql: Sql,
  c: (companyId: string) => Company | undefined,
  accountId: string,
  id: number,
  changes: CallChanges,
  now: number,
): Promise<CallRecord | undefined> {
  const call = await getCall(sql, accountId, id);
  if (!call) return undefined;
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(changes) as Array<[keyof CallChanges, unknown]>) {
    const from = call[key];
    if (JSON.stringify(from) == JSON.stringify(to)) continue;
    changed[key] = { from, to };
    (call as unknown as Record<string, unknown>)[key] = to;
  }
  if (!Object.keys(changed).length) return call;
  call.updated_at = new Date(now).toISOString();
  await saveRecord(sql, call, now);
  const company = c(call.company_id);
  if (company) await queueEvent(sql, company, "updated_call_webhook", subject(id), { ...call, changes: changed }, now);
  return call;
}

export interface CallFilter {
  companyId?: string | null;
  /** ms since 1970, start_time at or after / before. */
  from?: number | null;
  to?: number | null;
}

/** Calls of an account (one company of it, when given), newest first. */
export async function listCalls(sql: Sql, accountId: string, f: CallFilter, p: Paging): Promise<Page<CallRecord>> {
  const where = ["company_id IN (SELECT id FROM companies WHERE account_id = ?)"];
  const args: Array<string | number> = [accountId];
  if (f.companyId) {
    where.push("company_id = ?");
    args.push(f.companyId);
  }
  if (f.from != null) {
    where.push("start_time >= ?");
    args.push(f.from);
  }
  if (f.to != null) {
    where.push("start_time < ?");
    args.push(f.to);
  }
  const w = where.join(" AND ");
  const count = await sql.get<{ n: number }>(`SELECT count(*) AS n FROM calls WHERE ${w}`, args);
  const rows = await sql.all<{ record: string }>(
    `SELECT record FROM calls WHERE ${w} ORDER BY start_time DESC, id DESC LIMIT ? OFFSET ?`,
    [...args, p.per_page, (p.page - 1) * p.per_page],
  );
  return { total: Number(count!.n), rows: rows.map((r) => JSON.parse(r.record) as CallRecord) };
}

/** One call of an account, or undefined. */
export async function getCall(sql: Sql, accountId: string, id: number): Promise<CallRecord | undefined> {
  const row = await sql.get<{ record: string }>(
    "SELECT record FROM calls WHERE id = ? AND company_id IN (SELECT id FROM companies WHERE account_id = ?)",
    [id, accountId],
  );
  return row ? (JSON.parse(row.record) as CallRecord) : undefined;
}

export async function recentCalls(sql: Sql, limit: number): Promise<CallRecord[]> {
  const rows = await sql.all<{ record: string }>("SELECT record FROM calls ORDER BY id DESC LIMIT ?", [limit]);
  return rows.map((r) => JSON.parse(r.record) as CallRecord);
}
