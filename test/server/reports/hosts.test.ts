// @vitest-environment node
// The broad table's lookup rules (server/reports/hosts.ts): specificity, paths, names.
import { describe, expect, it } from "vitest";
import { serverLookup } from "../../../server/reports/hosts";

const look = (host: string, path = "/", app = false) => serverLookup(host, path, app);

describe("serverLookup", () => {
  it("the most specific entry wins over the brand", () => {
    expect(look("gemini.google.com")).toMatchObject({ kind: "referral", name: "gemini" });
    expect(look("docs.google.com")).toMatchObject({ kind: "referral", name: "google.com" });
    expect(look("mail.google.com")).toMatchObject({ kind: "email", name: "google.com", display: "Gmail" });
    expect(look("www.google.com")).toMatchObject({ kind: "search", name: "google" });
    expect(look("go.mail.ru")).toMatchObject({ kind: "search", name: "mailru" });
    expect(look("e.mail.ru")).toMatchObject({ kind: "email", name: "mail.ru" });
  });

  it("paths pick ad clicks and assistants on an engine's host", () => {
    expect(look("www.google.com", "/aclk")).toMatchObject({ kind: "search", name: "google", paid: true });
    expect(look("www.google.com", "/ACLK")).toMatchObject({ paid: true });
    expect(look("www.google.com", "/search")).not.toHaveProperty("paid");
    expect(look("www.bing.com", "/chat")).toMatchObject({ kind: "referral", name: "copilot" });
    expect(look("www.bing.com", "/search")).toMatchObject({ kind: "search", name: "bing" });
  });

  it("a name, an alias or a domain as a utm_source value", () => {
    expect(look("facebook", "")).toMatchObject({ kind: "social", name: "facebook" });
    expect(look("fb", "")).toMatchObject({ kind: "social", name: "facebook" });
    expect(look("google", "")).toMatchObject({ kind: "search", name: "google" });
    expect(look("chatgpt.com", "")).toMatchObject({ kind: "referral", name: "chatgpt" });
    expect(look("taboola", "")).toMatchObject({ kind: "referral", name: "taboola", paid: true });
    expect(look("newsletter", "")).toBeNull();
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "~orange.fr", "google.*", ""])(
    "%j is nothing",
    (host) => {
      expect(look(host)).toBeNull();
      expect(look(host, "/", true)).toBeNull();
    },
  );

  it("webmail labels only count left of the registrable domain", () => {
    expect(look("mail.example.com")).toMatchObject({ kind: "email", name: "example.com" });
    expect(look("www.dailymail.co.uk")).toBeNull();
    expect(look("mailchimp.com")).toBeNull();
  });

  it("Android packages, in any case", () => {
    expect(look("com.Slack", "/", true)).toMatchObject({ kind: "social", name: "slack" });
    expect(look("com.google.android.gm", "/", true)).toMatchObject({ kind: "email", name: "google.com" });
    expect(look("com.google.android.gm", "/", false)).toBeNull();
  });
});
