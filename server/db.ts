// The store: one embedded SQLite file (better-sqlite3). Synchronous calls make each
// transaction atomic within the process; the unique indexes below make a double lease
// impossible even if two processes shared the file. See README "Moving to Postgres".
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS companies (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL, config TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS pool_numbers (
  company_id TEXT NOT NULL, tracker_id TEXT NOT NULL, number TEXT NOT NULL,
  leased INTEGER NOT NULL DEFAULT 0, released_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, tracker_id, number));
-- The next free number in one index seek: free first, least recently released first.
CREATE INDEX IF NOT EXISTS pool_free ON pool_numbers (company_id, tracker_id, leased, released_at, number);
-- The lease history: ended_at NULL while the lease lives.
CREATE TABLE IF NOT EXISTS leases (
  id INTEGER PRIMARY KEY, company_id TEXT NOT NULL, tracker_id TEXT NOT NULL, number TEXT NOT NULL,
  session_id TEXT NOT NULL, started_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL, ended_at INTEGER);
CREATE UNIQUE INDEX IF NOT EXISTS one_live_lease_per_number ON leases (company_id, number) WHERE ended_at IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS one_live_lease_per_session ON leases (company_id, tracker_id, session_id) WHERE ended_at IS NULL;
CREATE INDEX IF NOT EXISTS leases_by_number ON leases (company_id, number, started_at);
CREATE INDEX IF NOT EXISTS leases_live ON leases (last_seen_at) WHERE ended_at IS NULL;
CREATE TABLE IF NOT EXISTS sessions (
  company_id TEXT NOT NULL, session_id TEXT NOT NULL, visitor TEXT, first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL, PRIMARY KEY (company_id, session_id));
CREATE TABLE IF NOT EXISTS page_views (
  id INTEGER PRIMARY KEY, company_id TEXT NOT NULL, session_id TEXT NOT NULL, page_url TEXT,
  referrer_url TEXT, title TEXT, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS page_views_by_session ON page_views (company_id, session_id, created_at);
CREATE TABLE IF NOT EXISTS form_submissions (
  id TEXT NOT NULL, company_id TEXT NOT NULL, session_id TEXT, body TEXT NOT NULL, created_at INTEGER NOT NULL,
  PRIMARY KEY (company_id, id));
CREATE TABLE IF NOT EXISTS calls (
  id INTEGER PRIMARY KEY, company_id TEXT NOT NULL, record TEXT NOT NULL, start_time INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS exhaustion (
  company_id TEXT NOT NULL, tracker_id TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (company_id, tracker_id));
`;

/** Opens (creating when needed) `calltrk.sqlite` under `dir`, or an in-memory store for ":memory:". */
export function openDb(dir: string): Db {
  let file = dir;
  if (dir != ":memory:") {
    mkdirSync(dir, { recursive: true });
    file = join(dir, "calltrk.sqlite");
  }
  const db = new Database(file);
  // WAL: readers (dashboard, read API) never block the lease writer; NORMAL is durable
  // across process crashes, which is what a restart needs (sqlite.org/wal.html).
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);
  return db;
}
