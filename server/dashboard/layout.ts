// The frame of every dashboard page: head with the stylesheet (no inline style or script),
// navigation, logout, the filter form (a plain GET form) and the table layout that turns into
// labelled cards on a phone.
import { h, type Html, type Part } from "./html";
import { link, type Filters } from "./filters";
import type { Company } from "../companies";

export const CSS_PATH = "/dashboard/assets/dashboard.css";

const PAGES: Array<[string, string]> = [
  ["/dashboard", "Overview"],
  ["/dashboard/calls", "Calls"],
  ["/dashboard/leads", "Leads"],
  ["/dashboard/visitors", "Visitors"],
];

/** A whole document. `nav`: the filters for the navigation links (absent on the login page). */
export function page(title: string, body: Part, nav?: { path: string; filters: Filters; logout: boolean }): Html {
  const header = nav
    ? h`<header class="top"><a class="brand" href="${link("/dashboard", nav.filters)}">CallTrk</a><nav aria-label="Dashboard">${PAGES.map(
        ([path, name]) =>
          h`<a href="${link(path, nav.filters)}"${nav.path == path ? h` aria-current="page"` : ""}>${name}</a>`,
      )}</nav>${nav.logout ? h`<form method="post" action="/dashboard/logout"><button type="submit">Log out</button></form>` : ""}</header>`
    : h`<header class="top"><span class="brand">CallTrk</span></header>`;
  return h`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${title} · CallTrk</title><link rel="stylesheet" href="${CSS_PATH}"></head>
<body>${header}<main>${body}</main></body></html>`;
}

const companyName = (c: Company) => (typeof c.name == "string" && c.name ? c.name : c.id);

/** The filter form: a GET to the same page, so every view is a plain link. */
export function filterForm(path: string, f: Filters, companies: Company[], sources: string[]): Html {
  const known = f.source && !sources.includes(f.source) ? [f.source, ...sources] : sources;
  return h`<form class="filters" method="get" action="${path}">
<label class="wide">Company<select name="company">${companies.map(
    (c) => h`<option value="${c.id}"${c.id === f.company.id ? h` selected` : ""}>${companyName(c)}</option>`,
  )}</select></label>
<label>From<input type="date" name="from" value="${f.days.from}" required></label>
<label>To<input type="date" name="to" value="${f.days.to}" required></label>
<label class="wide">Source<select name="source"><option value="">All sources</option>${known.map(
    (s) => h`<option value="${s}"${s === f.source ? h` selected` : ""}>${s}</option>`,
  )}</select></label>
<button class="primary" type="submit">Show</button>
</form>
<p class="zone">${companyName(f.company)} · ${f.days.from} to ${f.days.to} · times in ${f.zone.name}</p>
${f.notes.length ? h`<p class="notes">${f.notes.join(" ")}</p>` : ""}`;
}

export interface Column {
  label: string;
  /** Numbers: right-aligned on wide screens. */
  n?: boolean;
}

/** A table that a phone shows as one labelled card per row. */
export function table(columns: Column[], rows: Part[][], empty: string): Html {
  if (!rows.length) return h`<p class="muted">${empty}</p>`;
  return h`<div class="scroll"><table class="cards"><thead><tr>${columns.map(
    (c) => h`<th${c.n ? h` class="n"` : ""}>${c.label}</th>`,
  )}</tr></thead><tbody>${rows.map(
    (r) =>
      h`<tr>${r.map((cell, i) => h`<td data-label="${columns[i].label}"${columns[i].n ? h` class="n"` : ""}>${cell}</td>`)}</tr>`,
  )}</tbody></table></div>`;
}

/** Previous and next links of a paged list. */
export function pager(path: string, f: Filters, total: number, per: number): Html {
  const pages = Math.max(1, Math.ceil(total / per));
  if (pages == 1) return h``;
  return h`<p class="pager">${f.page > 1 ? h`<a href="${link(path, f, { page: f.page - 1 })}">← Newer</a>` : ""}<span class="muted">Page ${f.page} of ${pages}</span>${
    f.page < pages ? h`<a href="${link(path, f, { page: f.page + 1 })}">Older →</a>` : ""
  }</p>`;
}

/** `yes` / `no` as a tag; nothing when unknown. */
export const yesNo = (v: unknown): Html | "" =>
  v === true ? h`<span class="tag yes">yes</span>` : v === false ? h`<span class="tag no">no</span>` : "";
