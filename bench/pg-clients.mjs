// Which PostgreSQL client (node-postgres `pg` or postgres.js `postgres`): the store's claim
// path, measured with each in the same run against one throwaway cluster
// (docs/operations.md#postgresql). Two workloads: the claim as the store sends it (one
// statement, calltrk_claim) and the same steps as a seven-statement transaction, each at 32
// concurrent claims over a 10-connection pool. Not in `npm run bench` by default
// (BENCH_CLIENTS_COMPARE=1 adds it): the choice is made, this is how it was made.
import { randomUUID } from "node:crypto";
import pg from "pg";
import postgres from "postgres";
import { importBundled } from "./bundle.mjs";
import { numbers } from "./pools.mjs";

const { startPostgres, openStore } = await importBundled("pg-clients-support", {
  stdin: {
    contents: `export { startPostgres } from "./test/server/pgCluster.ts";
      export { openStore } from "./server/store/index.ts";`,
    resolveDir: process.cwd(),
    loader: "ts",
  },
});

const SECONDS = Number(process.env.BENCH_SECONDS || 4);
const cluster = await startPostgres();
pg.types.setTypeParser(20, Number);
// Built by hand, not read like a company file (at most 1,000 numbers a tracker): the clients are
// compared on one pool that no run empties.
const company = {
  id: "bench",
  account_id: "bench",
  trackers: [
    {
      id: "POOL",
      type: "session",
      status: "active",
      source: "all",
      destination_number: "+15553104554",
      tracking_numbers: numbers("404", 100000),
    },
  ],
};
let databases = 0;
/** A fresh database with the schema and the pool (the store makes both). */
async function fresh() {
  const url = cluster.database("clients" + ++databases);
  const store = await openStore({ dataDir: "", databaseUrl: url, idleSeconds: 1800 });
  await store.importCompanies([company], Date.now());
  await store.close();
  return url;
}

const ONE = "SELECT tracker_id, number FROM calltrk_claim($1, $2, $3, $4, $5, ARRAY['POOL'], $6, 1800000, NULL, 0)";
const STEPS = [
  `INSERT INTO sessions (company_id, session_id, visitor, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)
   ON CONFLICT (company_id, session_id) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
  "INSERT INTO page_views (company_id, session_id, page_url, created_at) VALUES ($1, $2, $3, $4)",
  `UPDATE leases SET last_seen_at = $3 WHERE company_id = $1 AND tracker_id = 'POOL' AND session_id = $2
   AND ended_at IS NULL RETURNING number`,
  `UPDATE pool_numbers SET leased = 1 WHERE company_id = $1 AND tracker_id = 'POOL' AND number = (SELECT number
   FROM pool_numbers WHERE company_id = $1 AND tracker_id = 'POOL' AND leased = 0 ORDER BY released_at, number
   LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING number`,
  `INSERT INTO leases (company_id, tracker_id, number, session_id, started_at, last_seen_at)
   VALUES ($1, 'POOL', $2, $3, $4, $4)`,
];
const visitor = JSON.stringify({ source: "google", medium: "cpc" });

const clients = {
  pg(url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    return {
      one: (s, now) =>
        pool.query({ name: "one", text: ONE, values: ["bench", s, visitor, "https://x.example/", "Home", now] }),
      async steps(s, now) {
        const c = await pool.connect();
        try {
          await c.query("BEGIN");
          await c.query({ name: "s0", text: STEPS[0], values: ["bench", s, visitor, now] });
          await c.query({ name: "s1", text: STEPS[1], values: ["bench", s, "https://x.example/", now] });
          const live = await c.query({ name: "s2", text: STEPS[2], values: ["bench", s, now] });
          if (!live.rows.length) {
            const free = await c.query({ name: "s3", text: STEPS[3], values: ["bench"] });
            await c.query({ name: "s4", text: STEPS[4], values: ["bench", free.rows[0].number, s, now] });
          }
          await c.query("COMMIT");
        } finally {
          c.release();
        }
      },
      end: () => pool.end(),
    };
  },
  postgres(url) {
    const sql = postgres(url, { max: 10, onnotice: () => {} });
    const q = (t, text, values) => t.unsafe(text, values, { prepare: true });
    return {
      one: (s, now) => q(sql, ONE, ["bench", s, visitor, "https://x.example/", "Home", now]),
      steps: (s, now) =>
        sql.begin(async (t) => {
          await q(t, STEPS[0], ["bench", s, visitor, now]);
          await q(t, STEPS[1], ["bench", s, "https://x.example/", now]);
          const live = await q(t, STEPS[2], ["bench", s, now]);
          if (!live.length) {
            const [free] = await q(t, STEPS[3], ["bench"]);
            await q(t, STEPS[4], ["bench", free.number, s, now]);
          }
        }),
      end: () => sql.end(),
    };
  },
};

async function rate(fn) {
  let n = 0;
  const end = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (Date.now() < end) {
        await fn(randomUUID(), Date.now());
        n++;
      }
    }),
  );
  return n / SECONDS;
}

try {
  console.log(`\nPostgreSQL clients: claims per second, 32 at once over 10 connections, ${SECONDS} s each, best of 2`);
  console.log("  client       one statement (calltrk_claim)   seven-statement transaction");
  for (const name of ["pg", "postgres"]) {
    const best = { one: 0, steps: 0 };
    for (let i = 0; i < 2; i++)
      for (const kind of ["one", "steps"]) {
        const c = clients[name](await fresh());
        best[kind] = Math.max(best[kind], await rate(c[kind]));
        await c.end();
      }
    const f = (n) => Math.round(n).toLocaleString("en").padStart(7);
    console.log(`  ${name.padEnd(10)}   ${f(best.one)} claims/s                ${f(best.steps)} claims/s`);
  }
} finally {
  await cluster.stop();
}
