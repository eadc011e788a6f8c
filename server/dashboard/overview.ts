// The overview (docs/dashboard.md#overview): totals, calls and form leads per day stacked by
// source, every source and medium with its visitors, calls and leads, and each session
// tracker's pool use over the range with the moments it was exhausted.
import type { Company } from "../companies";
import type { DashCall, DashForm, DashSession } from "../store";
import { bySource, perDay, seriesOrder } from "./aggregate";
import { legend, poolChart, stackedBars } from "./charts";
import type { Rows } from "./data";
import { link, type Filters } from "./filters";
import { h, type Html } from "./html";
import { filterForm, table } from "./layout";
import type { Namer } from "./naming";
import type { PoolSeries } from "./pools";
import { SLOT_MS, type SlotCount } from "../store/dashboard";
import { dayIndex, formatTime } from "./time";

export interface OverviewData {
  calls: Rows<DashCall>;
  leads: Rows<DashForm>;
  visitors: Rows<DashSession>;
  pageViews: SlotCount[];
  pools: PoolSeries[];
}

const plural = (n: number, one: string, many = one + "s") => `${n} ${n == 1 ? one : many}`;

function pool(f: Filters, p: PoolSeries, n: Namer): Html {
  const name = n.trackerName(p.tracker_id);
  const first = p.exhaustions[0];
  return h`<section class="panel"><h3>${name}</h3>
<p class="muted">Pool of ${p.size} · at most ${p.peak} leased at once · ${
    p.exhausted
      ? h`<strong class="error">exhausted ${plural(p.exhausted, "time")}</strong>, first ${formatTime(f.zone, first[0] * SLOT_MS)}`
      : "never exhausted"
  } in these days</p>
${poolChart(p, f.zone, f.days, name)}</section>`;
}

export function overviewPage(f: Filters, d: OverviewData, n: Namer, companies: Company[]): Html {
  const calls = d.calls.rows;
  const leads = d.leads.rows;
  const visitors = d.visitors.rows;
  const item = (x: { at: number; named: { source: string; medium: string | null } }) => ({
    at: x.at,
    source: x.named.source,
    medium: x.named.medium,
  });
  const callItems = calls.map(item);
  const leadItems = leads.map(item);
  const series = seriesOrder([...callItems, ...leadItems]);
  const callDays = perDay(callItems, f.days, series);
  const leadDays = perDay(leadItems, f.days, series);
  const views = f.days.days.map(() => 0);
  for (const s of d.pageViews) {
    const i = dayIndex(f.days, s.slot * SLOT_MS);
    if (i >= 0) views[i] += s.n;
  }
  const sources = bySource(
    callItems,
    leadItems,
    visitors.map((v) => ({ ...item(v), held: v.held })),
  );
  const held = visitors.filter((v) => v.held).length;
  const totalViews = views.reduce((a, b) => a + b, 0);
  const allSources = [...new Set([...d.calls.sources, ...d.leads.sources, ...d.visitors.sources])].sort((a, b) =>
    a.localeCompare(b),
  );
  const capped = d.calls.capped || d.leads.capped || d.visitors.capped;
  const sum = (row: number[]) => row.reduce((a, b) => a + b, 0);
  return h`<h1>Overview</h1>${filterForm("/dashboard", f, companies, allSources)}
${capped ? h`<p class="notes">These days hold more than the dashboard reads at once: the newest are counted. Narrow the days for exact figures.</p>` : ""}
<ul class="kpis">
<li><b>${calls.length}</b><a href="${link("/dashboard/calls", f)}">calls</a></li>
<li><b>${leads.length}</b><a href="${link("/dashboard/leads", f)}">form leads</a></li>
<li><b>${visitors.length}</b><a href="${link("/dashboard/visitors", f)}">visitors</a></li>
<li><b>${held}</b>visitors with a pool number</li>
<li><b>${totalViews}</b>page views${f.source ? h` <span class="muted">(all sources)</span>` : ""}</li>
</ul>
<h2>Calls and form leads per day</h2>
${legend(series)}
<div class="two"><section class="panel"><h3>Calls</h3>${stackedBars({ what: "calls", days: f.days, series, values: callDays })}</section>
<section class="panel"><h3>Form leads</h3>${stackedBars({ what: "leads", days: f.days, series, values: leadDays })}</section></div>
<details><summary>Per day, as a table</summary>${table(
    [{ label: "Day" }, { label: "Calls", n: true }, { label: "Form leads", n: true }, { label: "Page views", n: true }],
    f.days.days.map((day, i) => [day, sum(callDays[i]), sum(leadDays[i]), views[i]]),
    "",
  )}</details>
<h2>By source and medium</h2>
<p class="muted">Named by the server from each visitor's first visit (the referrer and landing page), never by what the browser called it.</p>
${table(
  [
    { label: "Source" },
    { label: "Medium" },
    { label: "Visitors", n: true },
    { label: "With a pool number", n: true },
    { label: "Calls", n: true },
    { label: "Form leads", n: true },
  ],
  sources.map((r) => [
    h`<a href="${link("/dashboard", f, { source: r.source })}">${r.source}</a>`,
    r.medium ?? "",
    r.visitors,
    r.held,
    r.calls,
    r.leads,
  ]),
  "Nothing in these days.",
)}
<h2>Pool use</h2>
<p class="muted">Numbers leased at each quarter hour, against the pool as it is now; shaded marks are moments a visitor found no free number (all sources).</p>
${d.pools.length ? h`<div class="two">${d.pools.map((p) => pool(f, p, n))}</div>` : h`<p class="muted">This company has no session tracker.</p>`}`;
}
