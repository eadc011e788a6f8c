// UUID v4 (RFC 9562 docs/protocol.md#54-consent) from getRandomValues: crypto.randomUUID exists only in secure
// contexts, and many small-business sites are still served over plain http.
export function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64;
  b[8] = (b[8] & 63) | 128;
  let s = "";
  for (let i = 0; i < 16; i++)
    s += (i == 4 || i == 6 || i == 8 || i == 10 ? "-" : "") + (b[i] + 256).toString(16).slice(1);
  return s;
}
