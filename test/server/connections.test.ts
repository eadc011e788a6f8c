// @vitest-environment node
// Slow and greedy clients over real sockets (docs/security.md#timeouts-and-connections): a body
// that stalls is cut off at the request time limit, a connection that never sends its headers
// at the headers limit, one address holds at most its cap of connections while others are
// served, and a client that goes away mid-body costs no 5xx and no log line.
import { afterEach, describe, expect, it, vi } from "vitest";
import { spawn } from "node:child_process";
import { connect, createServer, type AddressInfo } from "node:net";
import {
  connectionLimits,
  DEFAULT_CONNECTIONS,
  limitConnections,
  serverOptions,
  type ConnectionLimits,
} from "../../server/connections";
import { servers, S1 } from "./helpers";
import { listen } from "./listen";

const { make } = servers();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** True when `p` settles within `ms`. */
const within = (p: Promise<unknown>, ms: number) => Promise.race([p.then(() => true), sleep(ms).then(() => false)]);

const STALLED =
  "POST /v1/companies/COM1/form_submissions HTTP/1.1\r\nHost: numbers.example\r\nContent-Type: text/plain\r\n" +
  'Content-Length: 1000\r\n\r\n{"id":';
const HEALTH = "GET /health HTTP/1.1\r\nHost: numbers.example\r\n\r\n";

/** A raw TCP client: what it received, and promises for connect and close. */
function client(port: number, localAddress?: string) {
  const sock = connect({ port, host: "127.0.0.1", localAddress });
  let text = "";
  sock.on("data", (d) => (text += d));
  sock.on("error", () => {});
  const closed = new Promise<void>((r) => sock.once("close", () => r()));
  const connected = new Promise<void>((r) => sock.once("connect", () => r()));
  return { sock, closed, connected, text: () => text };
}

/** A client holding an idle keep-alive connection: it made one request and got its answer. */
async function idle(port: number, localAddress?: string) {
  const c = client(port, localAddress);
  c.sock.write(HEALTH);
  await vi.waitFor(() => expect(c.text()).toContain('"ok":true'), { timeout: 3000 });
  return c;
}

const opened: Array<() => void> = [];
afterEach(() => opened.splice(0).forEach((f) => f()));

async function serve(fetch: Parameters<typeof listen>[0], limits: Partial<ConnectionLimits> = {}) {
  const l = { ...DEFAULT_CONNECTIONS, checkEveryMs: 100, ...limits };
  const http = await listen(fetch, serverOptions(l));
  limitConnections(http.server, l);
  opened.push(() => {
    http.server.closeAllConnections();
    http.close();
  });
  return http;
}

describe("time limits", () => {
  it("a client that sends its headers and then stalls its body is cut off with 408 after the request limit", async () => {
    const s = await make();
    const http = await serve(s.app.fetch, { headersTimeoutMs: 500, requestTimeoutMs: 1000 });
    const c = client(http.port);
    c.sock.write(STALLED);
    const start = Date.now();
    expect(await within(c.closed, 5000)).toBe(true);
    expect(Date.now() - start).toBeGreaterThanOrEqual(900); // cut by the limit, not at once
    expect(c.text()).toMatch(/^HTTP\/1\.1 408 /);
    expect(await s.count("form_submissions")).toBe(0);
  });

  it.each([
    ["sends nothing", ""],
    ["never finishes its headers", "GET /health HTTP/1.1\r\nHost: x\r\n"],
  ])("a connection that %s is closed after the headers limit", async (_, sent) => {
    const s = await make();
    const http = await serve(s.app.fetch, { headersTimeoutMs: 500, requestTimeoutMs: 1000 });
    const c = client(http.port);
    await c.connected;
    if (sent) c.sock.write(sent);
    const start = Date.now();
    expect(await within(c.closed, 5000)).toBe(true);
    expect(Date.now() - start).toBeGreaterThanOrEqual(400);
  });

  it("an idle keep-alive connection is closed after the keep-alive limit", async () => {
    const s = await make();
    const http = await serve(s.app.fetch, { keepAliveTimeoutMs: 300 });
    const c = await idle(http.port);
    expect(await within(c.closed, 3000)).toBe(true);
  });

  it("a body slower than the bundle's deadline is a 408 (which the bundle retries), not a 503", async () => {
    const s = await make();
    const body = new ReadableStream({ start: (ctrl) => ctrl.enqueue(new TextEncoder().encode('{"id":')) });
    const r = await s.req("/v1/companies/COM1/form_submissions", {
      method: "POST",
      body,
      duplex: "half",
    } as RequestInit);
    expect([r.status, await r.json()]).toEqual([408, { error: "request body not received in time" }]);
  });
});

describe("connections per address", () => {
  it("past the cap a new connection from that address is refused, other addresses are served, and a closed one frees its place", async () => {
    const s = await make();
    const http = await serve(s.app.fetch, { maxPerAddress: 3 });
    const held = [await idle(http.port), await idle(http.port), await idle(http.port)];
    const refused = client(http.port);
    refused.sock.write(HEALTH);
    expect(await within(refused.closed, 3000)).toBe(true);
    expect(refused.text()).toBe("");
    const other = await idle(http.port, "127.0.0.2"); // another address on the loopback network
    expect(other.text()).toMatch(/^HTTP\/1\.1 200 /);
    held[0].sock.destroy();
    await held[0].closed;
    await vi.waitFor(() => idle(http.port), { timeout: 3000 }); // once the server saw the close
    held.slice(1).forEach((c) => expect(c.sock.destroyed).toBe(false)); // the others were never touched
  });
});

