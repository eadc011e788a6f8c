// The read API, following CallRail API v3's paths and list shape
// (docs/protocol.md#7-operator-api-callrail-api-v3-subset):
// { page, per_page, total_pages, total_records, <items> }. Token required.
import { Hono, type Context } from "hono";
import { checkToken, fail } from "../http";
import type { Services } from "../services";
import type { FormRow, Paging } from "../store";

/** Account and company ids (docs/protocol.md#7-operator-api-callrail-api-v3-subset). */
const ID = /^[\w-]{1,64}$/;

/** Highest page asked for: far beyond any real list, and OFFSET stays inside 64 bits. */
const MAX_PAGE = 1_000_000;

/** `page` (from 1) and `per_page` (1-250, default 100) as v3 takes them. */
function paging(c: Context): Paging {
  const page = Number(c.req.query("page") || 1);
  const per = Number(c.req.query("per_page") || 100);
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE)
    fail(400, `page must be an integer from 1 to ${MAX_PAGE}`);
  if (!Number.isInteger(per) || per < 1 || per > 250) fail(400, "per_page must be an integer from 1 to 250");
  return { page, per_page: per };
}

function list<T>(key: string, rows: T[], total: number, p: Paging) {
  return {
    page: p.page,
    per_page: p.per_page,
    total_pages: Math.ceil(total / p.per_page),
    total_records: total,
    [key]: rows,
  };
}

export function v3Routes(s: Services): Hono {
  const r = new Hono();

  r.use("/:account/*", async (c, next) => {
    checkToken(c, s.token);
    const account = c.req.param("account");
    if (!ID.test(account) || !(await s.store.accountExists(account))) fail(404, "unknown account");
    const company = c.req.query("company_id");
    if (company != null && !ID.test(company)) fail(400, "company_id must be a company id");
    c.header("Cache-Control", "no-store");
    await next();
  });

  r.get("/:account/form_submissions.json", async (c) => {
    const p = paging(c);
    const got = await s.store.listForms(c.req.param("account"), c.req.query("company_id") ?? null, p);
    return c.json(list("form_submissions", got.rows.map(formItem), got.total, p));
  });

  r.get("/:account/calls.json", async (c) => {
    const p = paging(c);
    const got = await s.store.listCalls(c.req.param("account"), c.req.query("company_id") ?? null, p);
    return c.json(list("calls", got.rows, got.total, p));
  });

  const call = async (c: Context, raw: string) => {
    const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
    const found = Number.isInteger(id) ? await s.store.getCall(c.req.param("account")!, id) : undefined;
    return found ?? fail(404, "unknown call");
  };

  r.get("/:account/calls/:file", async (c) => {
    const m = /^(\d+)\.json$/.exec(c.req.param("file"));
    return c.json(await call(c, m ? m[1] : ""));
  });

  // The pages the caller saw before calling, newest first.
  r.get("/:account/calls/:id/page_views.json", async (c) => {
    const p = paging(c);
    const k = await call(c, c.req.param("id"));
    const views = k.session_id
      ? await s.store.callPageViews(k.company_id, k.session_id, Date.parse(k.start_time), p)
      : { total: 0, rows: [] };
    const rows = views.rows.map((v) => ({ ...v, created_at: new Date(Number(v.created_at)).toISOString() }));
    return c.json(list("page_views", rows, views.total, p));
  });

  return r;
}

/** A stored submission in the v3 Form Submission shape, with the visitor's source. */
function formItem(row: FormRow) {
  const b = row.body;
  const v = b.visitor || {};
  return {
    id: b.id,
    company_id: row.company_id,
    session_id: b.session_id ?? null,
    form_name: b.form_name ?? null,
    form_url: b.form_url ?? null,
    landing_page_url: b.landing_page_url ?? null,
    referrer: b.referrer ?? null,
    referring_url: b.referring_url ?? null,
    form_data: b.form_data,
    source: v.source ?? null,
    medium: v.medium ?? null,
    campaign: v.campaign ?? null,
    keywords: v.keywords ?? null,
    submitted_at: b.submitted_at ?? new Date(row.created_at).toISOString(),
    created_at: new Date(row.created_at).toISOString(),
  };
}
