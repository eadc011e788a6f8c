// A throwaway PostgreSQL cluster for tests and benches: `initdb` in a temporary folder, a
// server on a free loopback port, removed by stop(). As root the binaries run as the
// `postgres` user (PostgreSQL refuses to run as root). No vitest import, so the benches
// can bundle it. If PostgreSQL cannot be started this throws: a test never skips silently.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PgCluster {
  /** postgres://… of the cluster's `postgres` database. */
  url: string;
  port: number;
  /** A new empty database on the cluster; its URL. */
  database(name: string): string;
  /** Stops the server (fast shutdown); the folder stays, so start() brings it back with its data. */
  pause(): Promise<void>;
  /** Starts the server again on the same port. */
  resume(): Promise<void>;
  /** Stops the server and removes the folder. */
  stop(): Promise<void>;
}

/** The folder of the PostgreSQL binaries: PG_BIN, else the newest /usr/lib/postgresql/<v>/bin. */
export function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, "bin/initdb"))) return join(root, v, "bin");
  throw new Error("PostgreSQL not found: install Debian's postgresql (bash .ci/run does) or set PG_BIN");
}

const root = typeof process.getuid == "function" && process.getuid() == 0;

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
function command(bin: string, args: string[]): [string, string[]] {
  return root ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(bin: string, port: number, server: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (server.exitCode != null) throw new Error("PostgreSQL exited at start:\n" + log());
    try {
      execFileSync(join(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", String(port), "-q"]);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error("PostgreSQL did not become ready:\n" + log());
}

/** Starts a fresh cluster. `settings` are extra `-c name=value` server settings. */
export async function startPostgres(settings: Record<string, string> = {}): Promise<PgCluster> {
  const bin = pgBin();
  const dir = mkdtempSync(join(tmpdir(), "calltrk-pg-"));
  chmodSync(dir, 0o700);
  if (root) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  const [initCmd, initArgs] = command(join(bin, "initdb"), [
    "-D",
    data,
    "-U",
    "postgres",
    "--auth=trust",
    "--no-sync",
    "-E",
    "UTF8",
    "--locale=C",
  ]);
  execFileSync(initCmd, initArgs, { stdio: "pipe" });
  const port = await freePort();
  let server: ChildProcess | null = null;
  let output = "";
  const args = [
    "-D",
    data,
    "-p",
    String(port),
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
    "-c",
    "max_connections=200",
    "-c",
    "shared_buffers=64MB",
    ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`]),
  ];
  async function start(): Promise<void> {
    const [cmd, argv] = command(join(bin, "postgres"), args);
    output = "";
    server = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"] });
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    await waitReady(bin, port, server, () => output);
  }
  async function halt(): Promise<void> {
    const s = server;
    server = null;
    if (!s || s.exitCode != null) return;
    await new Promise<void>((resolve) => {
      s.once("exit", () => resolve());
      // Fast shutdown (disconnects clients, then stops), signalled to the postmaster itself:
      // runuser, which started it as the postgres user, does not pass signals on.
      const pid = Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
      process.kill(pid, "SIGINT");
    });
  }
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const psql = (sql: string) => {
    const [cmd, argv] = command(join(bin, "psql"), [
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
      "-U",
      "postgres",
      "-qc",
      sql,
    ]);
    execFileSync(cmd, argv, { stdio: "pipe" });
  };
  return {
    url,
    port,
    database(name) {
      psql(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
      return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
    pause: halt,
    resume: start,
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
