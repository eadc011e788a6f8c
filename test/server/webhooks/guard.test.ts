// @vitest-environment node
// The address guard (docs/protocol.md#9-outgoing-webhooks): which webhook URLs the server refuses to
// call, checked after DNS resolution with an injected resolver.
import { describe, expect, it, vi } from "vitest";
import { addressProblem } from "../../../server/webhooks/addresses";
import {
  allowPrivateFromEnv,
  checkWebhookUrl,
  parseWebhookUrl,
  type Lookup,
  type ResolvedAddress,
} from "../../../server/webhooks/guard";

const resolvesTo =
  (...addresses: string[]): Lookup =>
  async () =>
    addresses.map((address): ResolvedAddress => ({ address, family: address.includes(":") ? 6 : 4 }));
const mustNotResolve: Lookup = async (host) => {
  throw new Error("no DNS lookup expected for " + host);
};

describe("addresses that are refused", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["192.0.0.8", "IETF"],
    ["192.0.2.1", "documentation"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.9", "documentation"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking"],
    ["192.88.99.1", "6to4"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["fe80::1", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["fec0::1", "site-local"],
    ["fc00::1", "unique-local"],
    ["fd12:3456:789a::1", "unique-local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "documentation"],
    ["3fff::1", "documentation"],
    ["2001::1", "Teredo"],
    ["2001:2::1", "benchmarking"],
    ["2002:7f00:1::1", "6to4"],
    ["100::1", "discard"],
    ["64:ff9b:1::a00:1", "local-use NAT64"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "link-local"],
    ["::127.0.0.1", "loopback"],
    ["::7f00:1", "loopback"],
    ["::ffff:0:7f00:1", "loopback"],
    ["64:ff9b::10.0.0.1", "private"],
    ["64:ff9b::a00:1", "private"],
    ["64:ff9b::7f00:1", "loopback"],
    ["4000::1", "reserved"],
    ["not-an-ip", "not an IP"],
  ])("%s (%s)", (ip, what) => {
    expect(addressProblem(ip)).toContain(what);
  });
});

describe("addresses that are public", () => {
  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "11.0.0.1",
    "172.15.255.255",
    "172.32.0.1",
    "100.63.255.255",
    "100.128.0.0",
    "169.253.255.255",
    "192.167.255.255",
    "192.169.0.1",
    "198.17.255.255",
    "198.20.0.0",
    "223.255.255.255",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
    "64:ff9b::8.8.8.8",
    "64:ff9b::808:808",
  ])("%s", (ip) => {
    expect(addressProblem(ip)).toBeNull();
  });
});

