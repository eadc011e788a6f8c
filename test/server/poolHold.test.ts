// @vitest-environment node
// One client trying to hold a session pool (docs/security.md#session-numbers), on each store:
// a cap on the live leases of one client address (IPv6 by /64), renewals only from page views
// that name a page and come no faster than a browser loads pages, a longest lease without a
// call, and an hour of an attacker at the rate limit against a 20-number pool while real
// visitors keep arriving.
import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import type { Company } from "../../server/companies";
import { DEFAULT_LIMIT } from "../../server/protect";
import { DEFAULT_LEASES_PER_ADDRESS } from "../../server/services";
import { AUTH, S1, company, servers, type ServerOpts, type TestServer } from "./helpers";

const { make } = servers();
const FALLBACK = "+14045550000";

/** COM1 with its session tracker POOL holding `size` numbers (+1404555 1000…). */
function poolOf(size: number): Company {
  const c = company();
  const pool = c.trackers.find((t) => t.id == "POOL")!;
  pool.tracking_numbers = Array.from({ length: size }, (_, i) => "+1404555" + String(1000 + i));
  return c;
}

/** A server whose clients are told apart by X-Forwarded-For, as behind the operator's own proxy. */
function serverWith(o: ServerOpts & { size?: number }) {
  return make({ trustProxy: true, companies: [poolOf(o.size ?? 3)], ...o });
}

/** A claim of POOL from `address`: its status and answer. */
async function claimFrom(s: TestServer, address: string, session = randomUUID()) {
  const r = await s.req("/v1/companies/COM1/sessions", {
    method: "POST",
    headers: { "X-Forwarded-For": address },
    json: {
      session_id: session,
      tracker_ids: ["POOL"],
      visitor: { source: "google" },
      page_url: "https://site.example/",
    },
  });
  const body =
    r.status == 200
      ? ((await r.json()) as { numbers: Record<string, string>; exhausted: string[]; capped?: string[] })
      : null;
  return {
    status: r.status,
    number: body?.numbers.POOL ?? null,
    exhausted: body?.exhausted ?? [],
    capped: body?.capped,
    session,
  };
}

function pageView(
  s: TestServer,
  address: string,
  session: string,
  json: unknown = { page_url: "https://site.example/next" },
) {
  return s.req(`/v1/companies/COM1/sessions/${session}/page_views`, {
    method: "POST",
    headers: { "X-Forwarded-For": address },
    json,
  });
}

const live = (s: TestServer) => s.count("leases WHERE ended_at IS NULL");

