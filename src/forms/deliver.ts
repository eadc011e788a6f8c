// Sending one form submission: `text/plain` JSON with fetch keepalive
// (net.ts), which outlives a navigation; when fetch gives no answer (refused: keepalive's
// 64 KB quota shared by in-flight requests, an old browser; a network failure; a
// timeout), navigator.sendBeacon as well. A beacon gives no answer either, so that
// outcome counts as a retry: the next send of the same id gets 200 if the beacon arrived.
import { post } from "../net";
import { toJson } from "../safe";
import { outcome, type Outcome } from "./outbox";

export function deliver(url: string, body: unknown): Promise<Outcome> {
  return post(url, body, true).then((r) => {
    if (r.status) return outcome(r.status);
    try {
      navigator.sendBeacon(url, new Blob([toJson(body)], { type: "text/plain" }));
    } catch {
      // no beacon either: the outbox keeps it
    }
    return "retry";
  });
}
