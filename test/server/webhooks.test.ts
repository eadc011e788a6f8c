// @vitest-environment node
// Outgoing webhooks (docs/protocol.md#9-outgoing-webhooks), end to end on each store: events
// queued with the change that caused them, signed with the integration's key, retried after a
// failure with growing delays, never sent again after a 2xx, surviving a restart, and refused
// for addresses the guard does not allow.
import { afterEach, describe, expect, it } from "vitest";
import { checkWebhookSignature } from "../../server/webhooks/sign";
import { signedTwilioRequest } from "../../server/telephony/signature";
import { startWebhookWorker, type WebhookWorker } from "../../server/webhooks/worker";
import { startReceiver } from "./receiver";
import { AUTH, PUBLIC_URL, S1, TWILIO_TOKEN, company, server, servers, type TestServer } from "./helpers";

const { make, sharedPlace } = servers();

/** A local receiver (receiver.ts), closed after the test. */
async function receiver(statuses: number[] = []) {
  const hook = await startReceiver(statuses);
  closers.push(hook.close);
  return hook;
}
const closers: Array<() => Promise<void>> = [];
const workers: WebhookWorker[] = [];
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  for (const c of closers.splice(0)) await c();
});

async function withHook(s: TestServer, events: Record<string, string[]>) {
  const r = await s.req("/v3/a/ACC1/integrations.json", {
    method: "POST",
    headers: AUTH,
    json: { company_id: "COM1", type: "Webhooks", config: events },
  });
  expect(r.status).toBe(201);
  return (await r.json()) as { id: string; signing_key: string };
}
const worker = (s: TestServer, o: Parameters<typeof startWebhookWorker>[1] = {}) => {
  const w = startWebhookWorker(s.services, { intervalMs: 3600e3, ...o });
  workers.push(w);
  return w;
};
const carrier = (s: TestServer, path: string, params: Record<string, string>) => {
  const r = signedTwilioRequest(PUBLIC_URL + path, params, TWILIO_TOKEN);
  return s.req(path, { method: "POST", headers: r.headers, body: r.body });
};
const manualCall = (s: TestServer) =>
  s.req("/v1/companies/COM1/calls", {
    method: "POST",
    headers: AUTH,
    json: { tracking_number: "+14045557777", customer_phone_number: "+14045557001" },
  });

describe("an integration from a company file", () => {
  it("delivers, signed with the key the file names, under an id that is the same at every start", async () => {
    const hook = await receiver();
    const key = "file-signing-key-0123456789";
    const companies = [
      company({ integrations: [{ type: "Webhooks", signing_key: key, config: { post_call_webhook: [hook.url] } }] }),
    ];
    const place = await sharedPlace();
    const first = await server({ place, companies, allowPrivateWebhooks: true });
    const id = first.services.companies.get("COM1")!.integrations![0].id;
    expect(id).toMatch(/^INT[0-9a-f]{32}$/);
    await manualCall(first);
    await first.cleanup();
    // Restarted before delivering: the queued event finds its integration again.
    const s = await server({ place, companies, allowPrivateWebhooks: true });
    try {
      expect(s.services.companies.get("COM1")!.integrations![0].id).toBe(id);
      await worker(s).tick();
      expect(hook.got).toHaveLength(1);
      expect(checkWebhookSignature(key, hook.got[0].body, hook.got[0].headers["signature"] as string)).toBe(true);
    } finally {
      await s.cleanup();
    }
  });
});

