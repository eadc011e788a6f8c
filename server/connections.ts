// What the Node HTTP server allows one client (docs/security.md#timeouts-and-connections):
// time limits for a request's headers and for the whole request, how long an idle keep-alive
// connection stays open, and how many connections one address may hold at once. Node's own
// defaults let a body stall for 300 seconds and any number of connections stay open, so a few
// hundred slow or idle sockets would take the process's file descriptors from everyone.
import type { IncomingMessage, Server, ServerOptions } from "node:http";
import type { Socket } from "node:net";

export interface ConnectionLimits {
  /** The request line and headers must arrive within this, ms (Node: headersTimeout). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this, ms (Node: requestTimeout). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this, ms (Node: keepAliveTimeout). */
  keepAliveTimeoutMs: number;
  /** Connections open at once from one address; 0: no cap. */
  maxPerAddress: number;
  /** How often Node checks the two request time limits, ms (default 1000). */
  checkEveryMs?: number;
}

/** 10 s for headers, 30 s for a request of at most 64 KB, 5 s idle keep-alive, 100 connections per address. */
export const DEFAULT_CONNECTIONS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxPerAddress: 100,
};

const seconds = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw == null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a number of seconds above 0`);
  return Math.round(n * 1000);
};

/**
 * The limits from the environment (HEADERS_TIMEOUT_SECONDS, REQUEST_TIMEOUT_SECONDS,
 * KEEP_ALIVE_TIMEOUT_SECONDS, MAX_CONNECTIONS_PER_ADDRESS). Behind a reverse proxy
 * (`trustProxy`) every connection comes from the proxy, so the per-address cap is off unless
 * set: it would then cap the proxy's connections, and the proxy limits each client itself.
 */
export function connectionLimits(env: NodeJS.ProcessEnv, trustProxy: boolean): ConnectionLimits {
  const d = DEFAULT_CONNECTIONS;
  const l: ConnectionLimits = {
    headersTimeoutMs: seconds(env, "HEADERS_TIMEOUT_SECONDS", d.headersTimeoutMs),
    requestTimeoutMs: seconds(env, "REQUEST_TIMEOUT_SECONDS", d.requestTimeoutMs),
    keepAliveTimeoutMs: seconds(env, "KEEP_ALIVE_TIMEOUT_SECONDS", d.keepAliveTimeoutMs),
    maxPerAddress: trustProxy ? 0 : d.maxPerAddress,
  };
  const cap = env.MAX_CONNECTIONS_PER_ADDRESS;
  if (cap != null && cap !== "") {
    l.maxPerAddress = Number(cap);
    if (!Number.isInteger(l.maxPerAddress) || l.maxPerAddress < 0)
      throw new Error("MAX_CONNECTIONS_PER_ADDRESS must be a whole number (0: no cap)");
  }
  // Node refuses a headers limit above the request limit.
  if (l.headersTimeoutMs > l.requestTimeoutMs)
    throw new Error("HEADERS_TIMEOUT_SECONDS must not be above REQUEST_TIMEOUT_SECONDS");
  return l;
}

/** Options for http.createServer (`serve({ serverOptions })`): the request time limits. */
export function serverOptions(l: ConnectionLimits): ServerOptions {
  return {
    headersTimeout: l.headersTimeoutMs,
    requestTimeout: l.requestTimeoutMs,
    keepAliveTimeout: l.keepAliveTimeoutMs,
    // Node checks both limits on a timer (30 s by default), so a stalled request would live up to 30 s past its limit.
    connectionsCheckingInterval: l.checkEveryMs ?? 1000,
  };
}

/**
 * Sets the keep-alive limit, closes a connection whose first request has not arrived within
 * the headers limit (Node's headersTimeout only runs once a request has begun: a socket that
 * sends nothing would stay open for ever), and caps the connections one address holds open:
 * past the cap a new connection from that address is closed at once, before it is read; the
 * others, and every other address, go on. Counted on `connection` and `close`. Returns how
 * many addresses hold connections now.
 */
export function limitConnections(server: Server, l: ConnectionLimits): () => number {
  server.keepAliveTimeout = l.keepAliveTimeoutMs;
  const open = new Map<string, number>();
  const waiting = new WeakMap<Socket, NodeJS.Timeout>();
  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress || "";
    const n = (open.get(address) || 0) + 1;
    if (l.maxPerAddress > 0 && n > l.maxPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, n);
    const silent = setTimeout(() => socket.destroy(), l.headersTimeoutMs);
    waiting.set(socket, silent);
    socket.once("close", () => {
      clearTimeout(silent);
      const left = open.get(address)! - 1;
      if (left) open.set(address, left);
      else open.delete(address);
    });
  });
  server.on("request", (req: IncomingMessage) => {
    const silent = waiting.get(req.socket);
    if (silent) {
      clearTimeout(silent);
      waiting.delete(req.socket);
    }
  });
  return () => open.size;
}
