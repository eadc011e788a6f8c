// A real server process (`node dist/server.mjs`, built by `npm run build`) on a free loopback
// port, for tests of several processes and of kill -9. No vitest import.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "./pgCluster";

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  kill: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** Writes a company file into `dir` and returns its path. */
export function companyFile(dir: string, company: unknown, name = "company.json"): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(company));
  return path;
}

export async function startServerProcess(env: Record<string, string>, args: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["dist/server.mjs", ...args], {
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(port),
      CALLTRK_API_TOKEN: "test-token",
      // Signatures are over the URL the test calls.
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      RATE_LIMIT_PER_MINUTE: "0",
      // Every request of these tests comes from one address.
      LEASES_PER_ADDRESS: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout!.on("data", (d) => (text += d));
  child.stderr!.on("data", (d) => (text += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start:\n" + text)), 20000);
    const check = () => {
      if (text.includes("CallTrk server")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error("server exited at start:\n" + text));
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    output: () => text,
    exited,
    kill: (signal = "SIGTERM") => {
      if (child.exitCode == null && child.signalCode == null) child.kill(signal);
      return exited;
    },
  };
}
