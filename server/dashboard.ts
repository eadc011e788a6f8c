// /dashboard: one server-rendered page that shows tracking at work — pool use per session
// tracker, live leases, recent sessions, calls and forms. No framework, no script; every
// value goes through esc().
import type { CallRecord, FormRow, LeaseRow, PoolUse, SessionRow } from "./store";

export interface DashboardData {
  now: number;
  leaseSeconds: number;
  companies: number;
  pools: PoolUse[];
  leases: LeaseRow[];
  sessions: SessionRow[];
  calls: CallRecord[];
  forms: FormRow[];
}

export const esc = (v: unknown) => String(v ?? "").replace(/[&<>"']/g, (ch) => "&#" + ch.charCodeAt(0) + ";");
const time = (ms: number | string | null) =>
  ms == null ? "" : new Date(ms).toISOString().replace("T", " ").slice(0, 19);

function table(title: string, head: string[], rows: unknown[][]): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join("");
  const body = rows.length
    ? rows.map((r) => "<tr>" + r.map((v) => `<td>${esc(v)}</td>`).join("") + "</tr>").join("\n")
    : `<tr><td colspan="${head.length}">none yet</td></tr>`;
  return `<section><h2>${esc(title)}</h2><table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table></section>`;
}

export function renderDashboard(d: DashboardData): string {
  const { pools, leases, sessions, calls, forms } = d;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="15">
<title>CallTrk dashboard</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:1rem 2rem;color:#1d2733}table{border-collapse:collapse;margin-bottom:1rem}
td,th{border:1px solid #cfd8e0;padding:.25rem .5rem;text-align:left}th{background:#eef2f5}.bar{display:inline-block;height:.6rem;background:#0b4f6c}</style>
</head><body>
<h1>CallTrk dashboard</h1>
<p>Lease idle time ${esc(d.leaseSeconds)} s · ${esc(d.companies)} compan${d.companies == 1 ? "y" : "ies"} · generated ${esc(time(d.now))} UTC</p>
${table(
  "Pool utilisation (session trackers)",
  ["company", "tracker", "pool", "leased now", "use", "exhausted (count)"],
  pools.map((p) => [
    p.company_id,
    p.tracker_id,
    p.size,
    p.leased,
    Math.round((100 * p.leased) / p.size) + "%",
    p.exhausted,
  ]),
)}
${table(
  "Active leases",
  ["company", "tracker", "number", "session", "started", "last seen"],
  leases.map((l) => [l.company_id, l.tracker_id, l.number, l.session_id, time(l.started_at), time(l.last_seen_at)]),
)}
${table(
  "Recent sessions",
  ["company", "session", "source", "medium", "campaign", "landing page", "last seen"],
  sessions.map((x) => {
    const v = x.visitor || {};
    return [x.company_id, x.session_id, v.source, v.medium, v.campaign, v.landing_page_url, time(x.last_seen_at)];
  }),
)}
${table(
  "Recent calls",
  ["id", "company", "tracking number", "caller", "start", "source", "medium", "tracker", "first call"],
  calls.map((k) => {
    return [
      k.id,
      k.company_id,
      k.tracking_phone_number,
      k.customer_phone_number,
      k.start_time,
      k.source,
      k.medium,
      k.tracker_id,
      k.first_call ? "yes" : "no",
    ];
  }),
)}
${table(
  "Recent form submissions",
  ["company", "form", "page", "referrer", "fields", "received"],
  forms.map((f) => {
    const b = f.body;
    return [
      f.company_id,
      b.form_name,
      b.form_url,
      b.referrer,
      Object.keys(b.form_data || {}).join(", "),
      time(f.created_at),
    ];
  }),
)}
</body></html>`;
}
