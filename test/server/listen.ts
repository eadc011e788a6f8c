// A server app on a real loopback socket (a free port), for tests that need one: the peer
// address, streamed bodies, time limits and connection caps, the soak. No vitest import, so
// bench/soak.mjs can bundle it.
import { serve } from "@hono/node-server";
import type { Server, ServerOptions } from "node:http";
import type { AddressInfo } from "node:net";

export async function listen(
  fetch: Parameters<typeof serve>[0]["fetch"],
  serverOptions: ServerOptions = {},
): Promise<{ base: string; port: number; server: Server; close: () => void }> {
  const http = serve({ fetch, hostname: "127.0.0.1", port: 0, serverOptions }) as Server;
  await new Promise((r) => http.once("listening", r));
  const port = (http.address() as AddressInfo).port;
  return { base: `http://127.0.0.1:${port}`, port, server: http, close: () => http.close() };
}
