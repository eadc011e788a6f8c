// The PostgreSQL store, chosen when DATABASE_URL is set: any number of server processes may
// share one database (docs/protocol.md#10-stores). Client: postgres.js, chosen by measurement
// (docs/operations.md#postgresql). Every statement has a server-side time limit, every
// connection a connect time limit, and a database that is down or too slow surfaces as
// StoreUnavailable (a 503), never as a hang or a crash; the pool reconnects by itself on the
// next query once the database is back.
import postgres from "postgres";
import { StoreUnavailable, lockKey, type Db, type Param, type Sql } from "./sql";

export interface PostgresOptions {
  /** Connections per process (default 10). */
  max?: number;
  /** Server-side limit for one statement, ms (default 5000). */
  statementTimeoutMs?: number;
  /** Limit for opening a connection, s (default 2). */
  connectTimeoutS?: number;
}

/** `?` placeholders → `$1…$n` (our statements hold no `?` inside string literals or comments). */
const converted = new Map<string, string>();
function numbered(text: string): string {
  let out = converted.get(text);
  if (out == null) {
    let n = 0;
    let quoted = false;
    out = "";
    for (const ch of text) {
      if (ch == "'") quoted = !quoted;
      out += ch == "?" && !quoted ? "$" + ++n : ch;
    }
    converted.set(text, out);
  }
  return out;
}

/** PostgreSQL error classes that mean "not now" (connection, shutdown, limits, timeouts). */
const UNAVAILABLE_CODES = /^(08|53|57P0|57014|55P03|40001|40P01)/;
const UNAVAILABLE_ERRNOS = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|ENOTFOUND|EAI_AGAIN)$/;

function unavailable(e: unknown): unknown {
  const code = String((e as { code?: unknown })?.code ?? "");
  if (UNAVAILABLE_CODES.test(code) || UNAVAILABLE_ERRNOS.test(code) || /^CONNECT|^CONNECTION_/.test(code))
    return new StoreUnavailable(e);
  return e;
}

type Client = postgres.Sql | postgres.TransactionSql;

function view(client: Client): Sql {
  const query = <T>(text: string, params: Param[]) =>
    client.unsafe(numbered(text), params as postgres.ParameterOrJSON<never>[], { prepare: true }).then(
      (rows) => rows as unknown as T[] & { count: number },
      (e) => Promise.reject(unavailable(e)),
    );
  return {
    dialect: "postgres",
    all: <T>(text: string, params: Param[] = []) => query<T>(text, params).then((rows) => Array.from(rows)),
    get: <T>(text: string, params: Param[] = []) => query<T>(text, params).then((rows) => rows[0] as T | undefined),
    run: (text: string, params: Param[] = []) => query(text, params).then((rows) => rows.count),
  };
}

/** The URL without its password, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}

export function openPostgres(url: string, o: PostgresOptions = {}): Db & { client: postgres.Sql } {
  const client = postgres(url, {
    max: o.max ?? 10,
    connect_timeout: o.connectTimeoutS ?? 2,
    idle_timeout: 60,
    max_lifetime: 30 * 60,
    onnotice: () => {},
    connection: {
      application_name: "calltrk",
      statement_timeout: o.statementTimeoutMs ?? 5000,
      lock_timeout: 2000,
      idle_in_transaction_session_timeout: 30000,
    },
    // bigint columns (times in ms, counts) as numbers: they stay far below 2^53.
    types: {
      bigint: { to: 20, from: [20], parse: (x: string) => Number(x), serialize: (x: number) => String(x) },
    } as never,
  });
  const base = view(client);
  return {
    ...base,
    client,
    tx: <T>(fn: (sql: Sql) => Promise<T>) =>
      client.begin((t) => fn(view(t))).catch((e) => Promise.reject(unavailable(e))) as Promise<T>,
    exclusive: <T>(job: string, fn: (sql: Sql) => Promise<T>) =>
      client
        .begin(async (t) => {
          const [lock] = await t.unsafe("SELECT pg_try_advisory_xact_lock($1) AS ok", [lockKey(job)]);
          return lock.ok ? fn(view(t)) : undefined;
        })
        .catch((e) => Promise.reject(unavailable(e))) as Promise<T | undefined>,
    close: () => client.end({ timeout: 5 }),
  };
}
