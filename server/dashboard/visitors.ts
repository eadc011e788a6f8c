// Visitors (docs/dashboard.md#visitors-and-journeys): every session seen in the range, with
// or without a pool number, and one visitor's journey: the first visit, the numbers held, and
// the page views, leads and calls of the session in time order.
import type { Company } from "../companies";
import type { DashSession, Journey } from "../store";
import { journeyLink, outcome, phone, duration } from "./calls";
import { pageOf, type Listed, type Rows } from "./data";
import { link, type Filters } from "./filters";
import { h, longText, shortUrl, str, type Html, type Part } from "./html";
import { filterForm, pager, table, yesNo } from "./layout";
import { facts, leadLink, leadObject, touchFacts } from "./leads";
import type { Namer } from "./naming";
import { formatTime } from "./time";

export const VISITORS_PER_PAGE = 50;

export function visitorsPage(
  f: Filters,
  visitors: Rows<DashSession>,
  views: Map<string, number>,
  companies: Company[],
): Html {
  const shown = pageOf(visitors.rows, f, VISITORS_PER_PAGE);
  const held = visitors.rows.filter((v) => v.held).length;
  const rows = shown.map((v: Listed<DashSession>): Part[] => {
    const journey = journeyLink(f, v.session_id, "start");
    return [
      formatTime(f.zone, v.last_seen_at),
      formatTime(f.zone, v.first_seen_at),
      v.named.source,
      v.named.medium ?? "",
      longText(v.named.campaign, 30),
      shortUrl(v.named.landing, 40),
      yesNo(v.held),
      views.get(v.session_id) ?? 0,
      journey ? h`<a href="${journey}">journey</a>` : "",
    ];
  });
  return h`<h1>Visitors</h1>${filterForm("/dashboard/visitors", f, companies, visitors.sources)}
<p class="muted">${visitors.rows.length} visitor${visitors.rows.length == 1 ? "" : "s"} seen in these days${
    visitors.capped ? " (the most recent of more than the dashboard reads at once: narrow the days)" : ""
  }; ${held} held a pool number, ${visitors.rows.length - held} did not (the pool was full, or a source tracker's number was shown). Only visitors matched by a session tracker contact the server, so only they are listed.</p>
${table(
  [
    { label: "Last seen" },
    { label: "First seen" },
    { label: "Source" },
    { label: "Medium" },
    { label: "Campaign" },
    { label: "Landing page" },
    { label: "Pool number" },
    { label: "Page views", n: true },
    { label: "Journey" },
  ],
  rows,
  "No visitors in these days.",
)}
${pager("/dashboard/visitors", f, visitors.rows.length, VISITORS_PER_PAGE)}`;
}

interface Event {
  at: number;
  kind: "page" | "lead" | "call";
  anchor: string;
  body: Html;
}

/** The journey's events in time order: page views, leads, calls. */
function events(f: Filters, j: Journey, n: Namer): Event[] {
  const out: Event[] = [];
  j.pages.forEach((p, i) =>
    out.push({
      at: p.created_at,
      kind: "page",
      anchor: "page-" + (i + 1),
      body: h`Viewed ${shortUrl(p.page_url, 80)}${str(p.title) ? h` <span class="muted">“${longText(p.title, 80)}”</span>` : ""}`,
    }),
  );
  for (const l of j.forms) {
    const o = leadObject(f.company.id, l);
    out.push({
      at: l.created_at,
      kind: "lead",
      anchor: "lead-" + l.id,
      body: h`Sent the form <a href="${leadLink(f, l.id)}">${longText(o.form_name || "(no name)", 60)}</a>${
        o.form_url ? h` on ${shortUrl(o.form_url, 60)}` : ""
      }`,
    });
  }
  for (const k of j.calls) {
    const r = k.record;
    out.push({
      at: k.start_time,
      kind: "call",
      anchor: "call-" + k.id,
      body: h`Called ${phone(r.tracking_phone_number)} (${n.trackerName(r.tracker_id)}) from ${phone(r.customer_phone_number)}${
        duration(r.duration) ? h`, ${duration(r.duration)}` : ""
      } ${outcome(r)}`,
    });
  }
  // Stable: a page view and the lead sent from it in the same millisecond keep that order.
  return out.sort((a, b) => a.at - b.at);
}

/**
 * `leases.idle`: a lease not yet ended by the background job ended `idle` after it was last
 * seen, if that is past (as calls are attributed: holderAt in server/store/leases.ts).
 */
export function journeyPage(
  f: Filters,
  sessionId: string,
  j: Journey,
  n: Namer,
  leases: { now: number; idle: number },
): Html {
  const s = j.session;
  const named = s ? n.visitor(s.visitor) : j.forms[0] ? n.lead(j.forms[0].body) : null;
  const list = events(f, j, n);
  const numbers = j.leases.map(
    (l) =>
      h`<li>${phone(l.number)} from ${n.trackerName(l.tracker_id)}, ${formatTime(f.zone, l.started_at)} to ${
        l.ended_at != null
          ? formatTime(f.zone, l.ended_at)
          : l.last_seen_at + leases.idle < leases.now
            ? formatTime(f.zone, l.last_seen_at + leases.idle)
            : "now"
      }</li>`,
  );
  return h`<h1 id="start">Visitor journey</h1>
<p><a href="${link("/dashboard/visitors", f)}">← All visitors</a></p>
<div class="two"><section class="panel"><h3>First visit</h3>${named ? facts(touchFacts(named)) : h`<p class="muted">Not known.</p>`}</section>
<section class="panel"><h3>Visitor</h3>${facts([
    ["First seen", s ? formatTime(f.zone, s.first_seen_at) : ""],
    ["Last seen", s ? formatTime(f.zone, s.last_seen_at) : ""],
    ["Pool number", numbers.length ? h`<ul>${numbers}</ul>` : "none held"],
    ["Session", sessionId],
  ])}</section></div>
<h2>Timeline</h2>
${
  list.length
    ? h`<ol class="timeline">${list.map(
        (e) =>
          h`<li id="${e.anchor}" class="${e.kind}"><span class="muted">${formatTime(f.zone, e.at)}</span><br>${e.body}</li>`,
      )}</ol>`
    : h`<p class="muted">No page views, leads or calls recorded for this visitor.</p>`
}
${
  j.pages.length
    ? ""
    : h`<p class="muted">No page views: only visitors matched by a session tracker report the pages they see.</p>`
}`;
}
