// @vitest-environment node
// The short soak in npm test: 2,000 simulated visitors over loopback against a pool of 60
// (soak.ts), on each store. The long run (20,000 visitors) is bench/soak.mjs.
import { afterEach, expect, it } from "vitest";
import { newPlace, type Place } from "./helpers";
import { soak } from "./soak";

let place: Place | null = null;
afterEach(() => place?.remove());

it("2,000 visitors against a pool of 60: no double lease, every lease released, exhaustion counted, heap flat", async () => {
  place = await newPlace();
  const r = await soak({
    visitors: 2000,
    pool: 60,
    idleSeconds: 120,
    concurrency: 32,
    seed: 7,
    databaseUrl: place.databaseUrl,
  });
  console.log("soak:", JSON.stringify(r));
  expect(r.failures).toBe(0);
  expect(r.doubleLeases).toBe(0);
  expect(r.lostNumbers).toBe(0);
  expect(r.exhausted).toBeGreaterThan(0); // the pool is small on purpose
  expect(r.leased).toBeGreaterThan(60); // numbers were released and leased again
  expect(r.serverExhausted).toBe(r.exhausted);
  expect([r.liveAfter, r.leasedAfter]).toEqual([0, 0]);
  // Flat: between a quarter and all of the arrivals the heap grows by less than 8 MB.
  expect(r.heapMB[3] - r.heapMB[0]).toBeLessThan(8);
}, 120000);
