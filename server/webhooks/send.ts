// One delivery attempt of one webhook (docs/protocol.md#9-outgoing-webhooks): a POST of the exact body
// bytes, signed, to the address the guard checked. Redirects are not followed (a 3xx is a failed
// attempt: following one would reach an address nobody checked). The whole attempt, DNS included,
// has one deadline; the response body is read up to a small cap and dropped. Never throws: the
// delivery worker records the result and asks schedule.ts when to try again.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import { rootCertificates } from "node:tls";
import { checkWebhookUrl, type GuardOptions } from "./guard";
import { SIGNATURE_HEADER, WEBHOOK_EVENT_HEADER, WEBHOOK_ID_HEADER, webhookSignature } from "./sign";

export interface WebhookDelivery {
  url: string;
  /** The JSON body, exactly the bytes that are signed and sent. */
  body: string | Uint8Array;
  signingKey: string;
  /** sign.ts webhookId(event, url). */
  webhookId: string;
  /** The event's name in the integration's config (`post_call_webhook`…). */
  event?: string;
}

export interface SendOptions extends GuardOptions {
  /** The deadline of the whole attempt (default SEND_TIMEOUT_MS). */
  timeoutMs?: number;
  userAgent?: string;
  /** Response bytes read before the connection is dropped (default RESPONSE_CAP). */
  responseCap?: number;
  /** Certificate authorities trusted besides the system's (a receiver on a private network with its own CA). */
  ca?: string | Buffer;
}

export interface SendResult {
  /** A 2xx answer. */
  ok: boolean;
  status?: number;
  error?: string;
  /** Milliseconds the attempt took. */
  ms: number;
}

export const SEND_TIMEOUT_MS = 10_000;
export const RESPONSE_CAP = 16 * 1024;
export const USER_AGENT = "CallTrk-Webhooks/1";

function verdict(status: number): Omit<SendResult, "ms"> {
  if (status >= 200 && status < 300) return { ok: true, status };
  if (status >= 300 && status < 400) return { ok: false, status, error: `redirect (${status}) not followed` };
  return { ok: false, status, error: `answered ${status}` };
}

/** A lookup that answers every question with the checked address: no second DNS query. */
function pinned(address: string, family: number): LookupFunction {
  return (_hostname, options, callback) => {
    if (options && options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

export function sendWebhook(delivery: WebhookDelivery, options: SendOptions = {}): Promise<SendResult> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? SEND_TIMEOUT_MS;
  const cap = options.responseCap ?? RESPONSE_CAP;
  const body = typeof delivery.body == "string" ? Buffer.from(delivery.body, "utf8") : Buffer.from(delivery.body);
  return new Promise((resolve) => {
    let request: http.ClientRequest | null = null;
    let status: number | undefined;
    let done = false;
    const finish = (r: Omit<SendResult, "ms">) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (request) request.destroy();
      resolve({ ...r, ms: Math.round(performance.now() - started) });
    };
    // A receiver that sent its status but not the end of its body has still answered.
    const timer = setTimeout(
      () => finish(status === undefined ? { ok: false, error: `no answer within ${timeoutMs} ms` } : verdict(status)),
      timeoutMs,
    );
    const connect = (url: URL, address: string, family: number) => {
      const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
      const target: https.RequestOptions = {
        method: "POST",
        hostname: host,
        port: url.port || undefined,
        path: url.pathname + url.search,
        agent: false,
        lookup: pinned(address, family),
        headers: {
          "Content-Type": "application/json",
          "Content-Length": body.length,
          "User-Agent": options.userAgent || USER_AGENT,
          [SIGNATURE_HEADER]: webhookSignature(delivery.signingKey, body),
          [WEBHOOK_ID_HEADER]: delivery.webhookId,
          ...(delivery.event ? { [WEBHOOK_EVENT_HEADER]: delivery.event } : {}),
        },
      };
      // The certificate is checked against the name, not the address (SNI carries no IP literal).
      if (url.protocol == "https:" && !isIP(host)) target.servername = host;
      if (options.ca) target.ca = [...rootCertificates, options.ca];
      request = (url.protocol == "https:" ? https : http).request(target, (res) => {
        status = res.statusCode || 0;
        let read = 0;
        res.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > cap) finish(verdict(status!));
        });
        res.on("end", () => finish(verdict(status!)));
        res.on("error", () => finish(verdict(status!)));
      });
      request.on("error", (e: Error) => finish({ ok: false, error: e.message }));
      request.end(body);
    };
    checkWebhookUrl(delivery.url, options).then(
      (checked) => {
        if (done) return;
        if (!checked.ok) finish({ ok: false, error: checked.error });
        else connect(checked.url, checked.address, checked.family);
      },
      (e: Error) => finish({ ok: false, error: e.message }),
    );
  });
}
