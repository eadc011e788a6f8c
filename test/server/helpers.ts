// A server for integration tests: a fresh store (SQLite or PostgreSQL), a test company, a settable clock.
import { afterEach, inject } from "vitest";
import postgres from "postgres";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../server/app";
import { readCompany, type Company } from "../../server/companies";
import type { LimitOptions } from "../../server/limit";
import type { Param } from "../../server/store/sql";

export const TOKEN = "test-token";
export const AUTH = { Authorization: `Token token=${TOKEN}` };
export const S1 = "11111111-1111-4111-8111-111111111111";
export const S2 = "22222222-2222-4222-8222-222222222222";
export const S3 = "33333333-3333-4333-8333-333333333333";
export const S4 = "44444444-4444-4444-8444-444444444444";

export function company(over: Record<string, unknown> = {}): Company {
  return readCompany(
    JSON.parse(
      JSON.stringify({
        company_id: "COM1",
        account_id: "ACC1",
        site_origins: ["https://site.example"],
        swap_ppc_override: true,
        trackers: [
          {
            id: "SRC_ALL",
            type: "source",
            status: "active",
            destination_number: "+15553104554",
            tracking_numbers: ["+14045559999"],
            source: { type: "all" },
          },
          {
            id: "SRC_GADS",
            type: "source",
            status: "active",
            destination_number: "+15553104554",
            tracking_numbers: ["+14045557777"],
            source: { type: "search", search_engine: "google", search_type: "paid" },
          },
          {
            id: "POOL",
            type: "session",
            status: "active",
            destination_number: "+15553104554",
            tracking_numbers: ["+14045550001", "+14045550002", "+14045550003"],
            fallback_number: "+14045550000",
            source: "all",
          },
          {
            id: "SMALL",
            type: "session",
            status: "active",
            destination_number: "+15553104554",
            tracking_numbers: ["+14045550101"],
            source: { google: ["paid"] },
          },
          {
            id: "OFF",
            type: "session",
            status: "disabled",
            destination_number: "+15553104554",
            tracking_numbers: ["+14045550201"],
            source: "all",
          },
        ],
        ...over,
      }),
    ),
  );
}

/**
 * A place for a store: a temporary SQLite folder, or a fresh PostgreSQL database on the
 * suite's throwaway cluster when the suite runs against PostgreSQL (vitest.config.ts
 * projects; CALLTRK_TEST_STORE). Two servers given one place share one store.
 */
export interface Place {
  dataDir: string;
  databaseUrl?: string;
  remove: () => Promise<void>;
}

export const STORE = process.env.CALLTRK_TEST_STORE == "postgres" ? "postgres" : "sqlite";
let databases = 0;

export async function newPlace(): Promise<Place> {
  if (STORE == "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "calltrk-test-"));
    return { dataDir: dir, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = inject("pgUrl");
  const name = `t${process.pid}_${++databases}`;
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await sql.end();
  }
  return {
    dataDir: ":unused:",
    databaseUrl: admin.replace(/\/postgres$/, "/" + name),
    remove: async () => {
      const drop = postgres(admin, { max: 1, onnotice: () => {} });
      try {
        await drop.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await drop.end();
      }
    },
  };
}

export interface ServerOpts {
  place?: Place;
  idleSeconds?: number;
  companies?: Company[];
  rateLimit?: LimitOptions | null;
  trustProxy?: boolean;
  root?: string;
  demo?: boolean;
  /** The carrier's auth token (default: TWILIO_TOKEN). */
  twilioToken?: string | null;
  /** Webhook receivers on loopback (the tests' own). */
  allowPrivateWebhooks?: boolean;
  /** Form submissions per company in 24 hours; 0 (the default here): no quota. */
  formDailyQuota?: number;
  /** Live leases per client address; 0 (the default here, every request comes from one place): no cap. */
  leasesPerAddress?: number;
  leaseMaxSeconds?: number;
}

/** The carrier token and the public URL test servers run with (docs/telephony.md). */
export const TWILIO_TOKEN = "test-twilio-token";
export const PUBLIC_URL = "https://numbers.example";

/** A server on a fresh store (or `place`); `clock.t` is its time. */
export async function server(opts: ServerOpts = {}) {
  const place = opts.place || (await newPlace());
  const clock = { t: Date.parse("2026-11-22T10:00:00Z") };
  const made = await createApp({
    dataDir: place.dataDir,
    databaseUrl: place.databaseUrl,
    token: TOKEN,
    root: opts.root || process.cwd(),
    idleSeconds: opts.idleSeconds || 1800,
    companies: opts.companies || [company()],
    now: () => clock.t,
    version: "test",
    demo: opts.demo,
    publicUrl: PUBLIC_URL,
    twilioToken: opts.twilioToken === undefined ? TWILIO_TOKEN : opts.twilioToken,
    allowPrivateWebhooks: opts.allowPrivateWebhooks,
    // No rate limit unless a test asks: the fake clock stands still, so no bucket would refill.
    rateLimit: opts.rateLimit || null,
    trustProxy: opts.trustProxy,
    formDailyQuota: opts.formDailyQuota ?? 0,
    leasesPerAddress: "leasesPerAddress" in opts ? opts.leasesPerAddress : 0,
    leaseMaxSeconds: opts.leaseMaxSeconds ?? 0,
  });
  const req = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
    const headers = { "Content-Type": "text/plain", ...(init.headers as Record<string, string>) };
    return Promise.resolve(made.app.request(path, { ...init, body, headers }));
  };
  const claim = (session: string, trackers = ["POOL"], visitor: unknown = { source: "google", medium: "cpc" }) =>
    req("/v1/companies/COM1/sessions", {
      method: "POST",
      json: { session_id: session, tracker_ids: trackers, visitor, page_url: "https://site.example/" },
    }).then((r) => r.json() as Promise<{ numbers: Record<string, string>; exhausted: string[] }>);
  /** Rows of a statement on the server's store (the same SQL runs on both databases). */
  const query = <T = Record<string, unknown>>(text: string, params: Param[] = []) =>
    made.services.store.db.all<T>(text, params);
  /** How many rows a table holds. */
  const count = async (table: string) =>
    Number((await query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0].n);
  return {
    ...made,
    place,
    clock,
    req,
    claim,
    query,
    count,
    cleanup: async () => {
      await made.close();
      if (!opts.place) await place.remove();
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof server>>;

/**
 * For a test file: `make()` gives a server closed (and its store removed) after each test;
 * `sharedPlace()` a store removed after each test, for servers that share one.
 */
export function servers() {
  const after: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const f of after.splice(0)) await f();
  });
  return {
    async make(o: ServerOpts = {}) {
      const s = await server(o);
      after.unshift(s.cleanup); // servers close before their shared store goes
      return s;
    },
    async sharedPlace(): Promise<Place> {
      const p = await newPlace();
      after.push(p.remove);
      return p;
    },
  };
}
