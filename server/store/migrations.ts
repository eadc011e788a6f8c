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
    name: "PostgreSQL: a claim in one round trip (the rules of leases.ts as a function); pools vacuumed often",
    both: "",
    // The same steps as claimNumbers() in leases.ts, statement for statement: the session row,
    // the page that asked, then per tracker the live lease renewed, else the free number
    // released longest ago (SKIP LOCKED), else the tracker's idle leases ended and one more
    // try, else an exhaustion event. One statement from the server instead of seven: the
    // lease rate on PostgreSQL is bounded by round trips (docs/performance.md#the-lease-benchmark).
    postgres: `
CREATE OR REPLACE FUNCTION calltrk_take(c text, t text, s text, now bigint) RETURNS text LANGUAGE plpgsql AS $$
DECLARE n text;
BEGIN
  UPDATE pool_numbers SET leased = 1 WHERE company_id = c AND tracker_id = t AND number = (
    SELECT number FROM pool_numbers WHERE company_id = c AND tracker_id = t AND leased = 0
    ORDER BY released_at, number LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING number INTO n;
  IF n IS NULL THEN RETURN NULL; END IF;
  INSERT INTO leases (company_id, tracker_id, number, session_id, started_at, last_seen_at)
    VALUES (c, t, n, s, now, now) ON CONFLICT (company_id, tracker_id, session_id) WHERE ended_at IS NULL DO NOTHING;
  IF FOUND THEN RETURN n; END IF;
  -- Another process gave this session a lease of this tracker meanwhile: keep that one.
  UPDATE pool_numbers SET leased = 0 WHERE company_id = c AND tracker_id = t AND number = n;
  UPDATE leases SET last_seen_at = now WHERE company_id = c AND tracker_id = t AND session_id = s
    AND ended_at IS NULL RETURNING number INTO n;
  RETURN n;
END $$;
CREATE OR REPLACE FUNCTION calltrk_claim(c text, s text, visitor text, page_url text, title text,
    trackers text[], now bigint, idle bigint) RETURNS TABLE (tracker_id text, number text) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE t text; n text; ended int;
BEGIN
  INSERT INTO sessions (company_id, session_id, visitor, first_seen_at, last_seen_at) VALUES (c, s, visitor, now, now)
    ON CONFLICT (company_id, session_id) DO UPDATE SET visitor = COALESCE(excluded.visitor, sessions.visitor),
    last_seen_at = excluded.last_seen_at;
  IF page_url IS NOT NULL THEN
    INSERT INTO page_views (company_id, session_id, page_url, referrer_url, title, created_at)
      VALUES (c, s, page_url, NULL, title, now);
  END IF;
  FOREACH t IN ARRAY trackers LOOP
    UPDATE leases l SET last_seen_at = now WHERE l.company_id = c AND l.tracker_id = t AND l.session_id = s
      AND l.ended_at IS NULL RETURNING l.number INTO n;
    IF n IS NULL THEN n := calltrk_take(c, t, s, now); END IF;
    IF n IS NULL THEN
      WITH e AS (UPDATE leases l SET ended_at = l.last_seen_at + idle WHERE l.company_id = c AND l.tracker_id = t
          AND l.ended_at IS NULL AND l.last_seen_at < now - idle RETURNING l.number, l.ended_at)
        UPDATE pool_numbers p SET leased = 0, released_at = e.ended_at FROM e
        WHERE p.company_id = c AND p.tracker_id = t AND p.number = e.number;
      GET DIAGNOSTICS ended = ROW_COUNT;
      IF ended > 0 THEN n := calltrk_take(c, t, s, now); END IF;
    END IF;
    IF n IS NULL THEN
      INSERT INTO pool_exhaustions (company_id, tracker_id, at) VALUES (c, t, now);
    END IF;
    tracker_id := t;
    number := n;
    RETURN NEXT;
  END LOOP;
END $$;
ALTER TABLE pool_numbers SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000);
`,
  },
  {
    version: 5,
    name: "carrier calls and texts, tracking numbers owned once, outgoing webhooks",
    both: `
CREATE TABLE tracking_numbers (
  number TEXT PRIMARY KEY, company_id TEXT NOT NULL, tracker_id TEXT NOT NULL);
CREATE INDEX tracking_numbers_by_tracker ON tracking_numbers (company_id, tracker_id);
ALTER TABLE calls ADD COLUMN call_sid TEXT;
ALTER TABLE calls ADD COLUMN updated_at {int};
ALTER TABLE calls ADD COLUMN completed_at {int};
ALTER TABLE form_submissions ADD COLUMN device TEXT;
ALTER TABLE form_submissions ADD COLUMN browser TEXT;
ALTER TABLE form_submissions ADD COLUMN customer_email TEXT;
ALTER TABLE form_submissions ADD COLUMN customer_phone_number TEXT;
CREATE INDEX form_submissions_by_session ON form_submissions (company_id, session_id, created_at);
CREATE INDEX form_submissions_by_email ON form_submissions (company_id, customer_email, created_at);
CREATE INDEX form_submissions_by_phone ON form_submissions (company_id, customer_phone_number, created_at);
CREATE UNIQUE INDEX calls_by_sid ON calls (call_sid) WHERE call_sid IS NOT NULL;
CREATE TABLE webhook_deliveries (
  id {id}, company_id TEXT NOT NULL, integration_id TEXT NOT NULL, event TEXT NOT NULL, url TEXT NOT NULL,
  webhook_id TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, created_at {int} NOT NULL,
  next_at {int} NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL DEFAULT 'pending',
  locked_until {int} NOT NULL DEFAULT 0, last_status INTEGER, last_error TEXT, last_at {int}, delivered_at {int});
CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (webhook_id);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_at);
CREATE INDEX webhook_deliveries_by_integration ON webhook_deliveries (integration_id, id);
CREATE INDEX webhook_deliveries_by_subject ON webhook_deliveries (subject, event);
CREATE TABLE text_conversations (
  id TEXT PRIMARY KEY, company_id TEXT NOT NULL, customer_phone_number TEXT NOT NULL,
  tracking_phone_number TEXT NOT NULL, initial_tracker_id TEXT, current_tracker_id TEXT,
  created_at {int} NOT NULL, last_message_at {int} NOT NULL);
CREATE UNIQUE INDEX text_conversations_by_parties ON text_conversations (company_id, customer_phone_number, tracking_phone_number);
CREATE INDEX text_conversations_by_time ON text_conversations (company_id, last_message_at);
CREATE TABLE text_messages (
  id {id}, company_id TEXT NOT NULL, conversation_id TEXT NOT NULL, message_sid TEXT, direction TEXT NOT NULL,
  content TEXT NOT NULL, media TEXT, created_at {int} NOT NULL);
CREATE UNIQUE INDEX text_messages_by_sid ON text_messages (message_sid) WHERE message_sid IS NOT NULL;
CREATE INDEX text_messages_by_conversation ON text_messages (conversation_id, created_at);
`,
    // The numbers companies already stored show: who owns what, from their documents.
    sqlite: `
INSERT INTO tracking_numbers (number, company_id, tracker_id)
  SELECT n.value, c.id, json_extract(t.value, '$.id')
  FROM companies c, json_each(c.config, '$.trackers') t, json_each(t.value, '$.tracking_numbers') n
  WHERE COALESCE(json_extract(t.value, '$.status'), 'active') = 'active'
  ON CONFLICT (number) DO NOTHING;
`,
    postgres: `
INSERT INTO tracking_numbers (number, company_id, tracker_id)
  SELECT n, c.id, t->>'id'
  FROM companies c, json_array_elements(c.config::json->'trackers') t, json_array_elements_text(t->'tracking_numbers') n
  WHERE COALESCE(t->>'status', 'active') = 'active'
  ON CONFLICT (number) DO NOTHING;
`,
  },
  {
    version: 6,
    name: "form submissions by company and time: the daily quota counts one company's last 24 hours",
    both: `
CREATE INDEX form_submissions_by_company_time ON form_submissions (company_id, created_at);
`,
  },
  {
    version: 7,
    name: "leases per client (a keyed hash of the address group, while the lease lives) and a longest lease without a call",
    both: `
ALTER TABLE leases ADD COLUMN client_key TEXT;
CREATE INDEX leases_by_client ON leases (company_id, client_key) WHERE ended_at IS NULL;
ALTER TABLE calls ADD COLUMN tracking_phone_number TEXT;
CREATE INDEX calls_by_tracking_number ON calls (company_id, tracking_phone_number, start_time);
CREATE INDEX leases_by_start ON leases (started_at) WHERE ended_at IS NULL;
`,
    sqlite: `UPDATE calls SET tracking_phone_number = json_extract(record, '$.tracking_phone_number');`,
    // The claim of version 4, with the per-client cap: the same steps as claimNumbers() in leases.ts.
    postgres: `
UPDATE calls SET tracking_phone_number = record::json->>'tracking_phone_number';
DROP FUNCTION calltrk_claim(text, text, text, text, text, text[], bigint, bigint);
DROP FUNCTION calltrk_take(text, text, text, bigint);
CREATE FUNCTION calltrk_take(c text, t text, s text, now bigint, client text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE n text;
BEGIN
  UPDATE pool_numbers SET leased = 1 WHERE company_id = c AND tracker_id = t AND number = (
    SELECT number FROM pool_numbers WHERE company_id = c AND tracker_id = t AND leased = 0
    ORDER BY released_at, number LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING number INTO n;
  IF n IS NULL THEN RETURN NULL; END IF;
  INSERT INTO leases (company_id, tracker_id, number, session_id, started_at, last_seen_at, client_key)
    VALUES (c, t, n, s, now, now, client) ON CONFLICT (company_id, tracker_id, session_id) WHERE ended_at IS NULL DO NOTHING;
  IF FOUND THEN RETURN n; END IF;
  -- Another process gave this session a lease of this tracker meanwhile: keep that one.
  UPDATE pool_numbers SET leased = 0 WHERE company_id = c AND tracker_id = t AND number = n;
  UPDATE leases SET last_seen_at = now WHERE company_id = c AND tracker_id = t AND session_id = s
    AND ended_at IS NULL RETURNING number INTO n;
  RETURN n;
END $$;
CREATE FUNCTION calltrk_claim(c text, s text, visitor text, page_url text, title text,
    trackers text[], now bigint, idle bigint, client text, cap int)
    RETURNS TABLE (tracker_id text, number text, capped boolean) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE t text; n text; ended int; held int; over boolean;
BEGIN
  INSERT INTO sessions (company_id, session_id, visitor, first_seen_at, last_seen_at) VALUES (c, s, visitor, now, now)
    ON CONFLICT (company_id, session_id) DO UPDATE SET visitor = COALESCE(excluded.visitor, sessions.visitor),
    last_seen_at = excluded.last_seen_at;
  IF page_url IS NOT NULL THEN
    INSERT INTO page_views (company_id, session_id, page_url, referrer_url, title, created_at)
      VALUES (c, s, page_url, NULL, title, now);
  END IF;
  FOREACH t IN ARRAY trackers LOOP
    over := false;
    UPDATE leases l SET last_seen_at = now WHERE l.company_id = c AND l.tracker_id = t AND l.session_id = s
      AND l.ended_at IS NULL RETURNING l.number INTO n;
    IF n IS NULL AND cap > 0 AND client IS NOT NULL THEN
      SELECT count(*) INTO held FROM leases l WHERE l.company_id = c AND l.client_key = client
        AND l.ended_at IS NULL AND l.last_seen_at >= now - idle;
      over := held >= cap;
    END IF;
    IF n IS NULL AND NOT over THEN n := calltrk_take(c, t, s, now, client); END IF;
    IF n IS NULL AND NOT over THEN
      WITH e AS (UPDATE leases l SET ended_at = l.last_seen_at + idle, client_key = NULL WHERE l.company_id = c
          AND l.tracker_id = t AND l.ended_at IS NULL AND l.last_seen_at < now - idle RETURNING l.number, l.ended_at)
        UPDATE pool_numbers p SET leased = 0, released_at = e.ended_at FROM e
        WHERE p.company_id = c AND p.tracker_id = t AND p.number = e.number;
      GET DIAGNOSTICS ended = ROW_COUNT;
      IF ended > 0 THEN n := calltrk_take(c, t, s, now, client); END IF;
      IF n IS NULL THEN
        INSERT INTO pool_exhaustions (company_id, tracker_id, at) VALUES (c, t, now);
      END IF;
    END IF;
    tracker_id := t;
    number := n;
    capped := over;
    RETURN NEXT;
  END LOOP;
END $$;
`,
  },
  {
    version: 8,
    name: "the dashboard: a company's calls by time, a session's leases (also every page view's renewal), dashboard logins",
    both: `
CREATE INDEX calls_by_company_time ON calls (company_id, start_time, id);
CREATE INDEX leases_by_session ON leases (company_id, session_id, started_at);
CREATE TABLE dashboard_logins (id TEXT PRIMARY KEY, created_at {int} NOT NULL, expires_at {int} NOT NULL);
`,
  },
  {
    version: 9,
    name: "calls whose tracking number column was left empty on insert: filled from the record (a called number keeps its lease)",
    both: "",
    sqlite: `UPDATE calls SET tracking_phone_number = json_extract(record, '$.tracking_phone_number') WHERE tracking_phone_number IS NULL;`,
    postgres: `UPDATE calls SET tracking_phone_number = record::json->>'tracking_phone_number' WHERE tracking_phone_number IS NULL;`,
  },
  {
    version: 10,
    name: "the per-client index only for leases that have a client: PostgreSQL no longer renews a session's lease through it",
    both: `
DROP INDEX leases_by_client;
CREATE INDEX leases_by_client ON leases (company_id, client_key) WHERE ended_at IS NULL AND client_key IS NOT NULL;
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
