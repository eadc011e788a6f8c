// The versioned schema of both stores. Each migration is applied once, in order, at start,
// under a lock (migrate.ts), and recorded in schema_migrations. Version 1 is the schema the
// first release created without recording it (every statement IF NOT EXISTS), so a file made
// by that release upgrades in place. New migrations go at the end; a released one never changes.
//
// One text serves both databases: `{id}` is an auto-increment primary key and `{int}` a 64-bit
// integer (times are milliseconds since 1970). JSON documents are TEXT in both.
import type { Dialect } from "./sql";

export interface Migration {
  version: number;
  name: string;
  /** Statements for both databases, separated by `;` at the end of a line. */
  both: string;
  /** Run after `both`, per database (data moves that need a dialect's functions). */
  sqlite?: string;
  postgres?: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "first release: companies, pools, leases with history, sessions, page views, forms, calls",
    both: `
CREATE TABLE IF NOT EXISTS companies (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL, config TEXT NOT NULL, updated_at {int} NOT NULL);
CREATE TABLE IF NOT EXISTS pool_numbers (
  company_id TEXT NOT NULL, tracker_id TEXT NOT NULL, number TEXT NOT NULL,
  leased INTEGER NOT NULL DEFAULT 0, released_at {int} NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, tracker_id, number));
CREATE INDEX IF NOT EXISTS pool_free ON pool_numbers (company_id, tracker_id, leased, released_at, number);
CREATE TABLE IF NOT EXISTS leases (
  id {id}, company_id TEXT NOT NULL, tracker_id TEXT NOT NULL, number TEXT NOT NULL,
  session_id TEXT NOT NULL, started_at {int} NOT NULL, last_seen_at {int} NOT NULL, ended_at {int});
CREATE UNIQUE INDEX IF NOT EXISTS one_live_lease_per_number ON leases (company_id, number) WHERE ended_at IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS one_live_lease_per_session ON leases (company_id, tracker_id, session_id) WHERE ended_at IS NULL;
CREATE INDEX IF NOT EXISTS leases_by_number ON leases (company_id, number, started_at);
CREATE INDEX IF NOT EXISTS leases_live ON leases (last_seen_at) WHERE ended_at IS NULL;
CREATE TABLE IF NOT EXISTS sessions (
  company_id TEXT NOT NULL, session_id TEXT NOT NULL, visitor TEXT, first_seen_at {int} NOT NULL,
  last_seen_at {int} NOT NULL, PRIMARY KEY (company_id, session_id));
CREATE TABLE IF NOT EXISTS page_views (
  id {id}, company_id TEXT NOT NULL, session_id TEXT NOT NULL, page_url TEXT,
  referrer_url TEXT, title TEXT, created_at {int} NOT NULL);
CREATE INDEX IF NOT EXISTS page_views_by_session ON page_views (company_id, session_id, created_at);
CREATE TABLE IF NOT EXISTS form_submissions (
  id TEXT NOT NULL, company_id TEXT NOT NULL, session_id TEXT, body TEXT NOT NULL, created_at {int} NOT NULL,
  PRIMARY KEY (company_id, id));
CREATE TABLE IF NOT EXISTS calls (
  id {id}, company_id TEXT NOT NULL, record TEXT NOT NULL, start_time {int} NOT NULL);
CREATE TABLE IF NOT EXISTS exhaustion (
  company_id TEXT NOT NULL, tracker_id TEXT NOT NULL, count {int} NOT NULL, PRIMARY KEY (company_id, tracker_id));
`,
  },
  {
    version: 2,
    name: "the caller of a call as a column (first_call without reading JSON); a revision counter for the company map",
    both: `
ALTER TABLE calls ADD COLUMN customer_phone_number TEXT;
CREATE INDEX calls_by_caller ON calls (company_id, customer_phone_number, id);
CREATE INDEX calls_by_time ON calls (start_time, id);
CREATE INDEX form_submissions_by_time ON form_submissions (created_at);
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);
CREATE INDEX page_views_by_time ON page_views (created_at);
CREATE TABLE revisions (name TEXT PRIMARY KEY, value {int} NOT NULL);
INSERT INTO revisions (name, value) VALUES ('companies', 1);
`,
    sqlite: `UPDATE calls SET customer_phone_number = json_extract(record, '$.customer_phone_number');`,
    postgres: `UPDATE calls SET customer_phone_number = record::json->>'customer_phone_number';`,
  },
  {
    version: 3,
    name: "exhaustion as events with their time: no counter row that every claim on a full pool waits for",
    both: `
CREATE TABLE pool_exhaustions (
  id {id}, company_id TEXT NOT NULL, tracker_id TEXT NOT NULL, at {int} NOT NULL);
CREATE INDEX pool_exhaustions_by_tracker ON pool_exhaustions (company_id, tracker_id, at);
CREATE INDEX pool_exhaustions_by_time ON pool_exhaustions (at);
`,
  },
  {
    version: 4,
    name: "the dashboard: a company's calls and leads by time, a session's leases and leads, dashboard logins",
    both: `
CREATE INDEX calls_by_company_time ON calls (company_id, start_time, id);
CREATE INDEX form_submissions_by_company_time ON form_submissions (company_id, created_at);
CREATE INDEX form_submissions_by_session ON form_submissions (company_id, session_id, created_at);
CREATE INDEX leases_by_session ON leases (company_id, session_id, started_at);
CREATE TABLE dashboard_logins (id TEXT PRIMARY KEY, created_at {int} NOT NULL, expires_at {int} NOT NULL);
`,
  },
];

/** The statements of one migration for one database, in order. */
export function statementsOf(m: Migration, dialect: Dialect): string[] {
  const types =
    dialect == "sqlite"
      ? { id: "INTEGER PRIMARY KEY", int: "INTEGER" }
      : { id: "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", int: "BIGINT" };
  const text = (m.both + "\n" + (m[dialect] || "")).replace(/\{(id|int)\}/g, (_, k: "id" | "int") => types[k]);
  return splitStatements(text);
}

/** Splits at a `;` that ends a line, except inside `$$ … $$` (function bodies). */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let current = "";
  let body = false;
  for (const line of text.split("\n")) {
    current += line + "\n";
    if ((line.match(/\$\$/g) || []).length % 2) body = !body;
    if (!body && /;\s*$/.test(line)) {
      out.push(current.trim().replace(/;$/, ""));
      current = "";
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