describe("live leases per client address", () => {
  it(`by default ${DEFAULT_LEASES_PER_ADDRESS}; past the cap a client gets the fallback number, not counted as exhaustion, and others are served`, async () => {
    const s = await serverWith({ leasesPerAddress: undefined, size: 10 });
    const first = [];
    for (let i = 0; i < DEFAULT_LEASES_PER_ADDRESS; i++) first.push(await claimFrom(s, "203.0.113.7"));
    expect(new Set(first.map((c) => c.number)).size).toBe(DEFAULT_LEASES_PER_ADDRESS);
    expect(first.every((c) => c.number != FALLBACK)).toBe(true);
    const past = await claimFrom(s, "203.0.113.7");
    // Named apart, so that the page can say why (explain(), the demo panel).
    expect([past.number, past.exhausted, past.capped]).toEqual([FALLBACK, ["POOL"], ["POOL"]]);
    expect(first.every((c) => c.capped === undefined)).toBe(true);
    expect(await s.count("pool_exhaustions")).toBe(0);
    // A session that holds a number keeps it at the cap.
    expect((await claimFrom(s, "203.0.113.7", first[0].session)).number).toBe(first[0].number);
    // Another client is served.
    expect((await claimFrom(s, "198.51.100.20")).number).not.toBe(FALLBACK);
    expect(await live(s)).toBe(DEFAULT_LEASES_PER_ADDRESS + 1);
  });

  it("an IPv6 client is one client for its whole /64; the next /64 is another", async () => {
    const s = await serverWith({ leasesPerAddress: 2, size: 10 });
    expect((await claimFrom(s, "2001:db8:1:2::1")).number).not.toBe(FALLBACK);
    expect((await claimFrom(s, "2001:db8:1:2:aaaa:bbbb:cccc:dddd")).number).not.toBe(FALLBACK);
    expect((await claimFrom(s, "2001:db8:1:2:ffff::9")).number).toBe(FALLBACK);
    expect((await claimFrom(s, "2001:db8:1:3::1")).number).not.toBe(FALLBACK);
  });

  it("a lease that ends frees its place under the cap", async () => {
    const s = await serverWith({ leasesPerAddress: 1, size: 10, idleSeconds: 600 });
    expect((await claimFrom(s, "203.0.113.7")).number).not.toBe(FALLBACK);
    expect((await claimFrom(s, "203.0.113.7")).number).toBe(FALLBACK);
    s.clock.t += 601e3;
    expect((await claimFrom(s, "203.0.113.7")).number).not.toBe(FALLBACK);
  });

  it("0 turns the cap off (load tests from one address)", async () => {
    const s = await serverWith({ leasesPerAddress: 0, size: 10 });
    for (let i = 0; i < 10; i++) expect((await claimFrom(s, "203.0.113.7")).number).not.toBe(FALLBACK);
  });

  it("the store keeps no address: a lease holds a keyed hash of the client, dropped when the lease ends", async () => {
    const s = await serverWith({ leasesPerAddress: 4, size: 3, idleSeconds: 600 });
    await claimFrom(s, "203.0.113.7");
    const [row] = await s.query<{ client_key: string | null }>("SELECT client_key FROM leases");
    expect(row.client_key).toMatch(/^[\w-]{16}$/);
    expect(JSON.stringify(await s.query("SELECT * FROM leases"))).not.toContain("203.0.113");
    s.clock.t += 601e3;
    await s.services.store.expireLeases(s.clock.t);
    expect((await s.query("SELECT client_key FROM leases"))[0]).toEqual({ client_key: null });
  });
});

describe("renewals", () => {
  it("a page view without a page, or sooner than 5 s after the last renewal, renews nothing", async () => {
    const s = await serverWith({ leasesPerAddress: 0, idleSeconds: 600, size: 1 });
    const held = await claimFrom(s, "203.0.113.7", S1);
    const lastSeen = async () => Number((await s.query<{ t: number }>("SELECT last_seen_at AS t FROM leases"))[0].t);
    const start = s.clock.t;
    s.clock.t += 60e3;
    expect((await pageView(s, "203.0.113.7", S1, {})).status).toBe(204);
    expect(await lastSeen()).toBe(start);
    expect((await pageView(s, "203.0.113.7", S1)).status).toBe(204);
    expect(await lastSeen()).toBe(start + 60e3);
    s.clock.t += 4_000;
    await pageView(s, "203.0.113.7", S1);
    expect(await lastSeen()).toBe(start + 60e3);
    s.clock.t += 1_000;
    await pageView(s, "203.0.113.7", S1);
    expect(await lastSeen()).toBe(start + 65e3);
    // Idle after its last real renewal, the number is free again.
    s.clock.t = start + 65e3 + 601e3;
    expect((await claimFrom(s, "198.51.100.20")).number).toBe(held.number);
  });

  it("renewing does not keep a number past the longest lease without a call; a call to it does", async () => {
    const s = await serverWith({ leasesPerAddress: 0, leaseMaxSeconds: 3600, idleSeconds: 1800, size: 2 });
    const kept = await claimFrom(s, "203.0.113.7");
    const called = await claimFrom(s, "203.0.113.8");
    const call = await s.req("/v1/companies/COM1/calls", {
      method: "POST",
      headers: AUTH,
      json: {
        tracking_number: called.number,
        customer_phone_number: "+14045550123",
        start_time: new Date(s.clock.t + 60e3).toISOString(),
      },
    });
    expect(call.status).toBe(201);
    for (let minute = 1; minute <= 61; minute++) {
      s.clock.t += 60e3;
      await pageView(s, "203.0.113.7", kept.session);
      await pageView(s, "203.0.113.8", called.session);
      await s.services.store.expireLeases(s.clock.t);
    }
    const leases = await s.query<{ session_id: string; ended_at: number | null }>(
      "SELECT session_id, ended_at FROM leases ORDER BY started_at, id",
    );
    const stillLive = leases.map((l) => [l.session_id, l.ended_at == null]);
    expect(stillLive).toEqual([
      [kept.session, false],
      [called.session, true],
    ]);
  });
});

