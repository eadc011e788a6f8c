// Lists the v3 way (docs/protocol.md#7-operator-api-callrail-api-v3-subset): `page` (from 1),
// `per_page` (1–250, default 100), answered as { page, per_page, total_pages, total_records, <items> }.
import type { Context } from "hono";
import { fail } from "../../http";
import type { Paging } from "../../store";

/** Highest page asked for: far beyond any real list, and OFFSET stays inside 64 bits. */
const MAX_PAGE = 1_000_000;

export function paging(c: Context): Paging {
  const page = Number(c.req.query("page") || 1);
  const per = Number(c.req.query("per_page") || 100);
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE)
    fail(400, `page must be an integer from 1 to ${MAX_PAGE}`);
  if (!Number.isInteger(per) || per < 1 || per > 250) fail(400, "per_page must be an integer from 1 to 250");
  return { page, per_page: per };
}

export function list<T>(key: string, rows: T[], total: number, p: Paging) {
  return {
    page: p.page,
    per_page: p.per_page,
    total_pages: Math.ceil(total / p.per_page),
    total_records: total,
    [key]: rows,
  };
}

/** One page of a list held in memory. */
export function pageOf<T>(key: string, all: T[], p: Paging) {
  return list(key, all.slice((p.page - 1) * p.per_page, p.page * p.per_page), all.length, p);
}

/** Account, company, tracker and integration ids. */
export const ID = /^[\w-]{1,64}$/;

/** The `company_id` filter of a list, checked. */
export function companyFilter(c: Context): string | null {
  const company = c.req.query("company_id");
  if (company != null && !ID.test(company)) fail(400, "company_id must be a company id");
  return company ?? null;
}
