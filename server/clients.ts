// Who is asking, for the limits that are per client: the client's address (the socket's peer,
// or with TRUST_PROXY the last X-Forwarded-For entry, which your own proxy added), grouped the
// way addresses are handed out: an IPv6 client usually holds a whole /64, so one address there
// would let it pick a fresh address per request. The store never sees an address: a lease keeps
// a keyed hash of the group (clientKey), dropped when the lease ends (docs/security.md).
import { createHmac } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";

/** The socket's peer address; null for a request made in-process (no socket), "" when Node does not know it. */
export function peer(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address || "";
  } catch {
    return null;
  }
}

/** The last X-Forwarded-For entry (the one your own proxy added), or null without the header. */
export function forwardedFor(c: Context): string | null {
  const forwarded = c.req.header("x-forwarded-for");
  return forwarded ? forwarded.split(",").pop()!.trim() : null;
}

/** The client's address: forwarded behind your own proxy, else the peer; "local" in-process. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? forwardedFor(c) : null;
  if (forwarded != null) return forwarded;
  const p = peer(c);
  return p == null ? "local" : p || "unknown";
}

/** IPv6 addresses as their /64 (`2001:db8:1:2::/64`); IPv4 (also IPv4-mapped IPv6) as they are. */
export function addressGroup(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIPv4(address) || !isIPv6(address)) return address;
  const [head, tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return (
    groups
      .slice(0, 4)
      .map((g) => g.replace(/^0+(?=.)/, ""))
      .join(":") + "::/64"
  );
}

/** A keyed hash of the client's address group: the same client, the same key; no address kept. */
export function clientKey(secret: string, address: string): string {
  return createHmac("sha256", secret).update(addressGroup(address)).digest("base64url").slice(0, 16);
}
