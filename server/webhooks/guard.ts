// The address guard against server-side request forgery (docs/protocol.md#9-outgoing-webhooks): an
// operator-supplied webhook URL must not make the server call itself or its private network. A URL
// is allowed with http: or https:, no credentials, and only when every address its host resolves to
// is public (addresses.ts). The check runs after DNS resolution and returns the address it checked;
// send.ts connects to exactly that address, so a name cannot resolve to a public address for the
// check and a private one for the connection (DNS rebinding). WEBHOOKS_ALLOW_PRIVATE=1 lifts the
// address rule, for receivers on a private network and for tests.
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { addressProblem } from "./addresses";

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses (dns.lookup, as a connection would; injectable for tests). */
export type Lookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export interface GuardOptions {
  /** Allow private, loopback and other non-public addresses (WEBHOOKS_ALLOW_PRIVATE=1). */
  allowPrivate?: boolean;
  lookup?: Lookup;
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; error: string };
export type AddressCheck = { ok: true; url: URL; address: string; family: 4 | 6 } | { ok: false; error: string };

export const MAX_URL_LENGTH = 2048;

export function allowPrivateFromEnv(env: Record<string, string | undefined> = process.env): boolean {
  return env.WEBHOOKS_ALLOW_PRIVATE == "1";
}

/**
 * The rules that need no DNS: for validating an integration's URLs when they are saved. The URL
 * parser already reads every IPv4 spelling (2130706433, 0x7f.1, 017700000001, 127.1) as the address
 * it means, so the address rule sees 127.0.0.1.
 */
export function parseWebhookUrl(raw: string): UrlCheck {
  if (typeof raw != "string" || !raw || raw.length > MAX_URL_LENGTH) {
    return { ok: false, error: `a webhook URL is a string of 1 to ${MAX_URL_LENGTH} characters` };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: "not a valid URL" };
  }
  if (url.protocol != "http:" && url.protocol != "https:") return { ok: false, error: "only http and https URLs" };
  if (url.username || url.password) return { ok: false, error: "no credentials in the URL" };
  if (!url.hostname) return { ok: false, error: "the URL has no host" };
  return { ok: true, url };
}

const bare = (hostname: string) => hostname.replace(/^\[(.*)\]$/, "$1");

/** All the rules, after resolving the host: the address to connect to, or why not. */
export async function checkWebhookUrl(raw: string, options: GuardOptions = {}): Promise<AddressCheck> {
  const parsed = parseWebhookUrl(raw);
  if (!parsed.ok) return parsed;
  const { url } = parsed;
  const host = bare(url.hostname);
  const allowPrivate = !!options.allowPrivate;
  let addresses: ResolvedAddress[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else if (!allowPrivate && /(^|\.)localhost\.?$/i.test(host)) {
    // RFC 6761: localhost names are loopback whatever a resolver says.
    return { ok: false, error: `${host} is a loopback name` };
  } else {
    try {
      addresses = await (options.lookup || systemLookup)(host);
    } catch (e) {
      return { ok: false, error: `cannot resolve ${host}: ${(e as { code?: string }).code || (e as Error).message}` };
    }
  }
  if (!addresses.length) return { ok: false, error: `${host} has no address` };
  for (const a of addresses) {
    const problem = isIP(a.address) ? (allowPrivate ? null : addressProblem(a.address)) : "not an IP address";
    if (problem) return { ok: false, error: `${host} resolves to ${a.address}, ${problem}` };
  }
  const first = addresses[0];
  return { ok: true, url, address: first.address, family: isIP(first.address) as 4 | 6 };
}
