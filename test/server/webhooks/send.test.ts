// @vitest-environment node
// One webhook delivery (docs/protocol.md#9-outgoing-webhooks) against real receivers on 127.0.0.1:
// what is sent, what counts as delivered, and what is never done (follow a redirect, wait forever,
// connect to a loopback address without WEBHOOKS_ALLOW_PRIVATE, look a name up twice).
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Lookup } from "../../../server/webhooks/guard";
import { sendWebhook, USER_AGENT } from "../../../server/webhooks/send";
import { checkWebhookSignature, webhookId } from "../../../server/webhooks/sign";

interface Received {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const servers: (http.Server | https.Server)[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A receiver on a free loopback port that records every request, then answers with `handler`. */
async function receiver(handler: Handler, tls?: https.ServerOptions) {
  const received: Received[] = [];
  const onRequest: Handler = (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      handler(req, res);
    });
  };
  const server = tls ? https.createServer(tls, onRequest) : http.createServer(onRequest);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as AddressInfo).port;
  return { server, port, received, url: `${tls ? "https" : "http"}://127.0.0.1:${port}` };
}

const answer =
  (status: number, headers: http.OutgoingHttpHeaders = {}, body = ""): Handler =>
  (_req, res) => {
    res.writeHead(status, headers).end(body);
  };

const KEY = "072e77e426f92738a72fe23c4d1953b4";
const BODY = '{"id":"CAL1","customer_name":"Zoë 👋","timestamp":"2026-11-22T10:00:00.000Z"}';
const delivery = (url: string) => ({ url, body: BODY, signingKey: KEY, webhookId: webhookId("evt-1", url) });
const PRIVATE = { allowPrivate: true };
const toLoopback: Lookup = async () => [{ address: "127.0.0.1", family: 4 }];

describe("a delivered webhook", () => {
  it("is the exact body bytes, signed, with its id, type and user agent; a 2xx is delivered", async () => {
    const r = await receiver(answer(204));
    const d = delivery(r.url + "/hooks/calltrk?x=1");
    const result = await sendWebhook(d, PRIVATE);
    expect(result).toMatchObject({ ok: true, status: 204 });
    expect(result.error).toBeUndefined();
    expect(result.ms).toBeGreaterThanOrEqual(0);
    expect(r.received).toHaveLength(1);
    const got = r.received[0];
    expect(got.method).toBe("POST");
    expect(got.url).toBe("/hooks/calltrk?x=1");
    expect(got.body.equals(Buffer.from(BODY, "utf8"))).toBe(true);
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["content-length"]).toBe(String(Buffer.byteLength(BODY)));
    expect(got.headers["user-agent"]).toBe(USER_AGENT);
    expect(got.headers["calltrk-webhook-id"]).toBe(d.webhookId);
    expect(checkWebhookSignature(KEY, got.body, got.headers["signature"] as string)).toBe(true);
  });

  it("sends a byte body unchanged", async () => {
    const r = await receiver(answer(200));
    const bytes = Buffer.from([0x7b, 0x7d, 0xe2, 0x98, 0x8e]);
    expect(await sendWebhook({ ...delivery(r.url), body: bytes }, PRIVATE)).toMatchObject({ ok: true });
    expect(r.received[0].body.equals(bytes)).toBe(true);
  });

  it("reads a large answer only up to its cap", async () => {
    const r = await receiver(answer(200, {}, "x".repeat(2_000_000)));
    expect(await sendWebhook(delivery(r.url), { ...PRIVATE, responseCap: 1024 })).toMatchObject({
      ok: true,
      status: 200,
    });
  });
});

