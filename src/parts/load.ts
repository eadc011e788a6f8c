// Parts of the bundle loaded on demand (docs/performance.md#parts-loaded-on-demand): the
// forms delivery, session requests and the debug report. This is the module build's loader: dynamic
// import(), which a bundler turns into a chunk of the site's own (build.mjs points these
// imports at dist/swap-esm-<part>.js). The script-tag build uses script.ts instead.
import type { Delivery, DeliveryOptions } from "../forms/delivery";
import type { DebugPart } from "../debug/report";
import type { SessionOptions, Sessions } from "../session/sessions";
import type { splitter } from "../swap/split";

export interface Parts {
  forms: { startDelivery(o: DeliveryOptions): Delivery };
  debug: DebugPart;
  sessions: { createSessions(o: SessionOptions): Sessions; isCrawler(ua: string): boolean };
  split: { splitter: typeof splitter };
}

const cache: Record<string, Promise<unknown> | undefined> = {};

/** The part, once; null when it could not be loaded (never rejects). `_api` is the script build's fallback base. */
export function loadPart<K extends keyof Parts>(name: K, _api: string): Promise<Parts[K] | null> {
  if (!cache[name]) {
    const p: Promise<unknown> =
      name == "forms"
        ? import("../forms/delivery")
        : name == "sessions"
          ? import("../session/sessions")
          : name == "split"
            ? import("../swap/split")
            : import("../debug/report");
    cache[name] = p.then(
      (m) => m as Parts[K],
      () => null,
    );
  }
  return cache[name] as Promise<Parts[K] | null>;
}
