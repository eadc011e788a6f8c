// What a form submission never keeps, as the server applies it at intake with the bundle's own
// rules (src/forms/cards.ts, src/forms/fields.ts): card numbers by value, secrets by name.
import { describe, expect, it } from "vitest";
import { containsCardNumber as looksLikeCard, luhn } from "../../../src/forms/cards";
import { secretName } from "../../../src/forms/fields";
import { keptData } from "../../../server/intake/form";

describe("looksLikeCard", () => {
  it.each([
    ["4111111111111111", true],
    ["4111 1111 1111 1111", true],
    ["4111-1111-1111-1111", true],
    ["card: 5500 0000 0000 0004 exp 12/30", true],
    ["378282246310005", true], // 15 digits
    ["6011111111111117", true],
    ["4222222222222", true], // 13 digits
    ["4111111111111112", false], // fails Luhn
    ["4111  1111 1111 1111", false], // two spaces split the run: 4 and 12 digits
    ["404-555-1111", false],
    ["+1 (404) 555-1111", false],
    ["2026-11-22", false],
    ["41111111111111111111", false], // 20 digits
    ["", false],
  ])("%j → %s", (value, card) => {
    expect(looksLikeCard(value)).toBe(card);
  });

  it("luhn", () => {
    expect(["79927398713", "0", "18"].map(luhn)).toEqual([true, true, true]);
    expect(["79927398710", "1"].map(luhn)).toEqual([false, false]);
  });
});

describe("secretName", () => {
  it.each([
    "cardNumber",
    "card_no",
    "Card #",
    "Account #",
    "credit card",
    "CVV",
    "cvc2",
    "Security code",
    "exp",
    "Expiration month",
    "account_number",
    "accountNumber",
    "acct_no",
    "Routing",
    "routing number",
    "sort_code",
    "Sort code",
    "IBAN",
    "otp",
    "one_time_code",
    "2fa",
    "MFA code",
    "ssn",
    "Social Security Number",
    "tax_id",
    "Tax ID",
    "taxpayer id",
    "password",
    "Passcode",
    "PIN",
    "National insurance number",
    "cardholder name",
  ])("%s is a secret", (name) => {
    expect(secretName(name)).toBe(true);
  });

  it.each([
    "Email",
    "Name",
    "Phone",
    "Comments",
    "Shipping address",
    "Gift card message",
    "Account manager",
    "Card type", // the kind of card, not its number
    "Taxidermy service",
    "Spinning class",
    "Expected date",
    "Company",
    "Order number",
  ])("%s is not", (name) => {
    expect(secretName(name)).toBe(false);
  });
});

describe("keptData", () => {
  it("drops secret names, ignored fields (any case) and card values one by one; cuts a card out of free text", () => {
    expect(
      keptData(
        {
          Email: "a@b.c",
          cvv: "123",
          Captcha: "x",
          Notes: "pay with 4111 1111 1111 1111",
          Services: ["a", "4111111111111111"],
          Cards: ["4111111111111111"],
        },
        ["captcha"],
      ),
    ).toEqual({ Email: "a@b.c", Notes: "pay with [card number removed]", Services: ["a"] });
  });
});
