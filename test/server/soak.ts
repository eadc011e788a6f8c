// The soak: simulated visitors arrive, view pages and leave, over HTTP on
// loopback against a real server with a small pool, on a simulated clock so that hours of
// lease life pass in seconds. Used by soak.test.ts (short, in npm test) and bench/soak.mjs
// (long, in npm run bench). Checks, from the visitors' side:
// - no number is handed to a session while another session that held it is still live
//   (seen within the idle time);
// - a live session asking again keeps its number;
// - every lease ends once visitors are gone, and the pool is free again;
// - every answer without a pool number is counted by the server as exhaustion;
// - the heap (after a forced GC) does not grow with the number of visitors.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createApp } from "../../server/app";
import { readCompany } from "../../server/companies";
import { rng } from "./rng";
import { listen } from "./listen";

export interface SoakOptions {
  visitors: number;
  pool: number;
  /** Lease idle time (s). */
  idleSeconds: number;
  /** Requests in flight at once. */
  concurrency: number;
  seed?: number;
  /** A PostgreSQL database to soak instead of a temporary SQLite folder. */
  databaseUrl?: string;
}

export interface SoakReport {
  visitors: number;
  requests: number;
  /** Pool numbers handed out (new leases). */
  leased: number;
  /** Answers with the fallback number: the pool was exhausted. */
  exhausted: number;
  /** The server's own exhaustion count. */
  serverExhausted: number;
  /** A number given to a session while another live session held it. */
  doubleLeases: number;
  /** A live session asking again got another number. */
  lostNumbers: number;
  /** Non-2xx answers. */
  failures: number;
  /** Leases still live, and pool numbers still marked leased, after everyone left and the idle time passed. */
  liveAfter: number;
  leasedAfter: number;
  /** Heap used after GC (MB) at 25%, 50%, 75% and 100% of arrivals. */
  heapMB: number[];
  ms: number;
}

const FALLBACK = "+14045550000";
const gc = (): (() => void) => {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
};

interface Visitor {
  session: string;
  ip: string;
  pagesLeft: number;
  next: number;
  number: string | null;
}

