// Form submissions in the store (docs/protocol.md#53-form-submissions): stored once per
// bundle-made id, with the customer's e-mail and phone pulled out as columns (so `first_form`
// is an index lookup) and the request's coarse device and browser (never the user agent). The
// v3 object is built by server/reports from the stored body and these facts.
import type { Company } from "../companies";
import { customerOf, formSubmissionObject, type FormSubmissionObject } from "../reports";
import type { Device } from "../reports";
import type { FormBody, Page, Paging } from "./rows";
import type { Sql } from "./sql";
import { queueEvent } from "./webhooks";

export interface IntakeFacts {
  device: Device | null;
  browser: string | null;
}

type Stored = {
  company_id: string;
  body: string;
  created_at: number;
  device: string | null;
  browser: string | null;
  customer_email: string | null;
  customer_phone_number: string | null;
  session_id: string | null;
};
const COLUMNS = "company_id, body, created_at, device, browser, customer_email, customer_phone_number, session_id";

/** No earlier submission to the company from the same session, e-mail address or phone number. */
async function isFirst(sql: Sql, r: Stored): Promise<boolean> {
  const same: string[] = [];
  const args: Array<string | number> = [r.company_id, r.created_at];
  for (const [column, value] of [
    ["session_id", r.session_id],
    ["customer_email", r.customer_email],
    ["customer_phone_number", r.customer_phone_number],
  ] as const)
    if (value) {
      same.push(`${column} = ?`);
      args.push(value);
    }
  if (!same.length) return true;
  const earlier = await sql.get(
    `SELECT 1 AS x FROM form_submissions WHERE company_id = ? AND created_at < ? AND (${same.join(" OR ")}) LIMIT 1`,
    args,
  );
  return !earlier;
}

async function formObject(sql: Sql, r: Stored): Promise<FormSubmissionObject> {
  return formSubmissionObject(JSON.parse(r.body) as FormBody, {
    company_id: r.company_id,
    created_at: Number(r.created_at),
    first_form: await isFirst(sql, r),
    device: r.device as Device | null,
    browser: r.browser,
  });
}

/**
 * Stores a submission and queues `form_captured_webhook` with its v3 object. True when stored
 * now; false when this id was stored before (idempotent intake: nothing changes).
 */
export async function addForm(sql: Sql, c: Company, body: FormBody, facts: IntakeFacts, now: number): Promise<boolean> {
  const customer = customerOf(body.form_data);
  const row: Stored = {
    company_id: c.id,
    body: JSON.stringify(body),
    created_at: now,
    device: facts.device,
    browser: facts.browser,
    customer_email: customer.email ? customer.email.toLowerCase() : null,
    customer_phone_number: customer.phone,
    session_id: body.session_id ?? null,
  };
  const changed = await sql.run(
    `INSERT INTO form_submissions (id, company_id, session_id, body, created_at, device, browser, customer_email,
       customer_phone_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (company_id, id) DO NOTHING`,
    [
      body.id,
      c.id,
      row.session_id,
      row.body,
      now,
      row.device,
      row.browser,
      row.customer_email,
      row.customer_phone_number,
    ],
  );
  if (changed != 1) return false;
  await queueEvent(sql, c, "form_captured_webhook", "form:" + body.id, await formObject(sql, row), now);
  return true;
}

/** Form submissions of an account (one company of it, when given), newest first, as v3 objects. */
export async function listFormObjects(
  sql: Sql,
  accountId: string,
  companyId: string | null,
  p: Paging,
): Promise<Page<FormSubmissionObject>> {
  const where =
    "company_id IN (SELECT id FROM companies WHERE account_id = ?)" + (companyId ? " AND company_id = ?" : "");
  const args = companyId ? [accountId, companyId] : [accountId];
  const count = await sql.get<{ n: number }>(`SELECT count(*) AS n FROM form_submissions WHERE ${where}`, args);
  const rows = await sql.all<Stored>(
    `SELECT ${COLUMNS} FROM form_submissions WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
    [...args, p.per_page, (p.page - 1) * p.per_page],
  );
  const out: FormSubmissionObject[] = [];
  for (const r of rows) out.push(await formObject(sql, r));
  return { total: Number(count!.n), rows: out };
}
