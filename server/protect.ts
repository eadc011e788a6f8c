// What stands between the routes and a hostile client: per-client rate limits on the public
// endpoints and a stricter one on failed API tokens. Registered by createApp before the routes.
import type { Context, Hono } from "hono";
import { addressGroup, clientAddress } from "./clients";
import { createLimiter, type LimitOptions } from "./limit";
import { fail } from "./http";

export interface ProtectOptions {
  /** Public endpoints (/v1/...), per client; null turns the limit off (benchmarks). */
  rateLimit: LimitOptions | null;
  /** Take the client address from the last X-Forwarded-For entry (behind your own reverse proxy only). */
  trustProxy: boolean;
  now: () => number;
}

/** Default: 300 requests a minute per address, 120 at once; an office behind one NAT stays well inside it. */
export const DEFAULT_LIMIT: LimitOptions = { perMinute: 300, burst: 120 };
/** Wrong API tokens per address: 20 at once, then 10 a minute. */
const AUTH_FAILURES: LimitOptions = { perMinute: 10, burst: 20 };

export type Guard = ReturnType<typeof protect>;

export function protect(app: Hono, o: ProtectOptions) {
  const limit = o.rateLimit && o.rateLimit.perMinute > 0 ? createLimiter(o.rateLimit) : null;
  const auth = createLimiter(AUTH_FAILURES);

  // Limits count per address group: an IPv6 client holds a whole /64 (server/clients.ts).
  const client = (c: Context): string => addressGroup(clientAddress(c, o.trustProxy));
  const tooMany = (c: Context, wait: number) => {
    c.header("Retry-After", String(wait));
    fail(429, "too many requests: retry after " + wait + " s");
  };

  return {
    /** Before the routes. */
    before(): void {
      if (limit)
        // The bundle-facing endpoints; the carrier's webhooks are signed and come from few addresses.
        app.use("/v1/companies/*", async (c, next) => {
          const wait = limit.take(client(c), o.now());
          if (wait) tooMany(c, wait);
          await next();
        });
      // A client that keeps sending wrong tokens is refused before its token is even compared.
      const guarded = async (c: Context, next: () => Promise<void>) => {
        if (auth.empty(client(c), o.now())) tooMany(c, 60);
        await next();
      };
      app.use("/v3/*", guarded);
      // The dashboard asks `locked` itself, to answer a browser with a page (server/routes/dashboard.ts).
      app.use("/v1/companies/:company/calls", guarded);
    },
    /** A request answered 401: it counts against its client. */
    badToken(c: Context): void {
      auth.take(client(c), o.now());
    },
    /** True when this client sent so many wrong tokens that it must wait. */
    locked(c: Context): boolean {
      return auth.empty(client(c), o.now());
    },
  };
}
