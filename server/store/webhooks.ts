// Outgoing webhooks in the store (docs/protocol.md#9-outgoing-webhooks): an event is queued in
// the same transaction as the change that caused it, one row per URL, with its body fixed at
// that moment (the exact bytes that will be signed). Delivery workers in any process claim due
// rows with a short lock (FOR UPDATE SKIP LOCKED on PostgreSQL), so each row is sent by one
// process at a time, and record each attempt.
import { randomUUID } from "node:crypto";
import type { Company } from "../companies";
import { webhookId } from "../webhooks/sign";
import type { Sql } from "./sql";

export type WebhookEvent =
  | "pre_call_webhook"
  | "answered_call_webhook"
  | "post_call_webhook"
  | "updated_call_webhook"
  | "form_captured_webhook"
  | "sms_received_webhook";

export interface Delivery {
  id: number;
  company_id: string;
  integration_id: string;
  event: WebhookEvent;
  url: string;
  webhook_id: string;
  body: string;
  created_at: number;
  attempts: number;
}

/**
 * Queues `event` for every URL the company's active Webhooks integrations list for it.
 * `subject` names what it is about (`call:12`), so a later change can still reach a queued
 * event; `delayMs` holds it back (a post-call event waiting for its recording). Returns how
 * many deliveries were queued.
 */
export async function queueEvent(
  sql: Sql,
  c: Company,
  event: WebhookEvent,
  subject: string,
  object: object,
  now: number,
  delayMs = 0,
): Promise<number> {
  let queued = 0;
  const body = JSON.stringify({ ...object, timestamp: new Date(now).toISOString() });
  const key = randomUUID();
  for (const i of c.integrations || []) {
    if (i.type != "Webhooks" || i.status != "active" || c.status == "disabled") continue;
    for (const url of i.config[event] || []) {
      await sql.run(
        `INSERT INTO webhook_deliveries (company_id, integration_id, event, url, webhook_id, subject, body, created_at, next_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [c.id, i.id, event, url, webhookId(`${key}:${i.id}`, url), subject, body, now, now + delayMs],
      );
      queued++;
    }
  }
  return queued;
}

/**
 * Gives a queued event that nobody tried yet a new body (a post-call event whose recording
 * arrived), due at `dueAt` (null: when it was due). Returns how many rows changed.
 */
export function refreshQueued(
  sql: Sql,
  subject: string,
  event: WebhookEvent,
  object: object,
  now: number,
  dueAt: number | null,
) {
  const body = JSON.stringify({ ...object, timestamp: new Date(now).toISOString() });
  return sql.run(
    `UPDATE webhook_deliveries SET body = ?, next_at = COALESCE(?, next_at)
     WHERE subject = ? AND event = ? AND state = 'pending' AND attempts = 0`,
    [body, dueAt, subject, event],
  );
}

/** Claims up to `limit` due deliveries for `lockMs`; other workers skip them meanwhile. */
export function claimDue(sql: Sql, now: number, lockMs: number, limit: number): Promise<Delivery[]> {
  const skipLocked = sql.dialect == "postgres" ? " FOR UPDATE SKIP LOCKED" : "";
  return sql.all<Delivery>(
    `UPDATE webhook_deliveries SET locked_until = ? WHERE id IN (
       SELECT id FROM webhook_deliveries WHERE state = 'pending' AND next_at <= ? AND locked_until <= ?
       ORDER BY next_at, id LIMIT ?${skipLocked})
     RETURNING id, company_id, integration_id, event, url, webhook_id, body, created_at, attempts`,
    [now + lockMs, now, now, limit],
  );
}

export interface AttemptResult {
  ok: boolean;
  status?: number;
  error?: string;
}

/** Records one attempt: delivered, or the time of the next one (null: given up). */
export function recordAttempt(sql: Sql, id: number, r: AttemptResult, now: number, next: number | null) {
  const state = r.ok ? "delivered" : next == null ? "failed" : "pending";
  return sql.run(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, state = ?, next_at = ?, locked_until = 0, last_status = ?,
       last_error = ?, last_at = ?, delivered_at = ? WHERE id = ?`,
    [state, next ?? now, r.status ?? null, r.ok ? null : (r.error ?? null), now, r.ok ? now : null, id],
  );
}

export interface DeliveryStatus {
  pending: number;
  delivered: number;
  failed: number;
  /** The latest attempt of any of its deliveries. */
  last: {
    event: string;
    url: string;
    state: string;
    attempts: number;
    status: number | null;
    error: string | null;
    at: string;
  } | null;
}

/** How an integration's deliveries stand: counts per state and the latest attempt. */
export async function deliveryStatus(sql: Sql, integrationId: string): Promise<DeliveryStatus> {
  const counts = await sql.all<{ state: string; n: number }>(
    "SELECT state, count(*) AS n FROM webhook_deliveries WHERE integration_id = ? GROUP BY state",
    [integrationId],
  );
  const last = await sql.get<{
    event: string;
    url: string;
    state: string;
    attempts: number;
    last_status: number | null;
    last_error: string | null;
    last_at: number;
  }>(
    `SELECT event, url, state, attempts, last_status, last_error, last_at FROM webhook_deliveries
     WHERE integration_id = ? AND last_at IS NOT NULL ORDER BY last_at DESC, id DESC LIMIT 1`,
    [integrationId],
  );
  const n = (state: string) => Number(counts.find((c) => c.state == state)?.n ?? 0);
  return {
    pending: n("pending"),
    delivered: n("delivered"),
    failed: n("failed"),
    last: last
      ? {
          event: last.event,
          url: last.url,
          state: last.state,
          attempts: Number(last.attempts),
          status: last.last_status == null ? null : Number(last.last_status),
          error: last.last_error,
          at: new Date(Number(last.last_at)).toISOString(),
        }
      : null,
  };
}
