// The dashboard's logins (docs/dashboard.md#signing-in): one row per signed-in browser, kept
// until it expires or logs out, so that a login works across processes and ends on logout.
import type { Sql } from "./sql";

/** A dashboard login: `id` is the keyed hash of the cookie's value, never the value itself. */
export async function addLogin(sql: Sql, id: string, now: number, expires: number): Promise<void> {
  await sql.run("DELETE FROM dashboard_logins WHERE expires_at <= ?", [now]);
  await sql.run("INSERT INTO dashboard_logins (id, created_at, expires_at) VALUES (?, ?, ?)", [id, now, expires]);
}

export async function loginValid(sql: Sql, id: string, now: number): Promise<boolean> {
  return !!(await sql.get("SELECT 1 AS x FROM dashboard_logins WHERE id = ? AND expires_at > ?", [id, now]));
}

export function endLogin(sql: Sql, id: string): Promise<number> {
  return sql.run("DELETE FROM dashboard_logins WHERE id = ?", [id]);
}