export async function soak(o: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const random = rng(o.seed || 1);
  const dir = o.databaseUrl ? ":unused:" : mkdtempSync(join(tmpdir(), "calltrk-soak-"));
  let now = Date.parse("2026-11-22T08:00:00Z");
  const pool = Array.from({ length: o.pool }, (_, i) => "+1404556" + String(1000 + i));
  const made = await createApp({
    dataDir: dir,
    databaseUrl: o.databaseUrl,
    token: "soak",
    root: process.cwd(),
    idleSeconds: o.idleSeconds,
    now: () => now,
    // Each visitor comes from one of 5,000 addresses: the limiter's memory is soaked too.
    rateLimit: { perMinute: 600, burst: 60 },
    trustProxy: true,
    companies: [
      readCompany({
        company_id: "SOAK",
        site_origins: ["*"],
        trackers: [
          {
            id: "POOL",
            type: "session",
            status: "active",
            source: "all",
            destination_number: "+15553104554",
            tracking_numbers: pool,
            fallback_number: FALLBACK,
          },
        ],
      }),
    ],
  });
  const http = await listen(made.app.fetch);
  const base = http.base + "/v1/companies/SOAK";
  const collect = gc();
  const r: SoakReport = {
    visitors: o.visitors,
    requests: 0,
    leased: 0,
    exhausted: 0,
    serverExhausted: 0,
    doubleLeases: 0,
    lostNumbers: 0,
    failures: 0,
    liveAfter: 0,
    leasedAfter: 0,
    heapMB: [],
    ms: 0,
  };
  /** Number → the session holding it and when that session was last seen (ms). */
  const holders = new Map<string, { session: string; seen: number }>();
  const idle = o.idleSeconds * 1000;

  const send = async (v: Visitor, path: string, body: unknown) => {
    r.requests++;
    const res = await fetch(base + path, {
      method: "POST",
      headers: { "Content-Type": "text/plain", "X-Forwarded-For": v.ip },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) r.failures++;
    return res.ok && text ? JSON.parse(text) : null;
  };

  /** Does `v` hold its number by the server's rule (seen within the idle time, leases.ts)? */
  const holds = (v: Visitor) => {
    const h = v.number ? holders.get(v.number) : undefined;
    return !!h && h.session == v.session && h.seen >= now - idle;
  };

  async function claim(v: Visitor): Promise<void> {
    const had = holds(v) ? v.number : null;
    const answer = await send(v, "/sessions", {
      session_id: v.session,
      tracker_ids: ["POOL"],
      visitor: { source: "google", medium: "cpc" },
      page_url: "https://site.example/",
    });
    const n: string | undefined = answer && answer.numbers.POOL;
    if (had && n != had) r.lostNumbers++;
    if (n == FALLBACK) r.exhausted++;
    if (!n || n == FALLBACK) return void (v.number = null);
    const h = holders.get(n);
    if (h && h.session != v.session && h.seen >= now - idle) r.doubleLeases++;
    if (!had) r.leased++;
    holders.set(n, { session: v.session, seen: now });
    v.number = n;
  }

  async function view(v: Visitor): Promise<void> {
    // Every third page asks again, as the bundle does near the end of its cached lease.
    if (v.pagesLeft % 3 == 0) return claim(v);
    const live = holds(v);
    await send(v, `/sessions/${v.session}/page_views`, {
      page_url: "https://site.example/p" + v.pagesLeft,
      title: "P",
    });
    if (live)
      holders.get(v.number!)!.seen = now; // a page view renews a live lease only (§5.2)
    else v.number = null;
  }

  /** Runs `jobs` with at most `o.concurrency` in flight. */
  async function run(jobs: Array<() => Promise<void>>): Promise<void> {
    let i = 0;
    const worker = async () => {
      while (i < jobs.length) await jobs[i++]();
    };
    await Promise.all(Array.from({ length: Math.min(o.concurrency, jobs.length) }, worker));
  }

  // One simulated second per step: about one arrival a second, 1-6 pages, 5-120 s apart.
  let active: Visitor[] = [];
  let arrived = 0;
  const marks = [0.25, 0.5, 0.75, 1].map((f) => Math.round(f * o.visitors));
  try {
    while (arrived < o.visitors || active.length) {
      const jobs: Array<() => Promise<void>> = [];
      for (let k = random() < 0.5 ? 1 : random() < 0.5 ? 0 : 2; k > 0 && arrived < o.visitors; k--) {
        const v: Visitor = {
          session: randomUUID(),
          ip: "10.1." + Math.floor(random() * 20) + "." + Math.floor(random() * 250),
          pagesLeft: 1 + Math.floor(random() * 6),
          next: now,
          number: null,
        };
        arrived++;
        active.push(v);
        jobs.push(() => claim(v));
        if (marks.includes(arrived)) {
          await run(jobs.splice(0));
          collect();
          r.heapMB.push(Math.round(process.memoryUsage().heapUsed / 1e5) / 10);
        }
      }
      for (const v of active)
        if (v.next <= now) {
          if (--v.pagesLeft <= 0) continue;
          v.next = now + 5000 + Math.floor(random() * 115000);
          jobs.push(() => view(v));
        }
      active = active.filter((v) => v.pagesLeft > 0);
      await run(jobs);
      now += 1000;
      await made.services.store.expireLeases(now); // the server's background sweep, once a second
    }
    // Everyone has left: once the idle time has passed, every lease has ended.
    now += idle + 2000;
    await made.services.store.expireLeases(now);
    const one = async (text: string) => Number((await made.services.store.db.all<{ n: number }>(text))[0].n);
    r.liveAfter = await one("SELECT count(*) AS n FROM leases WHERE ended_at IS NULL");
    r.leasedAfter = await one("SELECT count(*) AS n FROM pool_numbers WHERE leased = 1");
    r.serverExhausted = await one("SELECT count(*) AS n FROM pool_exhaustions");
  } finally {
    http.close();
    await made.close();
    if (!o.databaseUrl) rmSync(dir, { recursive: true, force: true });
  }
  r.ms = Date.now() - started;
  return r;
}
