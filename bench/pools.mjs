// Session pools large enough that every claim of a benchmark takes a new number. A tracker holds
// at most 1,000 numbers (server/config/validate.ts), so a large pool is many trackers, and the
// claims go round them: each claim still takes a free number of one pool, as a site with many
// campaigns does.

/** Valid North American numbers: area code `area`, exchanges from 200, 10,000 lines each. */
export function numbers(area, count, offset = 0) {
  return Array.from({ length: count }, (_, k) => {
    const i = offset + k;
    return `+1${area}${200 + Math.floor(i / 10000)}${String(i % 10000).padStart(4, "0")}`;
  });
}

/** `count` session trackers `POOL0…` of 1,000 numbers each in area code `area`. */
export function sessionTrackers(count, area = "404") {
  return Array.from({ length: count }, (_, t) => ({
    id: "POOL" + t,
    type: "session",
    status: "active",
    source: "all",
    destination_number: "+15553104554",
    tracking_numbers: numbers(area, 1000, t * 1000),
  }));
}

/**
 * The tracker id of the `n`th claim: the pools one after another, 1,000 claims each, so
 * consecutive claims take neighbouring free numbers of one pool, as one busy campaign's
 * visitors do (a claim of each pool in turn touches a different part of the index every
 * time and measured about 40 % slower on SQLite; BENCH_ROUND_POOLS=1 measures that order).
 */
export const poolFor = (n, count) =>
  "POOL" + (process.env.BENCH_ROUND_POOLS ? n % count : Math.floor(n / 1000) % count);