describe("URLs refused before any DNS lookup", () => {
  it.each([
    ["ftp://hooks.example/x", "http and https"],
    ["file:///etc/passwd", "http and https"],
    ["javascript:alert(1)", "http and https"],
    ["gopher://127.0.0.1:6379/_FLUSHALL", "http and https"],
    ["https://user:secret@hooks.example/x", "credentials"],
    ["https://user@hooks.example/x", "credentials"],
    ["not a url", "not a valid URL"],
    ["", "1 to 2048"],
    ["https://hooks.example/" + "a".repeat(2048), "1 to 2048"],
    ["http://localhost:8787/x", "loopback name"],
    ["http://api.localhost/x", "loopback name"],
    ["http://LOCALHOST./x", "loopback name"],
  ])("%s", async (url, error) => {
    const result = await checkWebhookUrl(url, { lookup: mustNotResolve });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(error);
  });

  it.each([
    ["http://127.0.0.1/", "127.0.0.1"],
    ["http://2130706433/", "127.0.0.1"],
    ["http://0x7f.1/", "127.0.0.1"],
    ["http://017700000001/", "127.0.0.1"],
    ["http://0x7f000001/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"],
    ["http://0177.0.0.01/", "127.0.0.1"],
    ["http://１２７.0.0.1/", "127.0.0.1"],
    ["http://0/", "0.0.0.0"],
    ["http://169.254.169.254/latest/meta-data/", "169.254.169.254"],
    ["http://[::1]:8787/", "::1"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["http://[::ffff:7f00:1]/", "::ffff:7f00:1"],
    ["http://[fe80::1]/", "fe80::1"],
    ["http://[fd00::1]/", "fd00::1"],
    ["http://[64:ff9b::192.168.0.1]/", "64:ff9b::c0a8:1"],
  ])("an address literal: %s", async (url, address) => {
    const result = await checkWebhookUrl(url, { lookup: mustNotResolve });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(`resolves to ${address}`);
  });
});

describe("names checked after DNS resolution", () => {
  it.each([
    ["a name that resolves to loopback", ["127.0.0.1"]],
    ["a name that resolves to IPv6 loopback", ["::1"]],
    ["a name that resolves to the metadata service", ["169.254.169.254"]],
    ["a name that resolves to a mapped private address", ["::ffff:192.168.0.10"]],
    ["one public and one private address", ["93.184.216.34", "10.0.0.5"]],
    ["one private and one public address", ["10.0.0.5", "93.184.216.34"]],
    ["a public IPv6 and a unique-local one", ["2606:4700:4700::1111", "fd00::5"]],
  ])("refuses %s", async (_, addresses) => {
    const result = await checkWebhookUrl("https://hooks.example/calltrk", { lookup: resolvesTo(...addresses) });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^hooks\.example resolves to /);
  });

  it("allows a name whose every address is public, and returns the address to connect to", async () => {
    const lookup = vi.fn(resolvesTo("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"));
    const result = await checkWebhookUrl("https://hooks.example:8443/calltrk?x=1", { lookup });
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(lookup).toHaveBeenCalledWith("hooks.example");
    expect(result).toMatchObject({ ok: true, address: "93.184.216.34", family: 4 });
    expect(result.ok && result.url.href).toBe("https://hooks.example:8443/calltrk?x=1");
  });

  it("refuses a name that does not resolve, or resolves to nothing", async () => {
    const notFound: Lookup = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    expect(await checkWebhookUrl("https://nowhere.example/", { lookup: notFound })).toEqual({
      ok: false,
      error: "cannot resolve nowhere.example: ENOTFOUND",
    });
    expect(await checkWebhookUrl("https://empty.example/", { lookup: resolvesTo() })).toEqual({
      ok: false,
      error: "empty.example has no address",
    });
  });
});

describe("WEBHOOKS_ALLOW_PRIVATE", () => {
  it("lifts the address rule but not the others", async () => {
    const allow = { allowPrivate: true, lookup: resolvesTo("10.0.0.5") };
    expect(await checkWebhookUrl("http://127.0.0.1:9000/x", allow)).toMatchObject({ ok: true, address: "127.0.0.1" });
    expect(
      await checkWebhookUrl("http://localhost:9000/x", { allowPrivate: true, lookup: resolvesTo("127.0.0.1") }),
    ).toMatchObject({ ok: true, address: "127.0.0.1" });
    expect(await checkWebhookUrl("http://hooks.internal/x", allow)).toMatchObject({ ok: true, address: "10.0.0.5" });
    expect(await checkWebhookUrl("ftp://127.0.0.1/x", allow)).toMatchObject({ ok: false });
    expect(await checkWebhookUrl("http://u:p@127.0.0.1/x", allow)).toMatchObject({ ok: false });
  });

  it("is on only for the value 1", () => {
    expect(allowPrivateFromEnv({ WEBHOOKS_ALLOW_PRIVATE: "1" })).toBe(true);
    for (const v of [undefined, "", "0", "true", "yes"]) {
      expect(allowPrivateFromEnv({ WEBHOOKS_ALLOW_PRIVATE: v })).toBe(false);
    }
  });
});

describe("parseWebhookUrl: the rules checked when an integration is saved", () => {
  it("accepts http and https URLs with ports, paths and queries", () => {
    for (const u of ["https://hooks.example/a?b=c", "http://hooks.example:8080/", "https://[2606:4700::1]/x"]) {
      expect(parseWebhookUrl(u).ok).toBe(true);
    }
  });
});
