// Sending one form submission (issue 5 item 4): `text/plain` JSON with fetch keepalive,
// which outlives a navigation; when fetch is missing or refuses (keepalive's 64 KB quota
// shared by in-flight requests, an old browser), navigator.sendBeacon. A beacon gives no
// answer, so its outcome counts as a retry: the next send of the same id gets 200.
import { NET_TIMEOUT_MS } from "../net";
import { outcome, type Outcome } from "./outbox";

function beacon(url: string, json: string): Outcome {
  try {
    navigator.sendBeacon(url, new Blob([json], { type: "text/plain" }));
  } catch {
    // no beacon either: the outbox keeps it
  }
  return "retry";
}

export function deliver(url: string, body: unknown): Promise<Outcome> {
  const json = JSON.stringify(body);
  return new Promise<Outcome>((resolve) => {
    setTimeout(resolve, NET_TIMEOUT_MS, "retry");
    fetch(url, { method: "POST", headers: { "Content-Type": "text/plain" }, body: json, credentials: "omit", keepalive: true }).then(
      (r) => resolve(outcome(r.status)),
      () => resolve(beacon(url, json)),
    );
  }).catch(() => beacon(url, json));
}