describe("a client that goes away mid-body", () => {
  it("costs no 5xx and no log line", async () => {
    const s = await make();
    const statuses: number[] = [];
    const http = await serve(async (req, env) => {
      const r = await s.app.fetch(req, env);
      statuses.push(r.status);
      return r;
    });
    const logged = ["error", "warn", "info", "log"].map((m) =>
      vi.spyOn(console, m as "error").mockImplementation(() => {}),
    );
    const c = client(http.port);
    c.sock.write(STALLED.replace("form_submissions", "sessions") + `"${S1}"`);
    await sleep(200); // the server is reading the body
    c.sock.destroy();
    await vi.waitFor(() => expect(statuses).toHaveLength(1), { timeout: 4000 });
    expect(statuses[0]).toBeLessThan(500);
    await sleep(200);
    expect(logged.flatMap((l) => l.mock.calls)).toEqual([]);
    expect(await s.count("sessions")).toBe(0);
  });
});

describe("settings", () => {
  it.each([
    [{}, false, DEFAULT_CONNECTIONS],
    [{}, true, { ...DEFAULT_CONNECTIONS, maxPerAddress: 0 }],
    [{ MAX_CONNECTIONS_PER_ADDRESS: "20" }, true, { ...DEFAULT_CONNECTIONS, maxPerAddress: 20 }],
    [
      { HEADERS_TIMEOUT_SECONDS: "2", REQUEST_TIMEOUT_SECONDS: "4.5", KEEP_ALIVE_TIMEOUT_SECONDS: "65" },
      false,
      { headersTimeoutMs: 2000, requestTimeoutMs: 4500, keepAliveTimeoutMs: 65000, maxPerAddress: 100 },
    ],
    [{ MAX_CONNECTIONS_PER_ADDRESS: "0" }, false, { ...DEFAULT_CONNECTIONS, maxPerAddress: 0 }],
  ])("%j (trust proxy %s) → %j", (env, trustProxy, limits) => {
    expect(connectionLimits(env, trustProxy)).toEqual(limits);
  });

  it.each([
    [{ REQUEST_TIMEOUT_SECONDS: "0" }, "REQUEST_TIMEOUT_SECONDS must be a number of seconds above 0"],
    [{ HEADERS_TIMEOUT_SECONDS: "soon" }, "HEADERS_TIMEOUT_SECONDS must be a number of seconds above 0"],
    [{ MAX_CONNECTIONS_PER_ADDRESS: "-1" }, "MAX_CONNECTIONS_PER_ADDRESS must be a whole number (0: no cap)"],
    [{ HEADERS_TIMEOUT_SECONDS: "40" }, "HEADERS_TIMEOUT_SECONDS must not be above REQUEST_TIMEOUT_SECONDS"],
  ])("%j is refused: %s", (env, message) => {
    expect(() => connectionLimits(env, false)).toThrow(message);
  });

  const freePort = () =>
    new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });

  /** dist/server.mjs started with `env`; resolves once it listens (or exited), with its output. */
  async function start(env: Record<string, string>) {
    const port = await freePort();
    const p = spawn(process.execPath, ["dist/server.mjs", "--demo"], {
      env: { ...process.env, PORT: String(port), DATA_DIR: ":memory:", ...env },
    });
    opened.push(() => p.kill());
    let out = "";
    const exited = new Promise<number>((r) => p.on("exit", (code) => r(code ?? -1)));
    await new Promise<void>((resolve) => {
      const read = (d: Buffer) => {
        out += d;
        if (out.includes("Dashboard")) resolve();
      };
      p.stdout.on("data", read);
      p.stderr.on("data", read);
      exited.then(() => resolve());
    });
    return { port, exited, output: () => out };
  }

  it("the built server applies them: a stalled body is cut off, the third connection of an address refused", async () => {
    const server = await start({
      REQUEST_TIMEOUT_SECONDS: "1",
      HEADERS_TIMEOUT_SECONDS: "1",
      MAX_CONNECTIONS_PER_ADDRESS: "2",
    });
    const stalled = client(server.port);
    stalled.sock.write(STALLED.replace("COM1", "demo"));
    const held = await idle(server.port);
    const refused = client(server.port);
    expect(await within(refused.closed, 3000)).toBe(true);
    expect(refused.text()).toBe("");
    expect(await within(stalled.closed, 6000)).toBe(true);
    expect(stalled.text()).toMatch(/HTTP\/1\.1 408 /);
    held.sock.destroy();
  });

  it("a bad setting stops the start with one line naming it", async () => {
    const server = await start({ MAX_CONNECTIONS_PER_ADDRESS: "lots" });
    expect(await server.exited).toBe(1);
    expect(server.output().trim()).toBe("calltrk: MAX_CONNECTIONS_PER_ADDRESS must be a whole number (0: no cap)");
  });
});
