// Texts in the store (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier): the v3
// reference lists texts as conversations, one per company, customer number and tracking
// number, each with its recent messages. A carrier retry of the same message id stores nothing.
import { randomBytes } from "node:crypto";
import type { Company } from "../companies";
import { formatPhone } from "../reports";
import type { TextArrival, TextMessage } from "../telephony/textFields";
import type { Page, Paging } from "./rows";
import type { Sql } from "./sql";
import { queueEvent } from "./webhooks";

export interface Conversation {
  id: string;
  company_id: string;
  initial_tracker_id: string | null;
  current_tracker_id: string | null;
  customer_name: string | null;
  customer_phone_number: string;
  formatted_customer_phone_number: string;
  initial_tracking_number: string;
  current_tracking_number: string;
  formatted_current_tracking_number: string;
  last_message_at: string;
  state: "active";
  recent_messages: TextMessage[];
}

type ConversationRow = {
  id: string;
  company_id: string;
  customer_phone_number: string;
  tracking_phone_number: string;
  initial_tracker_id: string | null;
  current_tracker_id: string | null;
  last_message_at: number;
};

/** How many messages a conversation shows in `recent_messages`. */
const RECENT = 20;

async function conversation(sql: Sql, row: ConversationRow): Promise<Conversation> {
  const messages = await sql.all<{ direction: string; content: string; media: string | null; created_at: number }>(
    "SELECT direction, content, media, created_at FROM text_messages WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
    [row.id, RECENT],
  );
  return {
    id: row.id,
    company_id: row.company_id,
    initial_tracker_id: row.initial_tracker_id,
    current_tracker_id: row.current_tracker_id,
    customer_name: null,
    customer_phone_number: row.customer_phone_number,
    formatted_customer_phone_number: formatPhone(row.customer_phone_number),
    initial_tracking_number: row.tracking_phone_number,
    current_tracking_number: row.tracking_phone_number,
    formatted_current_tracking_number: formatPhone(row.tracking_phone_number),
    last_message_at: new Date(Number(row.last_message_at)).toISOString(),
    state: "active",
    recent_messages: messages.map((m) => {
      const media = m.media ? (JSON.parse(m.media) as string[]) : [];
      return {
        direction: m.direction as "incoming",
        content: m.content,
        created_at: new Date(Number(m.created_at)).toISOString(),
        type: media.length ? "mms" : "sms",
        media_urls: media,
      };
    }),
  };
}

/**
 * Stores an incoming text to a tracker's number and queues `sms_received_webhook` with its
 * conversation. Resolves with the conversation, and `created` false for a carrier retry.
 */
export async function addText(
  sql: Sql,
  c: Company,
  trackerId: string | null,
  t: TextArrival,
  now: number,
): Promise<{ conversation: Conversation; created: boolean }> {
  const newId = "SMT" + randomBytes(16).toString("hex");
  await sql.run(
    `INSERT INTO text_conversations (id, company_id, customer_phone_number, tracking_phone_number, initial_tracker_id,
       current_tracker_id, created_at, last_message_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (company_id, customer_phone_number, tracking_phone_number)
     DO UPDATE SET current_tracker_id = excluded.current_tracker_id, last_message_at = excluded.last_message_at`,
    [newId, c.id, t.customer_phone_number, t.tracking_number, trackerId, trackerId, now, now],
  );
  const row = (await sql.get<ConversationRow>(
    `SELECT id, company_id, customer_phone_number, tracking_phone_number, initial_tracker_id, current_tracker_id,
       last_message_at FROM text_conversations WHERE company_id = ? AND customer_phone_number = ? AND tracking_phone_number = ?`,
    [c.id, t.customer_phone_number, t.tracking_number],
  ))!;
  const inserted = await sql.run(
    `INSERT INTO text_messages (company_id, conversation_id, message_sid, direction, content, media, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_sid) WHERE message_sid IS NOT NULL DO NOTHING`,
    [
      c.id,
      row.id,
      t.message_sid,
      t.message.direction,
      t.message.content,
      t.message.media_urls.length ? JSON.stringify(t.message.media_urls) : null,
      now,
    ],
  );
  const result = await conversation(sql, row);
  if (inserted) await queueEvent(sql, c, "sms_received_webhook", "text:" + row.id, result, now);
  return { conversation: result, created: inserted == 1 };
}

/** Conversations of an account (one company of it, when given), latest message first. */
export async function listConversations(
  sql: Sql,
  accountId: string,
  companyId: string | null,
  p: Paging,
): Promise<Page<Conversation>> {
  const where =
    "company_id IN (SELECT id FROM companies WHERE account_id = ?)" + (companyId ? " AND company_id = ?" : "");
  const args = companyId ? [accountId, companyId] : [accountId];
  const count = await sql.get<{ n: number }>(`SELECT count(*) AS n FROM text_conversations WHERE ${where}`, args);
  const rows = await sql.all<ConversationRow>(
    `SELECT id, company_id, customer_phone_number, tracking_phone_number, initial_tracker_id, current_tracker_id,
       last_message_at FROM text_conversations WHERE ${where} ORDER BY last_message_at DESC, id DESC LIMIT ? OFFSET ?`,
    [...args, p.per_page, (p.page - 1) * p.per_page],
  );
  const conversations: Conversation[] = [];
  for (const r of rows) conversations.push(await conversation(sql, r));
  return { total: Number(count!.n), rows: conversations };
}
