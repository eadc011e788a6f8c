// A big store for the dashboard's bench (bench/dashboard.mjs): sessions with varied first touches,
// their page views, leases that never overlap on a number, exhaustions, calls (most held by a
// session, the rest to source trackers' numbers) and leads, spread over the days before `now`.
// Written with plain INSERTs in large transactions, as the store's own tables hold them. No
// vitest import, so the bench can bundle it.
import { buildCall } from "../../server/calls";
import type { Company } from "../../server/companies";
import type { Store } from "../../server/store";
import type { Param, Sql } from "../../server/store/sql";
import { rng } from "./rng";

export interface SeedSize {
  days: number;
  sessions: number;
  pageViews: number;
  calls: number;
  leads: number;
}

const TOUCHES: Array<[string | null, string]> = [
  ["https://www.google.com/", "https://www.site.example/?gclid=Cj0KCQ&utm_campaign=spring"],
  ["https://www.google.com/", "https://www.site.example/water-heaters"],
  ["https://www.bing.com/search?q=plumber", "https://www.site.example/"],
  ["https://l.facebook.com/", "https://www.site.example/?utm_source=facebook&utm_medium=paid_social"],
  ["https://deref-gmx.net/mail/client/abc/dereferrer/", "https://www.site.example/newsletter"],
  ["https://chatgpt.com/", "https://www.site.example/?utm_source=chatgpt.com"],
  ["https://news.example.co.uk/article/1", "https://www.site.example/"],
  [null, "https://www.site.example/pricing"],
  ["https://duckduckgo.com/", "https://www.site.example/drains"],
  ["https://www.yelp.com/biz/peachtree", "https://www.site.example/"],
];

/** Inserts `rows` into `table` (its `columns`) in chunks of one transaction each. */
async function insert(store: Store, table: string, columns: string[], rows: Param[][]) {
  const each = "(" + columns.map(() => "?").join(", ") + ")";
  const per = Math.floor(900 / columns.length); // SQLite's default limit is 999 parameters
  for (let i = 0; i < rows.length; i += per * 20)
    await store.db.tx(async (sql: Sql) => {
      for (let j = i; j < Math.min(rows.length, i + per * 20); j += per) {
        const chunk = rows.slice(j, j + per);
        await sql.run(
          `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${chunk.map(() => each).join(", ")}`,
          chunk.flat(),
        );
      }
    });
}

export async function seedDashboard(store: Store, c: Company, now: number, size: SeedSize): Promise<void> {
  const r = rng(42);
  const span = size.days * 86400e3;
  const pool = c.trackers.find((t) => t.type == "session")!;
  const numbers = pool.tracking_numbers || [];
  const sourceNumbers = c.trackers.filter((t) => t.type == "source").flatMap((t) => t.tracking_numbers || []);
  const id = (i: number) => "6f1c2d3e-0000-4000-8000-" + String(i).padStart(12, "0");

  const sessions: Param[][] = [];
  const visitors: Array<{ referrer: string | null; landing_page_url: string }> = [];
  const firstSeen: number[] = [];
  for (let i = 0; i < size.sessions; i++) {
    const [referrer, landing] = TOUCHES[Math.floor(r() * TOUCHES.length)];
    const visitor = { source: "google", medium: "cpc", referrer, landing_page_url: landing, utm: {}, click_ids: {} };
    const t = now - Math.floor(r() * span);
    visitors.push(visitor);
    firstSeen.push(t);
    sessions.push([c.id, id(i), JSON.stringify(visitor), t, t + 5 * 60e3]);
  }
  await insert(store, "sessions", ["company_id", "session_id", "visitor", "first_seen_at", "last_seen_at"], sessions);

  const views: Param[][] = [];
  for (let i = 0; i < size.pageViews; i++) {
    const s = i % size.sessions;
    const page = "https://www.site.example/" + ["", "services", "contact", "pricing", "about"][i % 5];
    views.push([c.id, id(s), page, null, "Page " + (i % 5), firstSeen[s] + (i % 7) * 40e3]);
  }
  await insert(
    store,
    "page_views",
    ["company_id", "session_id", "page_url", "referrer_url", "title", "created_at"],
    views,
  );

  // Leases: each number is leased to one session after another, 20 minutes each, with gaps.
  const leases: Param[][] = [];
  const holders: Array<{ number: string; session: number; start: number; end: number }> = [];
  let s = 0;
  for (const number of numbers)
    for (let t = now - span; t < now - 20 * 60e3 && s < size.sessions; t += 20 * 60e3 + Math.floor(r() * 30 * 60e3)) {
      leases.push([c.id, pool.id, number, id(s), t, t + 19 * 60e3, t + 20 * 60e3]);
      holders.push({ number, session: s, start: t, end: t + 20 * 60e3 });
      s++;
    }
  const leaseColumns = ["company_id", "tracker_id", "number", "session_id", "started_at", "last_seen_at", "ended_at"];
  await insert(store, "leases", leaseColumns, leases);
  const exhaustions = holders.filter((_, i) => i % 40 == 0).map((h): Param[] => [c.id, pool.id, h.start + 60e3]);
  await insert(store, "pool_exhaustions", ["company_id", "tracker_id", "at"], exhaustions);

  const calls: Param[][] = [];
  for (let i = 0; i < size.calls; i++) {
    const caller = "+1404" + String(2000000 + Math.floor(r() * 7000000));
    const held = r() < 0.7 && holders.length ? holders[Math.floor(r() * holders.length)] : null;
    const start = held ? held.start + 5 * 60e3 : now - Math.floor(r() * span);
    const tracking = held ? held.number : sourceNumbers[i % sourceNumbers.length];
    const input = { tracking_number: tracking, customer_phone_number: caller, start_time: start };
    const holder = held ? { tracker_id: pool.id, session_id: id(held.session) } : undefined;
    const record = buildCall(c, input, holder, held ? visitors[held.session] : null, start);
    record.id = i + 1;
    Object.assign(record, { answered: r() < 0.8, duration: Math.floor(r() * 600) });
    calls.push([c.id, JSON.stringify(record), start, caller]);
  }
  await insert(store, "calls", ["company_id", "record", "start_time", "customer_phone_number"], calls);

  const forms: Param[][] = [];
  for (let i = 0; i < size.leads; i++) {
    const session = Math.floor(r() * size.sessions);
    const v = visitors[session];
    const body = {
      id: "b2e4d7a0-0000-4000-8000-" + String(i).padStart(12, "0"),
      session_id: id(session),
      form_url: "https://www.site.example/contact",
      form_name: "contact",
      landing_page_url: v.landing_page_url,
      referring_url: v.referrer,
      form_data: { Name: "Jane Doe " + i, Email: `jane${i}@example.com`, Phone: "(404) 555-1111", Message: "Hi" },
      visitor: v,
    };
    forms.push([body.id, c.id, body.session_id, JSON.stringify(body), firstSeen[session] + 3 * 60e3]);
  }
  await insert(store, "form_submissions", ["id", "company_id", "session_id", "body", "created_at"], forms);
}