/**
 * `seconds` of one client at the rate limit against the 20-number pool of `s`: a whole IPv6 /64,
 * a fresh address and session per claim, and page views that name a page for the sessions it
 * holds, six requests a second (one more than the limit refills). Real visitors arrive one every
 * 3 minutes, each from its own address, and view a page a minute for 5 minutes. The background
 * sweep runs every minute, when the attacker's live leases are counted.
 */
async function attack(s: TestServer, seconds: number) {
  const attacker = (i: number) => `2001:db8:bad:1::${(i % 65535).toString(16)}`;
  const held = new Set<string>();
  const visitors: Array<{ address: string; session: string; arrived: number; number: string | null }> = [];
  const start = s.clock.t;
  let sent = 0;
  let refused = 0;
  let mostHeld = 0;
  for (let second = 0; second < seconds; second++) {
    s.clock.t = start + second * 1000;
    for (let k = 0; k < 6; k++) {
      sent++;
      const sessions = [...held];
      if (k < 2 && sessions.length) {
        const r = await pageView(s, attacker(sent), sessions[(second + k) % sessions.length]);
        if (r.status == 429) refused++;
      } else {
        const c = await claimFrom(s, attacker(sent));
        if (c.status == 429) refused++;
        else if (c.number && c.number != FALLBACK) held.add(c.session);
      }
    }
    if (second % 180 == 0) {
      const address = `198.51.100.${visitors.length + 1}`;
      const c = await claimFrom(s, address);
      visitors.push({ address, session: c.session, arrived: second, number: c.number });
    }
    for (const v of visitors) {
      const since = second - v.arrived;
      if (since > 0 && since <= 300 && since % 60 == 0)
        expect((await pageView(s, v.address, v.session)).status).toBe(204);
    }
    if (second % 60 == 0) {
      await s.services.store.expireLeases(s.clock.t);
      const live = await s.query<{ session_id: string }>("SELECT session_id FROM leases WHERE ended_at IS NULL");
      mostHeld = Math.max(mostHeld, live.filter((l) => held.has(l.session_id)).length);
    }
  }
  const fallback = visitors.filter((v) => !v.number || v.number == FALLBACK).length;
  return { sent, refused, mostHeld, visitors: visitors.length, fallback };
}

describe("one client at the rate limit against a 20-number pool", () => {
  it(`for an hour holds at most ${DEFAULT_LEASES_PER_ADDRESS} numbers (${(DEFAULT_LEASES_PER_ADDRESS / 20) * 100} %) while every real visitor gets a pool number`, async () => {
    const s = await serverWith({ leasesPerAddress: undefined, rateLimit: DEFAULT_LIMIT, size: 20 });
    const hour = await attack(s, 3600);
    expect(hour.refused).toBeGreaterThan(0);
    expect(hour.mostHeld).toBeLessThanOrEqual(DEFAULT_LEASES_PER_ADDRESS);
    expect([hour.visitors, hour.fallback]).toEqual([20, 0]);
    expect(await s.count("pool_exhaustions")).toBe(0);
  }, 300_000);

  it("without the cap takes the pool within minutes, and real visitors get the fallback number", async () => {
    const s = await serverWith({ leasesPerAddress: 0, rateLimit: DEFAULT_LIMIT, size: 20 });
    const minutes = await attack(s, 400);
    // Every number but the one the first real visitor took before it.
    expect(minutes.mostHeld).toBeGreaterThanOrEqual(19);
    expect(minutes.fallback).toBeGreaterThan(0);
  }, 60_000);
});