describe("a failed attempt", () => {
  it.each([400, 404, 410, 429, 500, 503])("a %i answer", async (status) => {
    const r = await receiver(answer(status));
    expect(await sendWebhook(delivery(r.url), PRIVATE)).toMatchObject({
      ok: false,
      status,
      error: `answered ${status}`,
    });
  });

  it("a redirect is not followed, even to another receiver on loopback", async () => {
    const target = await receiver(answer(200));
    for (const status of [301, 302, 307, 308]) {
      const r = await receiver(answer(status, { Location: target.url + "/elsewhere" }));
      expect(await sendWebhook(delivery(r.url), PRIVATE)).toMatchObject({
        ok: false,
        status,
        error: `redirect (${status}) not followed`,
      });
    }
    expect(target.received).toHaveLength(0);
  });

  it("a receiver that never answers times out", async () => {
    const r = await receiver(() => {});
    const result = await sendWebhook(delivery(r.url), { ...PRIVATE, timeoutMs: 300 });
    expect(result).toEqual({ ok: false, error: "no answer within 300 ms", ms: result.ms });
    expect(r.received).toHaveLength(1);
  });

  it("a receiver that answered 200 but never ends its body has still answered", async () => {
    const r = await receiver((_req, res) => {
      res.writeHead(200);
      res.write("partial");
    });
    expect(await sendWebhook(delivery(r.url), { ...PRIVATE, timeoutMs: 300 })).toMatchObject({
      ok: true,
      status: 200,
    });
  });

  it("a refused connection", async () => {
    const r = await receiver(answer(200));
    await new Promise((done) => r.server.close(done));
    const result = await sendWebhook(delivery(r.url), PRIVATE);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/ECONNREFUSED/);
  });

  it("a URL that is not one, without throwing", async () => {
    expect(await sendWebhook(delivery("not a url"), PRIVATE)).toMatchObject({ ok: false, error: "not a valid URL" });
  });
});

describe("the address guard comes first", () => {
  it("without WEBHOOKS_ALLOW_PRIVATE a loopback URL is refused before any connection", async () => {
    const r = await receiver(answer(200));
    const connections = vi.fn();
    r.server.on("connection", connections);
    const result = await sendWebhook(delivery(r.url));
    expect(result).toMatchObject({ ok: false });
    expect(result.error).toContain("loopback");
    expect(result.status).toBeUndefined();
    expect(connections).not.toHaveBeenCalled();
    expect(r.received).toHaveLength(0);
  });

  it("the same for a name that resolves to loopback", async () => {
    const r = await receiver(answer(200));
    const result = await sendWebhook(delivery(`http://hooks.test:${r.port}/`), { lookup: toLoopback });
    expect(result.error).toBe("hooks.test resolves to 127.0.0.1, a loopback address");
    expect(r.received).toHaveLength(0);
  });

  it("connects to the checked address under the name's Host, looking the name up once", async () => {
    const r = await receiver(answer(200));
    const lookup = vi.fn(toLoopback);
    expect(await sendWebhook(delivery(`http://hooks.test:${r.port}/in`), { ...PRIVATE, lookup })).toMatchObject({
      ok: true,
    });
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(r.received[0].headers.host).toBe(`hooks.test:${r.port}`);
  });
});

describe("https", () => {
  // A self-signed certificate for hooks.test only (no IP address in it), made for these tests.
  const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
  const tls = { cert: fixture("hooks.test.crt"), key: fixture("hooks.test.key") };

  it("verifies the certificate against the name, sending the name as SNI", async () => {
    const names: string[] = [];
    const r = await receiver(answer(200), {
      ...tls,
      SNICallback: (name, cb) => {
        names.push(name);
        cb(null, null as never);
      },
    });
    const result = await sendWebhook(delivery(`https://hooks.test:${r.port}/in`), {
      ...PRIVATE,
      lookup: toLoopback,
      ca: tls.cert,
    });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(names).toEqual(["hooks.test"]);
    expect(r.received[0].headers.host).toBe(`hooks.test:${r.port}`);
  });

  it("refuses a certificate nobody vouches for", async () => {
    const r = await receiver(answer(200), tls);
    const result = await sendWebhook(delivery(`https://hooks.test:${r.port}/in`), { ...PRIVATE, lookup: toLoopback });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/self[- ]signed certificate/);
    expect(r.received).toHaveLength(0);
  });
});
