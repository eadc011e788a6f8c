// The delivery worker (docs/protocol.md#9-outgoing-webhooks): every process runs one; each
// claims due deliveries from the store with a short lock, so a delivery is attempted by one
// process at a time, sends them signed with their integration's key, and records the result:
// delivered after a 2xx (never sent again), else the next attempt from schedule.ts, for at
// least 24 hours. Queued events survive restarts: they are rows in the store.
import type { Services } from "../services";
import type { Delivery } from "../store";
import { nextAttemptAt } from "./schedule";
import { sendWebhook, type SendOptions, type SendResult } from "./send";

export interface WorkerOptions extends SendOptions {
  /** How often the store is asked for due deliveries, ms (default 1000). */
  intervalMs?: number;
  /** Deliveries claimed at once (default 20). */
  batch?: number;
  /** How long a claim keeps other workers off a delivery, ms: longer than one attempt (default 30 s). */
  lockMs?: number;
  /** One attempt (tests replace it). */
  send?: (d: Parameters<typeof sendWebhook>[0], o: SendOptions) => Promise<SendResult>;
}

export function startWebhookWorker(s: Services, o: WorkerOptions = {}) {
  const send = o.send ?? sendWebhook;
  const lockMs = o.lockMs ?? 30_000;
  const batch = o.batch ?? 20;
  let running: Promise<void> | null = null;
  let again = false;
  let failing = false;

  async function attempt(d: Delivery): Promise<void> {
    const integration = s.companies.get(d.company_id)?.integrations?.find((i) => i.id == d.integration_id);
    let result: SendResult;
    if (!integration || integration.status != "active" || !integration.signing_key)
      result = { ok: false, error: "the integration is disabled or gone", ms: 0 };
    else
      result = await send(
        { url: d.url, body: d.body, signingKey: integration.signing_key, webhookId: d.webhook_id, event: d.event },
        { ...o, allowPrivate: o.allowPrivate ?? s.allowPrivateWebhooks },
      );
    const now = s.now();
    const gone = !integration || integration.status != "active";
    const next =
      result.ok || gone ? null : nextAttemptAt({ queuedAt: Number(d.created_at), attempts: d.attempts + 1, now });
    await s.store.recordAttempt(d.id, result, now, next);
  }

  async function drain(): Promise<void> {
    try {
      for (;;) {
        const due = await s.store.claimDeliveries(s.now(), lockMs, batch);
        if (!due.length) break;
        await Promise.all(due.map(attempt));
      }
      if (failing) console.log("[calltrk] webhook deliveries running again");
      failing = false;
    } catch (e) {
      if (!failing)
        console.error("[calltrk] webhook deliveries paused: " + String((e as Error)?.message || e).split("\n")[0]);
      failing = true;
    }
  }

  /** Looks for due deliveries now (after a change queued one); resolves when that look is done. */
  function tick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = drain().finally(() => {
      running = null;
      if (again) {
        again = false;
        void tick();
      }
    });
    return running;
  }

  const timer = setInterval(() => void tick(), o.intervalMs ?? 1000);
  timer.unref();
  return {
    tick,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

export type WebhookWorker = ReturnType<typeof startWebhookWorker>;
