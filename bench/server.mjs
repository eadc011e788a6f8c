// Starts the built number server (dist/server.mjs) for a bench, as its own process on loopback.
// One client makes all of a bench's requests, so the per-client limits are off unless `env`
// says otherwise: the rate limit, the live leases per address and the connections per address
// (docs/security.md).
import { spawn } from "node:child_process";
import { createServer } from "node:net";

/** A port nothing listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.once("error", reject);
  });
}

/**
 * `args`: the server's arguments (company files, `--demo`); `env`: settings over the bench's;
 * `port`: a fixed one (else a free one); `nodeArgs`: before the script (`--cpu-prof`).
 * Resolves once the server says it listens: its port, base URL and a stop function.
 */
export async function startServer({ args, env = {}, port, nodeArgs = [] }) {
  const listen = port || (await freePort());
  const child = spawn(process.execPath, [...nodeArgs, "dist/server.mjs", ...args], {
    env: {
      ...process.env,
      PORT: String(listen),
      CALLTRK_API_TOKEN: "bench",
      RATE_LIMIT_PER_MINUTE: "0",
      LEASES_PER_ADDRESS: "0",
      MAX_CONNECTIONS_PER_ADDRESS: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => String(d).includes("CallTrk server") && resolve());
    child.once("exit", (code) => reject(new Error("server exited with " + code)));
  });
  return { port: listen, base: `http://127.0.0.1:${listen}`, stop: () => child.kill() };
}
