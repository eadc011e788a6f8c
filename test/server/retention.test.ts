// @vitest-environment node
// Visitor data retention (README "Security and privacy"): old page views, sessions and
// ended leases go; live leases, form submissions and calls stay.
import { expect, it } from "vitest";
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
