// Background work of a running server: ending idle leases, reloading the company map when any
// process changed a company, and visitor-data retention. Each job in the store runs in one
// process at a time (an advisory lock on PostgreSQL), so N processes do it once, not N times.
// Retention covers visitor data (RETENTION_DAYS) and, when set, form submissions
// (FORM_RETENTION_DAYS; docs/security.md#what-is-stored-and-for-how-long).
// A job that fails (store down) is tried again at its next tick; the first failure of an
// outage and the recovery are logged, one line each.
import type { Services } from "./services";

export interface MaintenanceOptions {
  /** Visitor data kept, days; 0 keeps everything. */
  retentionDays: number;
  /** Form submissions kept, days; 0 (the default) keeps them. */
  formRetentionDays?: number;
  /** Lease expiry sweep interval, ms (default 1000). */
  sweepMs?: number;
  /** Company map freshness check interval, ms (default 2000). */
  refreshMs?: number;
  /** Retention interval, ms (default 6 hours). */
  purgeMs?: number;
}

export function startMaintenance(s: Services, o: MaintenanceOptions): () => void {
  let failing = false;
  const run = (job: () => Promise<unknown>) => () => {
    job().then(
      () => {
        if (failing) console.log("[calltrk] store reachable again");
        failing = false;
      },
      (e) => {
        if (!failing) console.error("[calltrk] background job failed: " + String((e && e.message) || e).split("\n")[0]);
        failing = true;
      },
    );
  };
  const sweep = run(() => s.store.expireLeases(Date.now()));
  const refresh = run(() => s.companies.refresh());
  const purge = run(async () => {
    if (o.retentionDays > 0) await s.store.purge(Date.now() - o.retentionDays * 864e5);
    if (o.formRetentionDays) await s.store.purgeForms(Date.now() - o.formRetentionDays * 864e5);
  });
  purge();
  const timers = [
    setInterval(sweep, o.sweepMs ?? 1000),
    setInterval(refresh, o.refreshMs ?? 2000),
    setInterval(purge, o.purgeMs ?? 6 * 3600e3),
  ];
  for (const t of timers) t.unref();
  return () => timers.forEach(clearInterval);
}
