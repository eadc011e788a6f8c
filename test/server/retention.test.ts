// @vitest-environment node
// Retention (docs/security.md#what-is-stored-and-for-how-long): old page views, sessions and
// ended leases go; live leases and calls stay; form submissions go only with FORM_RETENTION_DAYS.
import { expect, it } from "vitest";
import { startMaintenance } from "../../server/maintenance";
import { servers, AUTH, S1, S2 } from "./helpers";

const { make } = servers();
const DAY = 864e5;

it("purge(before) deletes page views, sessions and ended leases older than before, and nothing else", async () => {
  const s = await make({ idleSeconds: 60 });
  const counts = () => Promise.all(["sessions", "page_views", "leases", "form_submissions", "calls"].map(s.count));
  await s.claim(S1); // old visitor: session, page view, lease
  await s.req("/v1/companies/COM1/form_submissions", {
    method: "POST",
    json: { id: "33333333-3333-4333-8333-333333333333", session_id: S1, form_data: { Email: "a@b.c" } },
  });
  await s.req("/v1/companies/COM1/calls", {
    method: "POST",
    json: { tracking_number: "+14045550001", customer_phone_number: "+15553334444" },
    headers: AUTH,
  });
  s.clock.t += 200 * DAY;
  await s.claim(S2); // a visitor of today
  await s.services.store.expireLeases(s.clock.t); // the background sweep ends the old lease
  expect(await counts()).toEqual([2, 2, 2, 1, 1]);
  const gone = await s.services.store.purge(s.clock.t - 180 * DAY);
  expect(gone).toBe(3);
  expect(await counts()).toEqual([1, 1, 1, 1, 1]);
  expect(await s.query("SELECT session_id FROM leases WHERE ended_at IS NULL")).toEqual([{ session_id: S2 }]);
});

it("purgeForms(before) deletes form submissions older than before (FORM_RETENTION_DAYS), and nothing else", async () => {
  const s = await make();
  const add = (id: string) =>
    s.req("/v1/companies/COM1/form_submissions", {
      method: "POST",
      json: { id, session_id: S1, form_data: { a: "b" } },
    });
  await s.claim(S1);
  await add("33333333-3333-4333-8333-333333333333");
  s.clock.t += 40 * DAY;
  await add("44444444-4444-4444-8444-444444444444");
  expect(await s.services.store.purgeForms(s.clock.t - 30 * DAY)).toBe(1);
  const left = await s.query<{ id: string }>("SELECT id FROM form_submissions");
  expect(left).toEqual([{ id: "44444444-4444-4444-8444-444444444444" }]);
  expect(await s.count("sessions")).toBe(1);
});

it("the maintenance job purges forms only when FORM_RETENTION_DAYS is set", async () => {
  const s = await make();
  const old = "33333333-3333-4333-8333-333333333333";
  await s.req("/v1/companies/COM1/form_submissions", { method: "POST", json: { id: old, form_data: { a: "b" } } });
  // Stored "now" on the test clock, which is far behind the real clock the job reads.
  await s.services.store.db.run("UPDATE form_submissions SET created_at = ?", [Date.now() - 400 * DAY]);
  const kept = startMaintenance(s.services, { retentionDays: 0 });
  await new Promise((r) => setTimeout(r, 100));
  kept();
  expect(await s.count("form_submissions")).toBe(1);
  const purged = startMaintenance(s.services, { retentionDays: 0, formRetentionDays: 365 });
  await expect.poll(() => s.count("form_submissions")).toBe(0);
  purged();
});
