// @vitest-environment node
// The store on each database (docs/operations.md#the-store): the versioned schema, applied
// once under a lock, and what importing a company file does to pools and live leases.
import { describe, expect, it } from "vitest";
import { createApp } from "../../server/app";
import { MIGRATIONS } from "../../server/store/migrations";
import { company, server, servers, S1, S2, S3, TOKEN, type Place } from "./helpers";

const { make, sharedPlace } = servers();

const open = (place: Place, companies = [company()]) =>
  createApp({ dataDir: place.dataDir, databaseUrl: place.databaseUrl, token: TOKEN, root: process.cwd(), companies });

describe("schema", () => {
  it("a new store has every migration, each recorded once", async () => {
    const s = await make();
    const rows = await s.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
    expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it("four servers opening one empty store at once all start; the schema and the company are made once", async () => {
    const place = await sharedPlace();
    const made = await Promise.all([open(place), open(place), open(place), open(place)]);
    try {
      const rows = await made[0].services.store.db.all<{ n: number }>(
        "SELECT count(*) AS n FROM schema_migrations GROUP BY version HAVING count(*) > 1",
      );
      expect(rows).toEqual([]);
      const pools = await made[0].services.store.poolUse();
      expect(pools.map((p) => [p.tracker_id, p.size])).toEqual([
        ["POOL", 3],
        ["SMALL", 1],
      ]);
    } finally {
      for (const m of made) await m.close();
    }
  });

  it("with many live leases, renewing a session's lease reads that session's rows, not every live lease", async () => {
    const c = company();
    c.trackers.find((t) => t.id == "POOL")!.tracking_numbers = Array.from(
      { length: 300 },
      (_, i) => "+1404555" + String(1000 + i),
    );
    const s = await make({ companies: [c] });
    const sessions = Array.from({ length: 250 }, (_, i) => "6f1c2d3e-4b5a-4c6d-8e7f-" + String(i).padStart(12, "0"));
    for (const id of sessions) await s.claim(id);
    const renew = `UPDATE leases SET last_seen_at = 1 WHERE company_id = 'COM1' AND tracker_id = 'POOL' AND session_id = '${sessions[0]}' AND ended_at IS NULL`;
    const postgres = s.services.store.dialect == "postgres";
    const plan = JSON.stringify(await s.query((postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + renew));
    // The index of live leases per client (company, client) once served this, with a filter
    // over all 250 live leases, on PostgreSQL planning from the statistics of an empty table.
    expect(plan).not.toContain("leases_by_client");
    expect(plan).toMatch(/one_live_lease_per_session|leases_by_session/);
    if (postgres) {
      // Statistics exist as soon as pools are imported: without them a free number was looked
      // for by reading the whole pool (docs/operations.md#postgresql).
      const [stats] = await s.query<{ last_analyze: Date | null }>(
        "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'pool_numbers'",
      );
      expect(stats.last_analyze).not.toBeNull();
    }
  });

  it("a store migrated by a newer release is refused with a message that says so", async () => {
    const place = await sharedPlace();
    const first = await open(place);
    await first.services.store.db.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'x', 0)");
    await first.close();
    await expect(open(place)).rejects.toThrow(/schema version 999, newer than this CallTrk knows/);
  });
});

describe("company files on start", () => {
  const withPool = (numbers: string[], status: "active" | "disabled" = "active", tracker = "POOL") => {
    const c = company();
    const pool = c.trackers.find((t) => t.id == tracker)!;
    pool.tracking_numbers = numbers;
    pool.status = status;
    return c;
  };

  it("a pool number removed from the file: its live lease ends, and it is never handed out again", async () => {
    const place = await sharedPlace();
    const first = await server({ place, companies: [withPool(["+14045550001", "+14045550002"])] });
    const held = (await first.claim(S1)).numbers.POOL;
    await first.close();
    const kept = held == "+14045550001" ? "+14045550002" : "+14045550001";
    const second = await make({ place, companies: [withPool([kept])] });
    const history = await second.services.store.leaseHistory("COM1");
    expect(history.find((l) => l.number == held)!.ended_at).not.toBeNull();
    // S1 asks again: it gets the number that is left, never the removed one.
    expect((await second.claim(S1)).numbers.POOL).toBe(kept);
    expect((await second.claim(S2)).numbers.POOL).toBe("+14045550000"); // the fallback: the pool is one number
  });

  it("a number moved to another tracker is leased by that tracker; the old holder's lease ended", async () => {
    const place = await sharedPlace();
    const first = await server({ place, companies: [withPool(["+14045550001"])] });
    expect((await first.claim(S1)).numbers.POOL).toBe("+14045550001");
    await first.close();
    const moved = withPool(["+14045550002"]);
    moved.trackers.find((t) => t.id == "SMALL")!.tracking_numbers = ["+14045550001"];
    const second = await make({ place, companies: [moved] });
    expect((await second.claim(S2, ["SMALL"])).numbers.SMALL).toBe("+14045550001");
    expect((await second.claim(S1)).numbers.POOL).toBe("+14045550002");
    const live = await second.query(
      "SELECT tracker_id, number, session_id FROM leases WHERE ended_at IS NULL ORDER BY number",
    );
    expect(live).toEqual([
      { tracker_id: "SMALL", number: "+14045550001", session_id: S2 },
      { tracker_id: "POOL", number: "+14045550002", session_id: S1 },
    ]);
  });

  it("a tracker disabled in the file ends its live leases and leases nothing", async () => {
    const place = await sharedPlace();
    const first = await server({ place });
    await first.claim(S1);
    await first.claim(S3);
    await first.close();
    const second = await make({ place, companies: [withPool(["+14045550001", "+14045550002"], "disabled")] });
    expect(await second.query("SELECT session_id FROM leases WHERE ended_at IS NULL")).toEqual([]);
    expect((await second.claim(S2)).numbers).toEqual({});
  });
});