describe("delivery", () => {
  it("signed with the integration's key over the exact body, with a stable id; retried after a 500; never again after a 2xx", async () => {
    const s = await make({ allowPrivateWebhooks: true });
    const hook = await receiver([500]);
    const i = await withHook(s, { post_call_webhook: [hook.url] });
    const w = worker(s);
    const call = await (await manualCall(s)).json();
    await w.tick();
    expect(hook.got).toHaveLength(1); // the 500
    await w.tick();
    expect(hook.got).toHaveLength(1); // not due yet: the first retry comes within 5 s
    s.clock.t += 5000;
    await w.tick();
    expect(hook.got).toHaveLength(2);
    for (let k = 0; k < 3; k++) {
      s.clock.t += 3600e3;
      await w.tick();
    }
    expect(hook.got).toHaveLength(2); // delivered: never sent again
    const [first, second] = hook.got;
    expect(second.headers["calltrk-webhook-id"]).toBe(first.headers["calltrk-webhook-id"]);
    expect(second.headers["calltrk-webhook-event"]).toBe("post_call_webhook");
    expect(checkWebhookSignature(i.signing_key, second.body, second.headers["signature"] as string)).toBe(true);
    expect(checkWebhookSignature(i.signing_key, second.body + " ", second.headers["signature"] as string)).toBe(false);
    expect(JSON.parse(second.body)).toMatchObject({
      id: call.id,
      tracking_phone_number: "+14045557777",
      timestamp: expect.any(String),
    });
    const status = await (await s.req(`/v3/a/ACC1/integrations/${i.id}.json`, { headers: AUTH })).json();
    expect(status.deliveries).toMatchObject({
      pending: 0,
      delivered: 1,
      failed: 0,
      last: { status: 200, attempts: 2 },
    });
  });

  it("the call's events in order: pre_call when it rings, answered_call when routing ends, post_call when it ends", async () => {
    const s = await make({ allowPrivateWebhooks: true });
    const hook = await receiver();
    await withHook(s, {
      pre_call_webhook: [hook.url],
      answered_call_webhook: [hook.url],
      post_call_webhook: [hook.url],
    });
    const w = worker(s);
    const sid = "CA" + "5".repeat(32);
    const base = { CallSid: sid, From: "+14045557001", To: "+14045559999", Direction: "inbound" };
    await carrier(s, "/v1/telephony/twilio/voice", { ...base, CallStatus: "ringing" });
    await s.writer.idle();
    await w.tick();
    await carrier(s, "/v1/telephony/twilio/status", { ...base, DialCallStatus: "completed", DialCallDuration: "30" });
    await s.writer.idle();
    await w.tick();
    await carrier(s, "/v1/telephony/twilio/status", { ...base, CallStatus: "completed", CallDuration: "33" });
    await s.writer.idle();
    await w.tick();
    const bodies = hook.got.map((g) => JSON.parse(g.body));
    expect(bodies.map((b) => [b.answered, b.duration])).toEqual([
      [null, null],
      [true, 30],
      [true, 33],
    ]);
  });

  it("updated_call carries the changes; form_captured the v3 form object", async () => {
    const s = await make({ allowPrivateWebhooks: true });
    const hook = await receiver();
    await withHook(s, { updated_call_webhook: [hook.url], form_captured_webhook: [hook.url] });
    const w = worker(s);
    const call = await (await manualCall(s)).json();
    await s.req(`/v3/a/ACC1/calls/${call.id}.json`, { method: "PUT", headers: AUTH, json: { note: "quote sent" } });
    await s.req("/v1/companies/COM1/form_submissions", {
      method: "POST",
      json: { id: S1, form_data: { Email: "pat@example.com" }, landing_page_url: "https://site.example/?gclid=1" },
    });
    await w.tick();
    const bodies = hook.got.map((g) => JSON.parse(g.body));
    expect(bodies.find((b) => b.changes)).toMatchObject({
      id: call.id,
      note: "quote sent",
      changes: { note: { from: null, to: "quote sent" } },
    });
    expect(bodies.find((b) => b.form_data)).toMatchObject({
      id: S1,
      customer_email: "pat@example.com",
      source: "Google Ads",
    });
  });

  it("queued events survive a restart and are delivered by the next process", async () => {
    const place = await sharedPlace();
    const first = await server({ place, allowPrivateWebhooks: true });
    const hook = await receiver();
    await withHook(first, { post_call_webhook: [hook.url] });
    await manualCall(first);
    await first.close(); // nothing delivered yet
    const second = await make({ place, allowPrivateWebhooks: true });
    await worker(second).tick();
    expect(hook.got).toHaveLength(1);
  });

  it("a name that resolves to a private address is refused at delivery, and retried, not sent", async () => {
    const s = await make();
    const hook = await receiver();
    const i = await withHook(s, { post_call_webhook: ["http://hooks.partner.example/cb"] });
    const w = worker(s, { lookup: async () => [{ address: "127.0.0.1", family: 4 }] });
    await manualCall(s);
    await w.tick();
    expect(hook.got).toHaveLength(0);
    const status = await (await s.req(`/v3/a/ACC1/integrations/${i.id}.json`, { headers: AUTH })).json();
    expect(status.deliveries).toMatchObject({ pending: 1, last: { error: expect.stringContaining("loopback") } });
  });

  it("an event waits for the integration: a disabled one stops its deliveries", async () => {
    const s = await make({ allowPrivateWebhooks: true });
    const hook = await receiver();
    const i = await withHook(s, { post_call_webhook: [hook.url] });
    await manualCall(s);
    await s.req(`/v3/a/ACC1/integrations/${i.id}.json`, { method: "DELETE", headers: AUTH });
    await worker(s).tick();
    expect(hook.got).toHaveLength(0);
    const status = await (await s.req(`/v3/a/ACC1/integrations/${i.id}.json`, { headers: AUTH })).json();
    expect(status.deliveries).toMatchObject({ pending: 0, failed: 1 });
  });
});
