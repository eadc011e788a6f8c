// A real outage for the forms tests: a reverse proxy in front of the e2e
// server that can be taken down (connections refused, open ones cut) and brought back on
// the same port. Playwright's request routing cannot stand in for it: a beacon sent while
// a page unloads is not always routed, so it reached the server "during the outage".
// Pages use it through `?api=http://127.0.0.1:<port>` (fixtures/api-param.js). Like most
// reverse proxies it passes the upstream's Host, so the server sees its own host.
import { createServer, request, type Server } from "node:http";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { storedForms, waiting } from "./helpers";
import type { Socket, AddressInfo } from "node:net";

export interface Outage {
  api: string;
  down(): Promise<void>;
  up(): Promise<void>;
}

export async function proxy(upstream: string): Promise<Outage> {
  const to = new URL(upstream);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const up = () =>
    new Promise<void>((resolve) => {
      server = createServer((req, res) => {
        const out = request(
          {
            host: to.hostname,
            port: to.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: to.host },
          },
          (answer) => {
            res.writeHead(answer.statusCode || 502, answer.headers);
            answer.pipe(res);
          },
        );
        out.on("error", () => res.destroy());
        req.pipe(out);
      });
      server.on("connection", (s) => {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  const down = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      sockets.forEach((x) => x.destroy());
      if (s) s.close(() => resolve());
      else resolve();
    });
  await up();
  return { api: `http://127.0.0.1:${port}`, down, up };
}

/**
 * The outage sequence both forms suites run: the native form (forms.html) submitted with
 * marker `m` while the server is down, the page navigates, nothing gets through and the
 * lead waits in the outbox; the server comes back, the next page view delivers it, and
 * exactly one record is stored.
 */
export async function submitDuringOutage(
  page: Page,
  request: APIRequestContext,
  baseURL: string,
  m: string,
): Promise<void> {
  const net = await proxy(baseURL);
  const api = "api=" + encodeURIComponent(net.api);
  try {
    await page.goto("/fixtures/forms.html?" + api);
    await page.waitForFunction(() => (window as any).CallTrk?.getVisitor);
    await page.locator(".marker").evaluateAll((els, v) => els.forEach((e) => ((e as HTMLInputElement).value = v)), m);
    await net.down();
    await page.click("#native-go");
    await expect(page.locator("h1")).toHaveText("Thanks");
    // Requests sent while a page unloads do not always reach Playwright's events, so this
    // waits out the attempts (fetch, beacon, the next page's flush) instead of counting them.
    await page.waitForTimeout(1500);
    expect(await storedForms(request, "e2e", m)).toEqual([]); // nothing got through
    expect(await waiting(page)).toBe(1);
    await net.up();
    await page.goto("/fixtures/forms-thanks.html?again=1&" + api);
    await expect.poll(() => storedForms(request, "e2e", m).then((f) => f.length), { timeout: 15000 }).toBe(1);
    await expect.poll(() => waiting(page), { timeout: 15000 }).toBe(0);
    expect(await storedForms(request, "e2e", m)).toHaveLength(1);
  } finally {
    await net.down();
  }
}
