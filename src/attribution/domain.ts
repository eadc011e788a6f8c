// Registrable domains ("eTLD+1") without shipping the Public Suffix List (~230 kB):
// a second-level label that registries use under country codes (co.uk, com.au, ne.jp,
// com.br…) plus the few private suffixes visitors often arrive from. Wrong answers are
// possible for rare suffixes; cookies never depend on this (they probe, see store.ts).

/** Second-level labels that form a public suffix under a two-letter country code. */
const SECOND = /^(co|com|net|org|gov|edu|ac|ne|or|go|gob|gv|nom|ltd|plc|sch|mil|nic|gen)$/;
/** Private suffixes (PSL private section) where each subdomain is its own site. */
const PRIVATE =
  /^(github\.io|blogspot\.com|wordpress\.com|herokuapp\.com|netlify\.app|vercel\.app|pages\.dev|web\.app|substack\.com)$/;

/** An IPv4 address, or an IPv6 one as URL.hostname gives it (`[::1]`). */
export function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.charAt(0) == "[";
}

/**
 * `news.example.co.uk` → `example.co.uk`, `blog.example.com.au` → `example.com.au`,
 * `www.example.com` → `example.com`; IPs and single labels are returned as they are.
 */
export function registrable(host: string): string {
  host = host.toLowerCase().replace(/\.$/, "");
  if (isIp(host)) return host;
  const l = host.split(".");
  const n = l.length;
  let keep = 2;
  if (n > 2 && ((l[n - 1].length == 2 && SECOND.test(l[n - 2])) || PRIVATE.test(l[n - 2] + "." + l[n - 1]))) keep = 3;
  return l.slice(-keep).join(".");
}
