// The call log (docs/dashboard.md#call-log): every call of the range, newest first, with the
// tracker's name, the caller, the source the server names, and what the carrier reported
// (answered, duration, recording, the caller's place) when the call has it.
import { formatPhone } from "../reports";
import type { DashCall } from "../store";
import type { Listed, Rows } from "./data";
import { pageOf } from "./data";
import { link, type Filters } from "./filters";
import { h, str, textOf, type Html, type Part } from "./html";
import { filterForm, pager, table } from "./layout";
import type { Namer } from "./naming";
import type { Company } from "../companies";
import { formatTime } from "./time";

export const CALLS_PER_PAGE = 50;

/** Seconds as `m:ss` (`h:mm:ss` past an hour); nothing for a value that is not a duration. */
export function duration(v: unknown): string {
  if (typeof v != "number" || !Number.isFinite(v) || v < 0) return "";
  const s = Math.round(v);
  const mm = String(Math.floor(s / 60) % 60);
  const ss = String(s % 60).padStart(2, "0");
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm.padStart(2, "0")}:${ss}` : `${mm}:${ss}`;
}

/** A phone number as the reports print it, or the stored text when it is not one. */
export const phone = (v: unknown): string => (str(v) ? formatPhone(v as string) : textOf(v));

/** The caller's place, as the carrier named it. */
const place = (r: Record<string, unknown>) =>
  [r.customer_city, r.customer_state, r.customer_country]
    .map((x) => str(x))
    .filter(Boolean)
    .join(", ");

/** Where a call's journey is, or null for a call to a source tracker's number (no web visit). */
export const journeyLink = (f: Filters, sessionId: unknown, anchor: string): string | null =>
  str(sessionId) && (sessionId as string).length <= 200
    ? link("/dashboard/journeys/" + encodeURIComponent(sessionId as string), f) + "#" + anchor
    : null;

/** What the carrier said about the call (when it said it): answered or missed, voicemail, a recording link. */
export function outcome(r: Record<string, unknown>): Html {
  const recording = str(r.recording);
  const url = recording && /^https?:\/\//i.test(recording) && recording.length <= 2048 ? recording : null;
  const answered =
    r.answered === true
      ? h`<span class="tag yes">answered</span>`
      : r.answered === false
        ? h`<span class="tag no">missed</span>`
        : "";
  return h`${answered}${r.voicemail === true ? h` <span class="tag">voicemail</span>` : ""}${
    url ? h` <a href="${url}" rel="noreferrer noopener">recording</a>` : ""
  }`;
}

function row(k: Listed<DashCall>, n: Namer, f: Filters): Part[] {
  const r = k.record;
  const journey = journeyLink(f, r.session_id, "call-" + k.id);
  return [
    formatTime(f.zone, k.start_time),
    n.trackerName(r.tracker_id),
    phone(r.tracking_phone_number),
    h`${phone(r.customer_phone_number)}${place(r) ? h`<br><span class="muted">${place(r)}</span>` : ""}`,
    k.named.source,
    k.named.medium ?? "",
    duration(r.duration),
    outcome(r),
    journey
      ? h`<a class="nowrap" href="${journey}">journey</a>`
      : h`<span class="muted" title="a source tracker's number: no web visit">—</span>`,
  ];
}

export function callsPage(f: Filters, calls: Rows<DashCall>, n: Namer, companies: Company[]): Html {
  const shown = pageOf(calls.rows, f, CALLS_PER_PAGE);
  return h`<h1>Calls</h1>${filterForm("/dashboard/calls", f, companies, calls.sources)}
<p class="muted">${calls.rows.length} call${calls.rows.length == 1 ? "" : "s"}${
    calls.capped ? " (the newest of more calls than one page of the dashboard reads: narrow the days)" : ""
  }. Sources are named by the server from each caller's first visit, or by the tracker's rule for a source tracker's number.</p>
${table(
  [
    { label: "Time" },
    { label: "Tracker" },
    { label: "Tracking number" },
    { label: "Caller" },
    { label: "Source" },
    { label: "Medium" },
    { label: "Duration", n: true },
    { label: "Outcome" },
    { label: "Visit" },
  ],
  shown.map((k) => row(k, n, f)),
  "No calls in these days.",
)}
${pager("/dashboard/calls", f, calls.rows.length, CALLS_PER_PAGE)}`;
}
