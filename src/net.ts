// One way to send to the number server (docs/protocol.md#5-server-endpoints-used-by-the-bundle): JSON as `text/plain`, so that no
// CORS preflight is needed, no cookies (credentials: "omit"), and a time limit. Resolves
// with the HTTP status and parsed body, or status 0 on a network failure or timeout; it
// never rejects.
import { toJson } from "./safe";

export interface Reply {
  status: number;
  body: unknown;
}

export const NET_TIMEOUT_MS = 5000;

/** A 2xx: the server took it (docs/protocol.md#5-server-endpoints-used-by-the-bundle: anything else means "no numbers" / not delivered). */
export const ok = (status: number) => status >= 200 && status < 300;

export function post(url: string, body: unknown, keepalive = false, timeout = NET_TIMEOUT_MS): Promise<Reply> {
  return new Promise<Reply>((resolve) => {
    setTimeout(resolve, timeout, { status: 0, body: null });
    fetch(url, {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: toJson(body),
      credentials: "omit",
      keepalive,
    })
      .then((r) =>
        r.text().then((t) => {
          let b: unknown = null;
          try {
            b = t ? JSON.parse(t) : null;
          } catch {
            // a 2xx without JSON: the status still counts
          }
          resolve({ status: r.status, body: b });
        }),
      )
      .catch(() => resolve({ status: 0, body: null }));
  }).catch(() => ({ status: 0, body: null }));
}

/** The server's reason from an `{"error": "…"}` answer (docs/protocol.md#6-errors), else undefined. */
export function reason(r: Reply): string | undefined {
  const e = r.body && typeof r.body == "object" ? (r.body as { error?: unknown }).error : undefined;
  return typeof e == "string" && e ? e.slice(0, 200) : undefined;
}
