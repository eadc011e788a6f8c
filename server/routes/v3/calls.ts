// Calls of the operator API (docs/protocol.md#7-operator-api-callrail-api-v3-subset): list
// (filters company_id, start_date, end_date), one, PUT (note, tags, value, lead_status, spam:
// queues updated_call_webhook with the changes), and the caller's page views before the call.
import { Hono, type Context } from "hono";
import { jsonBody, fail } from "../../http";
import { Invalid, bool, list, object, onlyKnown, optionalText, text, oneOf } from "../../config/fields";
import type { Services } from "../../services";
import type { CallChanges } from "../../store";
import { companyFilter, list as page, paging } from "./paging";

/** `start_date`/`end_date`: a date (a whole day, UTC) or an ISO 8601 time. */
function time(c: Context, name: string, endOfDay: boolean): number | null {
  const raw = c.req.query(name);
  if (raw == null || raw == "") return null;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(raw);
  const t = Date.parse(day ? raw + "T00:00:00Z" : raw);
  if (!Number.isFinite(t) || !/^\d{4}-\d{2}-\d{2}/.test(raw))
    fail(400, `${name} must be a date (2026-11-22) or an ISO 8601 time`);
  return day && endOfDay ? t + 864e5 : t;
}

/** A PUT body: the fields an operator may change, checked. */
function callChanges(input: unknown): CallChanges {
  const b = object("call", input);
  onlyKnown(b, ["note", "tags", "value", "lead_status", "spam"]);
  const out: CallChanges = {};
  if ("note" in b) out.note = optionalText("note", b.note, 4000);
  if ("tags" in b)
    out.tags = list("tags", b.tags, 50, (field, v) =>
      // The v3 reference's tags are names, or objects with a name.
      text(field, v && typeof v == "object" ? (v as { name?: unknown }).name : v, 64),
    );
  if ("value" in b) {
    const v = b.value;
    if (
      v != null &&
      !(typeof v == "number" ? Number.isFinite(v) : typeof v == "string" && /^-?\d{1,12}(\.\d{1,2})?$/.test(v))
    )
      throw new Invalid("value", 'must be an amount such as "125.00", or null');
    out.value = v == null ? null : typeof v == "number" ? v.toFixed(2) : String(v);
  }
  if ("lead_status" in b)
    out.lead_status =
      b.lead_status == null ? null : oneOf("lead_status", b.lead_status, ["good_lead", "not_a_lead"] as const);
  if ("spam" in b) out.spam = bool("spam", b.spam);
  return out;
}

export function callRoutes(s: Services): Hono {
  const r = new Hono();

  const callId = (raw: string) => (/^\d{1,15}$/.test(raw) ? Number(raw) : fail(404, "unknown call"));
  const fileId = (c: Context) => {
    const m = /^(\d{1,15})\.json$/.exec(c.req.param("file")!);
    return m ? Number(m[1]) : fail(404, "unknown call");
  };

  r.get("/:account/calls.json", async (c) => {
    const p = paging(c);
    const filter = { companyId: companyFilter(c), from: time(c, "start_date", false), to: time(c, "end_date", true) };
    const got = await s.store.listCalls(c.req.param("account"), filter, p);
    return c.json(page("calls", got.rows, got.total, p));
  });

  r.get("/:account/calls/:file", async (c) => {
    const call = await s.store.getCall(c.req.param("account"), fileId(c));
    return c.json(call ?? fail(404, "unknown call"));
  });

  r.put("/:account/calls/:file", async (c) => {
    const id = fileId(c);
    const changes = callChanges(await jsonBody(c));
    const call = await s.store.updateCall((co) => s.companies.get(co), c.req.param("account"), id, changes, s.now());
    s.nudgeWebhooks();
    return c.json(call ?? fail(404, "unknown call"));
  });

  // The pages the caller saw before calling, newest first.
  r.get("/:account/calls/:id/page_views.json", async (c) => {
    const p = paging(c);
    const k = (await s.store.getCall(c.req.param("account"), callId(c.req.param("id")))) ?? fail(404, "unknown call");
    const views = k.session_id
      ? await s.store.callPageViews(k.company_id, k.session_id, Date.parse(k.start_time), p)
      : { total: 0, rows: [] };
    const rows = views.rows.map((v) => ({ ...v, created_at: new Date(Number(v.created_at)).toISOString() }));
    return c.json(page("page_views", rows, views.total, p));
  });

  return r;
}
