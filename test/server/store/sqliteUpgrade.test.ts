// @vitest-environment node
// A SQLite file made by the first release (test/server/fixtures/release-0.1.0.sqlite: that
// release's server, started on the e2e company file, given two leases, a page view, a form and
// two calls from one caller) upgrades in place when this release opens it: every migration
// recorded, nothing lost, and the leases, forms and calls work on.
import { afterEach, expect, it } from "vitest";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../../server/app";
import { MIGRATIONS } from "../../../server/store/migrations";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function openRelease() {
  const dir = mkdtempSync(join(tmpdir(), "calltrk-upgrade-"));
  dirs.push(dir);
  copyFileSync(join(__dirname, "../fixtures/release-0.1.0.sqlite"), join(dir, "calltrk.sqlite"));
  // Ten minutes after the release's writes: its leases are still live.
  const now = Date.parse("2026-11-22T21:28:00Z");
  const made = await createApp({ dataDir: dir, token: "t", root: process.cwd(), now: () => now, rateLimit: null });
  const get = (path: string) =>
    Promise.resolve(made.app.request(path, { headers: { Authorization: "Token token=t" } })).then((r) => r.json());
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    Promise.resolve(made.app.request(path, { method: "POST", body: JSON.stringify(body), headers })).then(
      async (r) => [r.status, await r.json()] as const,
    );
  return { made, get, post };
}

it("the file is this schema now, with every migration recorded once", async () => {
  const { made } = await openRelease();
  try {
    const rows = await made.services.store.db.all<{ version: number }>("SELECT version FROM schema_migrations");
    expect(rows.map((r) => r.version).sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.version));
  } finally {
    await made.close();
  }
});

it("keeps the release's company, calls, forms, page views and live leases", async () => {
  const { made, get, post } = await openRelease();
  try {
    expect(made.services.companies.get("e2e")?.trackers.length).toBeGreaterThan(3);
    const calls = await get("/v3/a/e2e/calls.json");
    expect(calls.total_records).toBe(2);
    expect(calls.calls.map((c: { id: number; first_call: boolean }) => [c.id, c.first_call])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(calls.calls[1]).toMatchObject({
      source: "google",
      medium: "cpc",
      gclid: "OLD1",
      session_id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
    });
    const views = await get("/v3/a/e2e/calls/1/page_views.json");
    expect(views.page_views.map((v: { title: string }) => v.title)).toEqual(["Services", "Home"]);
    const forms = await get("/v3/a/e2e/form_submissions.json");
    expect(forms.form_submissions).toEqual([
      expect.objectContaining({
        id: "cccccccc-cccc-4ccc-8ccc-cccccccccccc",
        form_data: { Name: "Pat Old", Email: "pat@example.com" },
      }),
    ]);
    // The session of the release keeps its number; a new visitor gets another one.
    const again = await post("/v1/companies/e2e/sessions", {
      session_id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
      tracker_ids: ["TRK_E2E_POOL"],
    });
    expect(again).toEqual([200, expect.objectContaining({ numbers: { TRK_E2E_POOL: "+14045552001" } })]);
    const fresh = await post("/v1/companies/e2e/sessions", {
      session_id: "dddddddd-dddd-4ddd-8ddd-dddddddddddd",
      tracker_ids: ["TRK_E2E_POOL"],
    });
    expect(fresh[1].numbers.TRK_E2E_POOL).not.toMatch(/^\+1404555200[12]$/);
    // A third call from the release's caller is not a first call (the caller column was filled in).
    const [status, call] = await post(
      "/v1/companies/e2e/calls",
      { tracking_number: "+14045552001", customer_phone_number: "+14045557001" },
      { Authorization: "Token token=t" },
    );
    expect([status, call.first_call, call.session_id]).toEqual([201, false, "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"]);
  } finally {
    await made.close();
  }
});
