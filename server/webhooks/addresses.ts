// Which IP addresses a webhook may be sent to (docs/protocol.md#9-outgoing-webhooks): public unicast
// only. The ranges are those of the IANA special-purpose address registries (RFC 6890 and its
// updates); an IPv6 address that embeds an IPv4 one (mapped, compatible, translated, NAT64) is judged
// by the IPv4 address it reaches. Pure: guard.ts resolves names and calls this on every answer.
import { isIPv4, isIPv6 } from "node:net";

function v4Number(ip: string): number {
  return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

const V4_SPECIAL: [string, number, string][] = [
  ["0.0.0.0", 8, "an unspecified address (RFC 1122)"],
  ["10.0.0.0", 8, "a private address (RFC 1918)"],
  ["100.64.0.0", 10, "a carrier-grade NAT address (RFC 6598)"],
  ["127.0.0.0", 8, "a loopback address"],
  ["169.254.0.0", 16, "a link-local address (RFC 3927)"],
  ["172.16.0.0", 12, "a private address (RFC 1918)"],
  ["192.0.0.0", 24, "an IETF protocol assignment (RFC 6890)"],
  ["192.0.2.0", 24, "a documentation address (RFC 5737)"],
  ["192.88.99.0", 24, "a 6to4 relay address (RFC 7526)"],
  ["192.168.0.0", 16, "a private address (RFC 1918)"],
  ["198.18.0.0", 15, "a benchmarking address (RFC 2544)"],
  ["198.51.100.0", 24, "a documentation address (RFC 5737)"],
  ["203.0.113.0", 24, "a documentation address (RFC 5737)"],
  ["224.0.0.0", 4, "a multicast address"],
  ["240.0.0.0", 4, "a reserved or broadcast address (RFC 1112, RFC 919)"],
];

function v4Problem(n: number): string | null {
  for (const [base, bits, what] of V4_SPECIAL) {
    const size = 2 ** (32 - bits);
    if (Math.floor(n / size) == Math.floor(v4Number(base) / size)) return what;
  }
  return null;
}

/** The eight 16-bit groups of a valid IPv6 address (a dotted IPv4 tail becomes two groups). */
function v6Groups(ip: string): number[] {
  let s = ip.replace(/%.*$/, "");
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const n = v4Number(dotted[1]);
    s = s.slice(0, dotted.index) + (n >>> 16).toString(16) + ":" + (n & 0xffff).toString(16);
  }
  const [head, tail] = s.includes("::") ? s.split("::") : [s, null];
  const part = (x: string) => (x ? x.split(":").map((g) => parseInt(g, 16)) : []);
  const h = part(head);
  const t = tail === null ? [] : part(tail);
  return [...h, ...Array(8 - h.length - t.length).fill(0), ...t];
}

/** True when the first `bits` bits of `g` are those of `prefix` (groups, zero-filled). */
function inV6(g: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; i * 16 < bits; i++) {
    const left = bits - i * 16;
    const mask = left >= 16 ? 0xffff : (0xffff << (16 - left)) & 0xffff;
    if ((g[i] & mask) != ((prefix[i] || 0) & mask)) return false;
  }
  return true;
}

const V6_SPECIAL: [number[], number, string][] = [
  [[0x64, 0xff9b, 1], 48, "a local-use NAT64 address (RFC 8215)"],
  [[0x100], 64, "a discard-only address (RFC 6666)"],
  [[0x2001, 0xdb8], 32, "a documentation address (RFC 3849)"],
  [[0x2001], 23, "an IETF protocol assignment, Teredo or benchmarking (RFC 6890)"],
  [[0x2002], 16, "a 6to4 address (RFC 3056)"],
  [[0x3fff], 20, "a documentation address (RFC 9637)"],
  [[0xfc00], 7, "a unique-local address (RFC 4193)"],
  [[0xfe80], 10, "a link-local address"],
  [[0xfec0], 10, "a site-local address (RFC 3879)"],
  [[0xff00], 8, "a multicast address"],
];

function v6Problem(g: number[]): string | null {
  if (g.every((x) => x == 0)) return "an unspecified address";
  if (g.slice(0, 7).every((x) => x == 0) && g[7] == 1) return "a loopback address";
  const embedded = g[6] * 65536 + g[7];
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x == 0);
  // ::a.b.c.d (compatible), ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated), 64:ff9b::a.b.c.d (NAT64)
  if (zeros(0, 6) || (zeros(0, 5) && g[5] == 0xffff) || (zeros(0, 4) && g[4] == 0xffff && g[5] == 0)) {
    return v4Problem(embedded);
  }
  if (g[0] == 0x64 && g[1] == 0xff9b && zeros(2, 6)) return v4Problem(embedded);
  for (const [prefix, bits, what] of V6_SPECIAL) if (inV6(g, prefix, bits)) return what;
  // Everything else outside global unicast 2000::/3 is reserved.
  return inV6(g, [0x2000], 3) ? null : "a reserved address";
}

/** Why `ip` is not a public unicast address ("a loopback address"), or null when it is one. */
export function addressProblem(ip: string): string | null {
  if (isIPv4(ip)) return v4Problem(v4Number(ip));
  if (isIPv6(ip)) return v6Problem(v6Groups(ip));
  return "not an IP address";
}
