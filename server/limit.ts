// Per-client rate limits: a token bucket per client address, so one
// client flooding the public endpoints (lease exhaustion, junk sessions) or guessing the
// API token is slowed down without touching anyone else. Memory is bounded: buckets are
// kept in least-recently-used order, a bucket that has refilled is forgotten, and past
// `maxClients` the least recently seen client is dropped (it starts again with a full bucket).

export interface LimitOptions {
  /** Sustained requests per minute per client. */
  perMinute: number;
  /** Requests a client may make at once before the rate applies. */
  burst: number;
  /** Most clients remembered at once (default 100,000: about 10 MB). */
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createLimiter(o: LimitOptions) {
  const perMs = o.perMinute / 60000;
  const max = o.maxClients || 100000;
  const buckets = new Map<string, Bucket>();
  const level = (b: Bucket, now: number) => Math.min(o.burst, b.tokens + (now - b.at) * perMs);

  /** Forgets up to two least recently seen clients whose bucket is full again (amortized sweep). */
  function sweep(now: number): void {
    for (let i = 0; i < 2; i++) {
      const first = buckets.entries().next().value as [string, Bucket] | undefined;
      if (!first || level(first[1], now) < o.burst) return;
      buckets.delete(first[0]);
    }
  }

  /** Takes one request from `client`'s bucket: 0 when allowed, else the seconds until it would be. */
  function take(client: string, now: number): number {
    sweep(now);
    const b = buckets.get(client) || { tokens: o.burst, at: now };
    b.tokens = level(b, now);
    b.at = now;
    buckets.delete(client); // re-inserted last: the Map's order is least recently seen first
    buckets.set(client, b);
    if (buckets.size > max) buckets.delete(buckets.keys().next().value as string);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / perMs / 1000);
  }

  /** True when `client` has no request left now, without taking one. */
  const empty = (client: string, now: number) => {
    const b = buckets.get(client);
    return !!b && level(b, now) < 1;
  };

  return { take, empty, size: () => buckets.size };
}

export type Limiter = ReturnType<typeof createLimiter>;
