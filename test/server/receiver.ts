// A local webhook receiver (a CRM on loopback) for the webhook tests and the e2e call loop.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}

/** Answers with the statuses given in turn (then 200) and records every request; `path` ends its URL. */
export async function startReceiver(statuses: number[] = [], path = "/hook") {
  const got: Received[] = [];
  const http = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      got.push({ headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}${path}`;
  return { url, got, close: () => new Promise<void>((r) => http.close(() => r())) };
}
