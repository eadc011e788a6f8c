// @vitest-environment node
// Leases (docs/protocol.md#51-session-numbers): atomic claims, least recently used, expiry, history, exhaustion,
// concurrency and restart.
import { describe, expect, it } from "vitest";
import { server, servers, S1, S2, S3, S4 } from "./helpers";

const { make, sharedPlace } = servers();

describe("claims", () => {
  it("gives a free number, the same one to the same session while the lease lives", async () => {
    const s = await make();
    const a = await s.claim(S1);
    expect(a.numbers.POOL).toMatch(/^\+1404555000[123]$/);
    s.clock.t += 10 * 60e3;
    expect((await s.claim(S1)).numbers.POOL).toBe(a.numbers.POOL);
    expect((await s.claim(S2)).numbers.POOL).not.toBe(a.numbers.POOL);
  });

  it("answers only active session trackers that were asked for, and lease_seconds", async () => {
    const s = await make();
    const r = await s.req("/v1/companies/COM1/sessions", {
      method: "POST",
      json: { session_id: S1, tracker_ids: ["POOL", "OFF", "SRC_ALL", "NOPE", "POOL"] },
    });
    const body = await r.json();
    expect(Object.keys(body.numbers)).toEqual(["POOL"]);
    expect(body).toMatchObject({ session_id: S1, lease_seconds: 1800 });
  });

  it("takes the least recently used free number", async () => {
    const s = await make({ idleSeconds: 60 });
    const first = [
      (await s.claim(S1)).numbers.POOL,
      (await s.claim(S2)).numbers.POOL,
      (await s.claim(S3)).numbers.POOL,
    ];
    expect(first).toEqual(["+14045550001", "+14045550002", "+14045550003"]); // never used: in order
    // Leases end in the order S2, S1, S3; new visitors get the numbers back in that order.
    s.clock.t += 20e3;
    await s.req(`/v1/companies/COM1/sessions/${S1}/page_views`, {
      method: "POST",
      json: { page_url: "https://site.example/a" },
    });
    s.clock.t += 20e3;
    await s.req(`/v1/companies/COM1/sessions/${S3}/page_views`, {
      method: "POST",
      json: { page_url: "https://site.example/b" },
    });
    s.clock.t += 200e3;
    const next = [S4, "55555555-5555-4555-8555-555555555555", "66666666-6666-4666-8666-666666666666"];
    const got = [];
    for (const id of next) got.push((await s.claim(id)).numbers.POOL);
    expect(got).toEqual(["+14045550002", "+14045550001", "+14045550003"]);
  });

  it("exhaustion: the fallback number when there is one, else left out; counted", async () => {
    const s = await make();
    for (const id of [S1, S2, S3]) await s.claim(id);
    const full = await s.claim(S4, ["POOL", "SMALL"]);
    expect(full.numbers).toEqual({ POOL: "+14045550000", SMALL: "+14045550101" });
    expect(full.exhausted).toEqual(["POOL"]); // answered with the fallback: the bundle asks again soon
    const none = await s.claim("55555555-5555-4555-8555-555555555555", ["SMALL"]);
    expect([none.numbers, none.exhausted]).toEqual([{}, ["SMALL"]]);
    const pools = await s.services.store.poolUse();
    expect(pools.map((p) => [p.tracker_id, p.size, p.leased, p.exhausted])).toEqual([
      ["POOL", 3, 3, 1],
      ["SMALL", 1, 1, 1],
    ]);
  });

  it("expires after the idle time, renewed by page views, and keeps the history", async () => {
    const s = await make({ idleSeconds: 1800 });
    const n = (await s.claim(S1, ["SMALL"])).numbers.SMALL;
    s.clock.t += 1700e3;
    expect(
      (
        await s.req(`/v1/companies/COM1/sessions/${S1}/page_views`, {
          method: "POST",
          json: { page_url: "https://site.example/b" },
        })
      ).status,
    ).toBe(204);
    s.clock.t += 1700e3; // 3400 s after the claim but 1700 s after the last page view: alive
    expect((await s.claim(S2, ["SMALL"])).numbers).toEqual({});
    s.clock.t += 200e3; // now idle 1900 s: ended
    expect((await s.claim(S2, ["SMALL"])).numbers.SMALL).toBe(n);
    const history = await s.services.store.leaseHistory("COM1");
    expect(history).toHaveLength(2);
    expect(history[0].session_id).toBe(S1);
    expect(history[0].ended_at).toBe((history[0].last_seen_at as number) + 1800e3);
    expect(history[1].ended_at).toBeNull();
  });

  it("many parallel claims never hand one number to two sessions", async () => {
    const big = {
      id: "BIG",
      type: "session",
      status: "active",
      tracking_numbers: Array.from({ length: 40 }, (_, i) => "+1404556" + String(i).padStart(4, "0")),
      source: "all",
    };
    const { company } = await import("./helpers");
    const c = company();
    c.trackers.push(big as never);
    const s = await make({ companies: [c] });
    const ids = Array.from({ length: 100 }, (_, i) => `${String(i).padStart(8, "0")}-0000-4000-8000-000000000000`);
    const answers = await Promise.all(ids.concat(ids).map((id) => s.claim(id, ["BIG"])));
    const bySession = new Map<string, string | undefined>();
    answers.forEach((a, i) => {
      const id = ids[i % 100];
      if (bySession.has(id)) expect(a.numbers.BIG).toBe(bySession.get(id)); // same session, same number
      bySession.set(id, a.numbers.BIG);
    });
    const given = [...bySession.values()].filter(Boolean);
    expect(given).toHaveLength(40);
    expect(new Set(given).size).toBe(40);
  });

  it("two servers on one store never double-lease (the unique index holds across connections)", async () => {
    const place = await sharedPlace();
    const a = await make({ place });
    const b = await make({ place });
    const got = await Promise.all([S1, S2, S3, S4].map((id, i) => (i % 2 ? a : b).claim(id)));
    const pool = got.map((g) => g.numbers.POOL).filter((n) => n != "+14045550000");
    expect(new Set(pool).size).toBe(3);
  });

  it("a restart loses nothing: leases, sessions and forms are stored", async () => {
    const place = await sharedPlace();
    const first = await server({ place });
    const n = (await first.claim(S1)).numbers.POOL;
    await first.req("/v1/companies/COM1/form_submissions", {
      method: "POST",
      json: { id: S2, form_data: { Email: "a@b.c" } },
    });
    await first.close();
    const second = await make({ place });
    expect((await second.claim(S1)).numbers.POOL).toBe(n);
    const again = await second.req("/v1/companies/COM1/form_submissions", {
      method: "POST",
      json: { id: S2, form_data: { Email: "a@b.c" } },
    });
    expect(again.status).toBe(200);
  });
});
