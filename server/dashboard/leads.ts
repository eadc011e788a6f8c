// Form leads (docs/dashboard.md#leads): the list of the range, and one lead's details with
// its form values (sensitive-looking ones hidden, long ones cut: mask.ts) and its attribution
// as the v3 form submission object names it (server/reports).
import type { Company } from "../companies";
import { formSubmissionObject, type FormSubmissionObject } from "../reports";
import type { DashForm } from "../store";
import { journeyLink } from "./calls";
import { pageOf, type Listed, type Rows } from "./data";
import { link, type Filters } from "./filters";
import { h, longText, shortUrl, str, textOf, type Html, type Part } from "./html";
import { filterForm, pager, table } from "./layout";
import { showValue } from "./mask";
import type { Named } from "./naming";
import { formatTime } from "./time";

export const LEADS_PER_PAGE = 50;

/** The v3 form submission object of a stored lead (customer fields, submitted_at), whatever its body holds. */
export function leadObject(companyId: string, l: DashForm): FormSubmissionObject {
  const body = { ...l.body, id: l.id } as Parameters<typeof formSubmissionObject>[0];
  return formSubmissionObject(body, {
    company_id: companyId,
    created_at: l.created_at,
    first_form: false,
    device: null,
    browser: null,
  });
}

export const leadLink = (f: Filters, id: string) => link("/dashboard/leads/" + encodeURIComponent(id), f);

function row(l: Listed<DashForm>, f: Filters): Part[] {
  const o = leadObject(f.company.id, l);
  return [
    formatTime(f.zone, l.created_at),
    longText(o.form_name, 40),
    longText(o.formatted_customer_name, 40),
    longText(o.customer_email, 40),
    o.formatted_customer_phone_number ?? "",
    l.named.source,
    l.named.medium ?? "",
    shortUrl(o.form_url, 40),
    h`<a href="${leadLink(f, l.id)}">details</a>`,
  ];
}

export function leadsPage(f: Filters, leads: Rows<DashForm>, companies: Company[]): Html {
  const shown = pageOf(leads.rows, f, LEADS_PER_PAGE);
  return h`<h1>Form leads</h1>${filterForm("/dashboard/leads", f, companies, leads.sources)}
<p class="muted">${leads.rows.length} lead${leads.rows.length == 1 ? "" : "s"}${
    leads.capped ? " (the newest of more leads than the dashboard reads at once: narrow the days)" : ""
  }, by the time the server received them.</p>
${table(
  [
    { label: "Received" },
    { label: "Form" },
    { label: "Name" },
    { label: "Email" },
    { label: "Phone" },
    { label: "Source" },
    { label: "Medium" },
    { label: "Page" },
    { label: "Lead" },
  ],
  shown.map((l) => row(l, f)),
  "No form leads in these days.",
)}
${pager("/dashboard/leads", f, leads.rows.length, LEADS_PER_PAGE)}`;
}

/** Definition list of facts, leaving out the empty ones. */
export function facts(items: Array<[string, Part]>): Html {
  const kept = items.filter(([, v]) => v != null && String(v) !== "");
  return h`<dl class="facts">${kept.map(([k, v]) => h`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

/** The first touch, as facts. */
export const touchFacts = (n: Named): Array<[string, Part]> => [
  ["Source", n.source],
  ["Medium", n.medium ?? ""],
  ["Campaign", n.campaign ?? ""],
  ["Keywords", n.keywords ?? ""],
  ["Landing page", n.landing ? shortUrl(n.landing, 100) : ""],
  ["Referrer", n.referrer ? shortUrl(n.referrer, 100) : ""],
];

function valueCell(name: string, value: unknown): Html {
  const v = showValue(name, textOf(value));
  if (v.hidden) return h`<span class="hidden-value">hidden: ${v.hidden}</span>`;
  return h`${v.text}${v.cut ? h` <span class="muted">… ${v.cut} more characters</span>` : ""}`;
}

export function leadPage(f: Filters, l: DashForm, n: Named): Html {
  const o = leadObject(f.company.id, l);
  const data = l.body.form_data;
  const fields: Array<[string, unknown]> =
    data && typeof data == "object" && !Array.isArray(data) ? Object.entries(data) : [["(form data)", data]];
  const journey = journeyLink(f, l.session_id, "lead-" + l.id);
  return h`<h1>Form lead</h1>
<p><a href="${link("/dashboard/leads", f)}">← All leads</a>${journey ? h` · <a href="${journey}">Visitor journey</a>` : ""}</p>
<div class="two"><section class="panel"><h3>Lead</h3>${facts([
    ["Received", formatTime(f.zone, l.created_at)],
    ["Submitted", formatTime(f.zone, o.submitted_at)],
    ["Form", longText(o.form_name, 100)],
    ["Form page", o.form_url ? shortUrl(o.form_url, 100) : ""],
    ["Name", longText(o.formatted_customer_name, 100)],
    ["Email", longText(o.customer_email, 100)],
    ["Phone", o.formatted_customer_phone_number ?? ""],
  ])}</section>
<section class="panel"><h3>First visit</h3>${facts(touchFacts(n))}</section></div>
<h2>Form values</h2>
<p class="muted">Values that look like card numbers, social security numbers, passwords or access tokens are hidden; long values are cut.</p>
${table(
  [{ label: "Field" }, { label: "Value" }],
  fields.map(([k, v]) => [longText(k, 60), valueCell(k, v)]),
  "This lead has no form values.",
)}
<p class="muted">Lead id ${l.id}${str(l.session_id) ? h` · visitor session ${l.session_id as string}` : ""}</p>`;
}
