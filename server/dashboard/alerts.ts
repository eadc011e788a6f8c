// Alerts at the top of every dashboard page (docs/dashboard.md#alerts): a session pool that ran
// out in the last 24 hours, whatever days the page shows. While a pool is empty its visitors see
// the tracker's fallback number and their calls cannot be attributed to a visit, so the marketer
// should hear of it before reading any figure. Pure.
import type { RecentExhaustion } from "../store/dashboard";
import { h, type Html } from "./html";
import type { Namer } from "./naming";
import { formatTime, type Zone } from "./time";

/** How far back an exhaustion raises the alert. */
export const ALERT_WINDOW_MS = 24 * 60 * 60 * 1000;

export function exhaustionAlert(rows: RecentExhaustion[], n: Namer, zone: Zone): Html | "" {
  if (!rows.length) return "";
  const items = rows.map(
    (r) =>
      h`<li><b>${n.trackerName(r.tracker_id)}</b>: ${r.n} visitor${r.n == 1 ? "" : "s"} found no free number, last at ${formatTime(zone, r.last)}</li>`,
  );
  return h`<div class="alert" role="alert"><p><strong>A number pool ran out in the last 24 hours.</strong> Those visitors saw the fallback number, so their calls are not attributed to a visit.</p>
<ul>${items}</ul>
<p>Add numbers to the pool, or check whether one client is holding many: the cap on numbers per address is <code>LEASES_PER_ADDRESS</code> (see the server's docs/security.md).</p></div>`;
}
