// A real outage for the forms tests (issue 7 item 2): a reverse proxy in front of the e2e
// server that can be taken down (connections refused, open ones cut) and brought back on
// the same port. Playwright's request routing cannot stand in for it: a beacon sent while
// a page unloads is not always routed, so it reached the server "during the outage".
// Pages use it through `?api=http://127.0.0.1:<port>` (fixtures/api-param.js). Like most
// reverse proxies it passes the upstream's Host, so the server sees its own host.
import { createServer, request, type Server } from "node:http";
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
        const out = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } }, (answer) => {
          res.writeHead(answer.statusCode || 502, answer.headers);
          answer.pipe(res);
        });
        out.on("error", () => res.destroy());
        req.pipe(out);
      });
      server.on("connection", (s) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
      server.listen(port, "127.0.0.1", () => ((port = (server!.address() as AddressInfo).port), resolve()));
    });
  const down = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      sockets.forEach((x) => x.destroy());
      s ? s.close(() => resolve()) : resolve();
    });
  await up();
  return { api: `http://127.0.0.1:${port}`, down, up };
}
