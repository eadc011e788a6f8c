// The read API (issue 6 item 7), following CallRail API v3's paths and list shape:
// { page, per_page, total_pages, total_records, <items> }. Token required.
import { Hono, type Context } from "hono";
import { checkToken, fail } from "./http";
import type { Services } from "./app";

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `page` (from 1) and `per_page` (1-250, default 100) as v3 takes them. */
function paging(c: Context): { page: number; per: number } {
  const page = Number(c.req.query("page") || 1);
  const per = Number(c.req.query("per_page") || 100);
  if (!Number.isInteger(page) || page < 1) fail(400, "page must be a positive integer");
  if (!Number.isInteger(per) || per < 1 || per > 250) fail(400, "per_page must be an integer from 1 to 250");
  return { page, per };
}

function list(key: string, rows: Loose[], total: number, p: { page: number; per: number }) {
  return { page: p.page, per_page: p.per, total_pages: Math.ceil(total / p.per), total_records: total, [key]: rows };
}

export function readRoutes(s: Services): Hono {
  const r = new Hono();
  const db = s.db;

  r.use("/:account/*", async (c, next) => {
    checkToken(c, s.token);
    if (!db.prepare("SELECT 1 FROM companies WHERE account_id = ?").get(c.req.param("account")))
      fail(404, "unknown account");
    await next();
  });

  r.get("/:account/form_submissions.json", (c) => {
    const p = paging(c);
    const where = "f.company_id IN (SELECT id FROM companies WHERE account_id = ?) AND (? IS NULL OR f.company_id = ?)";
    const args = [c.req.param("account"), c.req.query("company_id") ?? null, c.req.query("company_id") ?? null];
    const total = (db.prepare(`SELECT count(*) n FROM form_submissions f WHERE ${where}`).get(...args) as { n: number })
      .n;
    const rows = db
      .prepare(
        `SELECT f.company_id, f.body, f.created_at FROM form_submissions f WHERE ${where} ORDER BY f.created_at DESC, f.rowid DESC LIMIT ? OFFSET ?`,
      )
      .all(...args, p.per, (p.page - 1) * p.per) as Array<{ company_id: string; body: string; created_at: number }>;
    return c.json(list("form_submissions", rows.map(formItem), total, p));
  });

  const callWhere = "company_id IN (SELECT id FROM companies WHERE account_id = ?)";
  r.get("/:account/calls.json", (c) => {
    const p = paging(c);
    const args = [c.req.param("account"), c.req.query("company_id") ?? null, c.req.query("company_id") ?? null];
    const where = callWhere + " AND (? IS NULL OR company_id = ?)";
    const total = (db.prepare(`SELECT count(*) n FROM calls WHERE ${where}`).get(...args) as { n: number }).n;
    const rows = db
      .prepare(`SELECT record FROM calls WHERE ${where} ORDER BY start_time DESC, id DESC LIMIT ? OFFSET ?`)
      .all(...args, p.per, (p.page - 1) * p.per) as Array<{ record: string }>;
    return c.json(
      list(
        "calls",
        rows.map((x) => JSON.parse(x.record)),
        total,
        p,
      ),
    );
  });

  const call = (c: Context, raw: string): Loose => {
    const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
    const row =
      Number.isInteger(id) &&
      (db.prepare(`SELECT record FROM calls WHERE id = ? AND ${callWhere}`).get(id, c.req.param("account")) as
        { record: string } | undefined);
    if (!row) fail(404, "unknown call");
    return JSON.parse((row as { record: string }).record);
  };

  r.get("/:account/calls/:file", (c) => {
    const m = /^(\d+)\.json$/.exec(c.req.param("file"));
    return c.json(call(c, m ? m[1] : ""));
  });

  // The pages the caller saw before calling, newest first.
  r.get("/:account/calls/:id/page_views.json", (c) => {
    const p = paging(c);
    const k = call(c, c.req.param("id"));
    const args = [k.company_id, k.session_id, Date.parse(k.start_time)];
    const where = "company_id = ? AND session_id = ? AND created_at <= ?";
    const total = (db.prepare(`SELECT count(*) n FROM page_views WHERE ${where}`).get(...args) as { n: number }).n;
    const rows = db
      .prepare(
        `SELECT page_url, referrer_url, title, created_at FROM page_views WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
      )
      .all(...args, p.per, (p.page - 1) * p.per) as Array<Loose>;
    return c.json(
      list(
        "page_views",
        rows.map((v) => ({ ...v, created_at: new Date(v.created_at).toISOString() })),
        total,
        p,
      ),
    );
  });

  return r;
}

/** A stored submission in the v3 Form Submission shape, with the visitor's source. */
function formItem(row: { company_id: string; body: string; created_at: number }): Loose {
  const b = JSON.parse(row.body);
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
