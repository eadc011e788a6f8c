// @vitest-environment node
// Several real server processes on one PostgreSQL database (docs/protocol.md#10-stores): no
// number leased to two live sessions, one record per form id, nothing acknowledged lost when
// a process dies, and a database that goes down and comes back. The processes are the built
// server (dist/server.mjs) on a throwaway cluster started here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { startPostgres, type PgCluster } from "../pgCluster";
import { companyFile, startServerProcess, type ServerProcess } from "../process";

const POOL = ["+14045550001", "+14045550002", "+14045550003", "+14045550004", "+14045550005"];
const FALLBACK = "+14045550000";
const COMPANY = {
  company_id: "COM1",
  account_id: "ACC1",
  site_origins: ["*"],
  trackers: [
    { id: "POOL", type: "session", status: "active", source: "all", tracking_numbers: POOL, fallback_number: FALLBACK },
  ],
};
const AUTH = { Authorization: "Token token=test-token" };

let cluster: PgCluster;
let url: string;
let dir: string;
let file: string;
let a: ServerProcess;
let b: ServerProcess;
let db: postgres.Sql;

const post = (p: ServerProcess, path: string, body: unknown) =>
  fetch(p.base + "/v1/companies/COM1" + path, {
    method: "POST",
    headers: { "Content-Type": "text/plain" },
    body: JSON.stringify(body),
  });
const claim = (p: ServerProcess, session: string) =>
  post(p, "/sessions", { session_id: session, tracker_ids: ["POOL"] }).then(async (r) => {
    const body = await r.json();
    if (r.status != 200) throw new Error(`claim answered ${r.status} ${JSON.stringify(body)}\n${p.output()}`);
    return body as { numbers: Record<string, string> };
  });

beforeAll(async () => {
  cluster = await startPostgres();
  url = cluster.database("shared");
  dir = mkdtempSync(join(tmpdir(), "calltrk-procs-"));
  file = companyFile(dir, COMPANY);
  // Both start at once against an empty database: migrations and the company import race.
  [a, b] = await Promise.all([
    startServerProcess({ DATABASE_URL: url }, [file]),
    startServerProcess({ DATABASE_URL: url }, [file]),
  ]);
  db = postgres(url, { max: 2, onnotice: () => {} });
}, 60000);

afterAll(async () => {
  await Promise.all([a?.kill(), b?.kill()]);
  await db?.end();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("two processes on one PostgreSQL database", () => {
  it("started at once against an empty database: every migration once, the company once, its pool once", async () => {
    const versions = await db`SELECT version FROM schema_migrations ORDER BY version`;
    expect(versions.map((v) => Number(v.version))).toEqual([...new Set(versions.map((v) => Number(v.version)))]);
    expect(versions.length).toBeGreaterThanOrEqual(2);
    expect(await db`SELECT count(*)::int AS n FROM companies`).toEqual([{ n: 1 }]);
    expect(await db`SELECT count(*)::int AS n FROM pool_numbers`).toEqual([{ n: 5 }]);
  });

  it("200 parallel claims for new sessions across both, 5-number pool: 5 distinct numbers, the fallback to the rest", async () => {
    const sessions = Array.from({ length: 200 }, () => randomUUID());
    const answers = await Promise.all(sessions.map((s, i) => claim(i % 2 ? a : b, s)));
    const numbers = answers.map((x) => x.numbers.POOL);
    const pooled = numbers.filter((n) => n != FALLBACK);
    expect(pooled.sort()).toEqual([...POOL].sort());
    expect(numbers.filter((n) => n == FALLBACK)).toHaveLength(195);
    const doubled = await db`SELECT number FROM leases WHERE ended_at IS NULL GROUP BY number HAVING count(*) > 1`;
    expect(doubled).toEqual([]);
    await db`UPDATE leases SET ended_at = last_seen_at WHERE ended_at IS NULL`;
    await db`UPDATE pool_numbers SET leased = 0`;
  });

  it("one session asking both processes at once keeps one number", async () => {
    const session = randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => claim(i % 2 ? a : b, session)));
    const numbers = new Set(answers.map((x) => x.numbers.POOL));
    expect(numbers.size).toBe(1);
    expect(POOL).toContain([...numbers][0]);
    expect(await db`SELECT count(*)::int AS n FROM leases WHERE session_id = ${session}`).toEqual([{ n: 1 }]);
  });

  it("one form id sent 10 times to both at once: one 201, nine 200, one record", async () => {
    const id = randomUUID();
    const body = { id, form_name: "contact", form_data: { Email: "pat@example.com" } };
    const statuses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post(i % 2 ? a : b, "/form_submissions", body)),
    );
    expect(statuses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(await db`SELECT count(*)::int AS n FROM form_submissions WHERE id = ${id}`).toEqual([{ n: 1 }]);
  });

  it("kill -9 of a process in the middle of a burst of forms: every acknowledged one is readable through the other", async () => {
    const c = await startServerProcess({ DATABASE_URL: url }, [file]);
    const acknowledged: string[] = [];
    let failed = 0;
    // 16 senders in a loop; the process is killed once 100 submissions were acknowledged,
    // while others are in flight.
    const sender = async () => {
      while (c.child.exitCode == null && c.child.signalCode == null) {
        const id = randomUUID();
        try {
          const r = await post(c, "/form_submissions", { id, form_data: { Email: id + "@example.com" } });
          if (r.status == 201) acknowledged.push(id);
          if (acknowledged.length >= 100) c.child.kill("SIGKILL");
        } catch {
          failed++; // the process died under it: not acknowledged
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, sender));
    await c.exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(100);
    expect(failed).toBeGreaterThan(0); // requests were in flight when it died
    const listed = new Set<string>();
    for (let page = 1; ; page++) {
      const r = await fetch(`${a.base}/v3/a/ACC1/form_submissions.json?per_page=250&page=${page}`, { headers: AUTH });
      const got = (await r.json()) as { form_submissions: Array<{ id: string }>; total_pages: number };
      for (const f of got.form_submissions) listed.add(f.id);
      if (page >= got.total_pages) break;
    }
    expect(acknowledged.filter((id) => !listed.has(id))).toEqual([]);
  });

  it("the database stops: answers within 2 s with 503; it comes back: the same processes serve again", async () => {
    await cluster.pause();
    const started = Date.now();
    const answers = await Promise.all([
      post(a, "/sessions", { session_id: randomUUID(), tracker_ids: ["POOL"] }),
      post(b, "/form_submissions", { id: randomUUID(), form_data: { a: "b" } }),
      post(a, `/sessions/${randomUUID()}/page_views`, { page_url: "https://site.example/" }),
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
    for (const r of answers) {
      expect(r.status).toBe(503);
      expect(await r.json()).toEqual({ error: expect.any(String) });
    }
    // Config comes from memory: it keeps working without the database.
    expect((await fetch(a.base + "/v1/companies/COM1/config")).status).toBe(200);
    await cluster.resume();
    let ok = false;
    for (let i = 0; i < 50 && !ok; i++) {
      const r = await post(b, "/sessions", { session_id: randomUUID(), tracker_ids: ["POOL"] });
      ok = r.status == 200;
      if (!ok) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ok).toBe(true);
    expect((await post(a, "/form_submissions", { id: randomUUID(), form_data: { a: "b" } })).status).toBe(201);
    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();
  }, 30000);
});
