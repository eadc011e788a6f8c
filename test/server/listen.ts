// A server app on a real loopback socket (a free port), for tests that need one: the peer
// address, streamed bodies, the soak. No vitest import, so bench/soak.mjs can bundle it.
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";

export async function listen(
  fetch: Parameters<typeof serve>[0]["fetch"],
): Promise<{ base: string; close: () => void }> {
  const http = serve({ fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((r) => http.once("listening", r));
  return { base: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, close: () => http.close() };
}
