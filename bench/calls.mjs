// npm run bench (calls): how the carrier and the webhook receivers see the server
// (docs/performance.md#calls-and-webhooks). The built dist/server.mjs on loopback with SQLite, a webhook
// receiver on loopback answering 200 at once, requests signed as Twilio signs them (the twilio
// package). Three measurements:
//   1. the voice webhook's answer time (median, p99), alone and with the lease benchmark's load
//      (autocannon, new sessions as fast as they are answered) running beside it;
//   2. post_call delivery: the time from the call's last status callback to the receiver
//      getting the post_call webhook, one call at a time;
//   3. webhook throughput: calls ending in a burst, post_call webhooks delivered per second.
// The time a voice answer needs does not depend on the store (an in-memory number → tracker
// map, the call written in the background): the loaded/alone ratio is what to compare.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import twilio from "twilio";
import { poolFor, sessionTrackers } from "./pools.mjs";
import { freePort, startServer } from "./server.mjs";

const CALLS = Number(process.env.BENCH_CALLS || 300);
const TOKEN = "bench-twilio-token";
const TRACKING = "+14045559000";
/** 100 pools of 1,000 numbers (bench/pools.mjs). */
const POOLS = 100;

const dir = mkdtempSync(join(tmpdir(), "calltrk-bench-calls-"));

/** A loopback HTTP server answering 200; `got` maps a caller's number to when its post_call arrived. */
async function startReceiver() {
  const got = new Map();
  const waiters = new Map();
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      res.writeHead(200).end();
      try {
        const call = JSON.parse(body);
        const at = performance.now();
        got.set(call.customer_phone_number, at);
        waiters.get(call.customer_phone_number)?.(at);
      } catch {
        // Not a call: not counted.
      }
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const arrival = (caller) =>
    got.has(caller) ? Promise.resolve(got.get(caller)) : new Promise((r) => waiters.set(caller, r));
  return { port: server.address().port, got, arrival, close: () => server.close() };
}

async function serverFor(receiverPort) {
  const companyFile = join(dir, "company.json");
  writeFileSync(
    companyFile,
    JSON.stringify({
      company_id: "bench",
      site_origins: ["*"],
      trackers: [
        {
          id: "WEB",
          type: "source",
          source: "all",
          destination_number: "+15553104554",
          tracking_numbers: [TRACKING],
        },
        ...sessionTrackers(POOLS, "470"),
      ],
      integrations: [
        {
          type: "Webhooks",
          signing_key: "bench-signing-key-0123456789",
          config: { post_call_webhook: [`http://127.0.0.1:${receiverPort}/hook`] },
        },
      ],
    }),
  );
  const port = await freePort();
  return startServer({
    args: [companyFile],
    port,
    env: {
      DATA_DIR: join(dir, "data"),
      TWILIO_AUTH_TOKEN: TOKEN,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      WEBHOOKS_ALLOW_PRIVATE: "1",
    },
  });
}

/** A POST as Twilio sends it: form-encoded, signed over the URL and the sorted parameters. */
async function carrier(base, path, params) {
  const url = base + path;
  const signature = twilio.getExpectedTwilioSignature(TOKEN, url, params);
  const started = performance.now();
  const r = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
    body: new URLSearchParams(params),
  });
  const text = await r.text();
  if (r.status != 200) throw new Error(`${path}: ${r.status} ${text}`);
  return { ms: performance.now() - started, text };
}

let callers = 0;
function newCall() {
  callers++;
  return {
    CallSid: "CA" + randomBytes(16).toString("hex"),
    AccountSid: "AC" + "0".repeat(32),
    From: "+1678" + String(2000000 + callers),
    To: TRACKING,
    Direction: "inbound",
    CallStatus: "ringing",
  };
}

/** Answers `n` calls one after another; the answer times in ms. */
async function answerCalls(base, n) {
  const calls = [];
  const times = [];
  for (let i = 0; i < n; i++) {
    const call = newCall();
    const { ms, text } = await carrier(base, "/v1/telephony/twilio/voice", call);
    if (!text.includes("<Dial")) throw new Error("the voice answer does not dial: " + text);
    times.push(ms);
    calls.push(call);
  }
  return { calls, times };
}

const ended = (call) => ({ ...call, CallStatus: "completed", CallDuration: "42" });

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x) => x.toFixed(1).padStart(6) + " ms";

const receiver = await startReceiver();
const server = await serverFor(receiver.port);
try {
  await answerCalls(server.base, 50); // warm up
  const alone = await answerCalls(server.base, CALLS);

  // The lease benchmark's load beside the same calls.
  let claims = 0;
  const claim = () =>
    JSON.stringify({
      session_id: randomUUID(),
      tracker_ids: [poolFor(claims++, POOLS)],
      visitor: { source: "google", medium: "cpc", landing_page_url: "https://site.example/?gclid=x" },
      page_url: "https://site.example/",
    });
  const load = autocannon({
    url: server.base + "/v1/companies/bench/sessions",
    connections: 32,
    duration: 120,
    requests: [
      { method: "POST", headers: { "Content-Type": "text/plain" }, setupRequest: (r) => ({ ...r, body: claim() }) },
    ],
  });
  await new Promise((r) => setTimeout(r, 1000));
  const loaded = await answerCalls(server.base, CALLS);
  load.stop();
  const leaseLoad = await load;

  // post_call, one call at a time: from the last status callback to the receiver.
  const latency = [];
  for (const call of alone.calls.slice(0, Math.min(100, CALLS))) {
    const sent = performance.now();
    await carrier(server.base, "/v1/telephony/twilio/status", ended(call));
    latency.push((await receiver.arrival(call.From)) - sent);
  }

  // A burst: every call answered under load ends at once.
  const burst = loaded.calls;
  const start = performance.now();
  await Promise.all(burst.map((call) => carrier(server.base, "/v1/telephony/twilio/status", ended(call))));
  const arrivals = await Promise.all(burst.map((call) => receiver.arrival(call.From)));
  const seconds = (Math.max(...arrivals) - start) / 1000;

  console.log(
    `\nCalls (SQLite, ${CALLS} calls per pass, signed as Twilio signs; the webhook receiver on loopback answers 200)`,
  );
  console.log("  voice webhook answer time         median       p99");
  console.log(
    `  alone                           ${ms(quantile(alone.times, 0.5))}  ${ms(quantile(alone.times, 0.99))}`,
  );
  console.log(
    `  beside the lease load           ${ms(quantile(loaded.times, 0.5))}  ${ms(quantile(loaded.times, 0.99))}   (${Math.round(leaseLoad.requests.average).toLocaleString("en")} leases/s meanwhile; ratio of medians ${(quantile(loaded.times, 0.5) / quantile(alone.times, 0.5)).toFixed(2)})`,
  );
  console.log(
    `  call end → post_call delivered  ${ms(quantile(latency, 0.5))}  ${ms(quantile(latency, 0.99))}   (one call at a time)`,
  );
  console.log(
    `  webhook throughput              ${Math.round(burst.length / seconds).toLocaleString("en")} post_call deliveries/s   (${burst.length} calls ending at once, all delivered in ${seconds.toFixed(2)} s)`,
  );
} finally {
  server.stop();
  receiver.close();
  rmSync(dir, { recursive: true, force: true });
}
