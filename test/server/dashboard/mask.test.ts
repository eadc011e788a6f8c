// @vitest-environment node
// What a lead's page hides (docs/dashboard.md#lead-details): by the bundle's field-name rule,
// by secret-looking names, and by value shape whatever the field is called; long values cut.
import { describe, expect, it } from "vitest";
import { luhn } from "../../../src/forms/cards";
import { hiddenBecause, showValue } from "../../../server/dashboard/mask";

describe("hidden values", () => {
  it.each([
    // value shapes, whatever the field is called
    ["Comments", "4111 1111 1111 1111", "card number ending 1111"],
    ["notes", "4111-1111-1111-1111", "card number ending 1111"],
    ["x", "378282246310005", "card number ending 0005"], // Amex, 15 digits
    ["x", "6011111111111117", "card number ending 1117"],
    ["Message", "123-45-6789", "social security number"],
    ["Message", "sk_live_4eC39HqLyjWDarjtT1zdp7dc0123abcd", "looks like a secret or token"],
    [
      "field_7",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r",
      "looks like a secret or token",
    ],
    // field names: the bundle's rule (src/forms/fields.ts), and tokens and secrets
    ["password", "hunter2", "sensitive field"],
    ["cardNumber", "x", "sensitive field"],
    ["cvv", "123", "sensitive field"],
    ["ssn", "x", "sensitive field"],
    ["billing_exp_date", "12/29", "sensitive field"],
    ["api_token", "abc", "sensitive field"],
    ["Client secret", "abc", "sensitive field"],
    ["otp", "123456", "sensitive field"],
  ])("%s = %j: %s", (name, value, why) => expect(hiddenBecause(name, value)).toBe(why));

  it.each([
    ["Email", "dana@example.com"],
    ["Phone", "(404) 555-1111"],
    ["Phone", "+44 20 7946 0958"],
    ["Comments", "Leak under the sink, call after 5"],
    ["Order", "4111 1111 1111 1112"], // fails Luhn: not a card
    ["Zip", "30303-1234"],
    ["Date", "2026-11-22"],
    ["Amount", "1234567890123"], // 13 digits, fails Luhn
    ["Page", "https://www.site.example/contact?utm_source=newsletter&utm_campaign=spring2026x"],
    ["Name", "a".repeat(40)], // long but no digits: a word, not a key
  ])("%s = %j is shown", (name, value) => expect(hiddenBecause(name, value)).toBeNull());

  it("Luhn", () => {
    expect(luhn("4111111111111111")).toBe(true);
    expect(luhn("4111111111111112")).toBe(false);
    expect(luhn("79927398713")).toBe(true);
  });
});

describe("long values", () => {
  it("cut at the limit, counted in characters (not UTF-16 units)", () => {
    expect(showValue("Comments", "short")).toEqual({ text: "short", hidden: null, cut: 0 });
    expect(showValue("Comments", "x".repeat(505))).toEqual({ text: "x".repeat(500), hidden: null, cut: 5 });
    expect(showValue("Comments", "😀".repeat(12), 10)).toEqual({ text: "😀".repeat(10), hidden: null, cut: 2 });
  });

  it("a hidden value shows nothing of itself", () => {
    expect(showValue("password", "hunter2")).toEqual({ text: "", hidden: "sensitive field", cut: 0 });
  });
});
