// What a form submission captures (docs/protocol.md#53-form-submissions, docs/forms.md).
import { describe, expect, it } from "vitest";
import { MAX_VALUE, sensitive, snapshot } from "../src/forms/fields";
import { isCardNumber, luhn, redactCards } from "../src/forms/cards";

describe("sensitive names, types and autocomplete", () => {
  const never: Array<[string, string, string]> = [
    ["pw", "password", ""],
    ["upload", "file", ""],
    ["token", "hidden", ""],
    ["card", "text", "cc-number"],
    ["x", "text", "billing cc-exp"],
    ["x", "text", "section-pay cc-csc"],
    ["x", "text", "cc-name"],
    ["secret", "text", "new-password"],
    ["code", "text", "one-time-code"],
    ["card_number", "text", ""],
    ["cardNumber", "text", ""],
    ["Card Number", "text", ""],
    ["ccnum", "text", ""],
    ["cc-number", "text", ""],
    ["cc_exp", "text", ""],
    ["credit_card", "text", ""],
    ["debitCard", "text", ""],
    ["cvv", "text", ""],
    ["CVV2", "text", ""],
    ["cvc", "text", ""],
    ["csc", "text", ""],
    ["security_code", "text", ""],
    ["Card verification value", "text", ""],
    ["exp", "text", ""],
    ["expiry", "text", ""],
    ["exp_date", "text", ""],
    ["expirationMonth", "text", ""],
    ["exp-year", "text", ""],
    ["ssn", "text", ""],
    ["SSN last 4", "text", ""],
    ["social_security_number", "text", ""],
    ["Social Insurance Number", "text", ""],
    ["pin", "text", ""],
    ["password_confirm", "text", ""],
    ["passcode", "text", ""],
    ["iban", "text", ""],
    ["routing_number", "text", ""],
    ["bank_account", "text", ""],
    ["cardholder", "text", ""],
    ["Card #", "text", ""],
    ["card#", "text", ""],
    ["# on card", "text", ""],
    ["account_number", "text", ""],
    ["accountNumber", "text", ""],
    ["Account No", "text", ""],
    ["acct_no", "text", ""],
    ["acctNum", "text", ""],
    ["routing", "text", ""],
    ["ABA", "text", ""],
    ["sort_code", "text", ""],
    ["Sort code", "text", ""],
    ["IBAN", "text", ""],
    ["bic", "text", ""],
    ["otp", "text", ""],
    ["OTP code", "text", ""],
    ["one_time_code", "text", ""],
    ["oneTimePassword", "text", ""],
    ["2fa", "text", ""],
    ["2FA code", "text", ""],
    ["mfa_token", "text", ""],
    ["totp", "text", ""],
    ["tax_id", "text", ""],
    ["taxId", "text", ""],
    ["TIN", "text", ""],
    ["EIN", "text", ""],
    ["national_id", "text", ""],
    ["National Insurance number", "text", ""],
    ["auth_code", "text", ""],
  ];
  it.each(never)("never: %s (type %s, autocomplete %s)", (name, type, ac) =>
    expect(sensitive(name, type, ac)).toBe(true),
  );

  const kept: Array<[string, string, string]> = [
    ["Email", "email", "email"],
    ["Name", "text", "name"],
    ["phone", "tel", "tel"],
    ["Company", "text", "organization"],
    ["business_name", "text", ""],
    ["Expected start", "text", ""],
    ["experience", "textarea", ""],
    ["Pinterest", "text", ""],
    ["zip", "text", "postal-code"],
    ["account_name", "text", ""],
    ["Comments", "textarea", ""],
    ["message", "text", "off"],
    ["spin_class", "text", ""],
    ["discount code", "text", ""],
    ["Account type", "text", ""],
    ["Sort by", "text", ""],
    ["routine", "text", ""],
    ["Order #", "text", ""],
    ["Gift card message", "textarea", ""],
    ["Cardiology referral", "text", ""],
    ["Shipping option", "text", ""],
    ["Author", "text", ""],
  ];
  it.each(kept)("kept: %s (type %s, autocomplete %s)", (name, type, ac) =>
    expect(sensitive(name, type, ac)).toBe(false),
  );
});

function form(html: string): HTMLFormElement {
  document.body.innerHTML = `<form>${html}</form>`;
  return document.querySelector("form")!;
}

describe("snapshot", () => {
  it("names come from name, else the label's text, else the id", () => {
    const f = form(`
      <input name="Email" value="a@b.c">
      <label for="n1">Your  full
        name</label><input id="n1" value="Dana">
      <label>Town <input value="Atlanta"></label>
      <input id="zip" value="30301">
      <input value="no name at all">`);
    expect(snapshot(f, [])).toEqual({ Email: "a@b.c", "Your full name": "Dana", Town: "Atlanta", zip: "30301" });
  });

  it("checked boxes and radios only; selects give the selected options; repeated names keep every value", () => {
    const f = form(`
      <input type="checkbox" name="news" value="yes">
      <input type="checkbox" name="topics" value="drains" checked>
      <input type="checkbox" name="topics" value="heaters" checked>
      <input type="radio" name="when" value="am">
      <input type="radio" name="when" value="pm" checked>
      <select name="service"><option>a</option><option selected>b</option></select>
      <select name="extras" multiple><option selected>x</option><option>y</option><option selected>z</option></select>
      <textarea name="Comments">  hello  </textarea>`);
    expect(snapshot(f, [])).toEqual({
      topics: ["drains", "heaters"],
      when: "pm",
      service: "b",
      extras: ["x", "z"],
      Comments: "hello",
    });
  });

  it("never captures passwords, files, hidden, card or marked fields, disabled ones, ignored_fields, or buttons", () => {
    const f = form(`
      <input name="Email" value="a@b.c">
      <input type="password" name="pw" value="hunter2">
      <input type="file" name="cv">
      <input type="hidden" name="csrf" value="t0k3n">
      <input name="card" autocomplete="cc-number" value="4111111111111111">
      <input name="cvv" value="123">
      <input name="x" id="ssn" value="078-05-1120">
      <input name="notes" data-cr-no-capture value="private">
      <div data-cr-no-capture><input name="inner" value="private"></div>
      <input name="old" disabled value="x">
      <input name="Captcha" value="xyz">
      <button name="go" value="1">Send</button>
      <input type="submit" name="send" value="Send">`);
    expect(snapshot(f, ["captcha"])).toEqual({ Email: "a@b.c" });
  });

  it("trims and caps values, and keeps the whole under the payload budget", () => {
    const f = form(`<input name="long" value="${"x".repeat(MAX_VALUE + 50)}">`);
    expect((snapshot(f, []).long as string).length).toBe(MAX_VALUE);
    const many = Array.from(
      { length: 12 },
      (_, i) => `<textarea name="t${i}">${"é".repeat(MAX_VALUE)}</textarea>`,
    ).join("");
    const data = snapshot(form(many), []);
    const bytes = new TextEncoder().encode(JSON.stringify(data)).length;
    expect(bytes).toBeLessThan(40000);
    expect(Object.keys(data).length).toBeGreaterThan(1);
  });
});

describe("card numbers by value (whatever the field is called)", () => {
  it.each([
    ["4111111111111111", true],
    ["4111 1111 1111 1111", true],
    ["4111-1111-1111-1111", true],
    [" 4111111111111111 ", true],
    ["378282246310005", true],
    ["3782 822463 10005", true],
    ["6011111111111117", true],
    ["5555555555554444", true],
    ["4222222222222", true],
    ["6200000000000005", true],
    ["4111111111111112", false],
    ["4111  1111 1111 1111", false],
    ["4111.1111.1111.1111", false],
    ["411111111111", false],
    ["41111111111111111113", false],
    ["0000000000000000", false],
    ["+1 404 555 1111", false],
    ["4045551111", false],
    ["card 4111111111111111", false],
    ["", false],
  ])("%s → %s", (value, card) => expect(isCardNumber(value)).toBe(card));

  it.each([
    ["79927398713", true],
    ["79927398710", false],
    ["0", true],
    ["18", true],
    ["17", false],
  ])("luhn(%s) → %s", (digits, ok) => expect(luhn(digits)).toBe(ok));

  it.each([
    ["my card is 4111 1111 1111 1111, thanks", "my card is [card number removed], thanks"],
    ["4111111111111111", "[card number removed]"],
    ["order 12345, call 404-555-1111", "order 12345, call 404-555-1111"],
    ["tracking 1Z 999 AA1 0123 4567 84", "tracking 1Z 999 AA1 0123 4567 84"],
    ["two: 5555555555554444 and 378282246310005", "two: [card number removed] and [card number removed]"],
  ])("redactCards(%s)", (text, out) => expect(redactCards(text)).toBe(out));

  it("a snapshot drops card values from any field and cuts them out of free text", () => {
    const f = form(`
      <input name="Email" value="a@b.c">
      <input name="reference" value="4111 1111 1111 1111">
      <input name="promo" value="5555-5555-5555-4444">
      <input name="order" value="4111111111111112">
      <textarea name="Comments">pay with 4111111111111111 please</textarea>`);
    expect(snapshot(f, [])).toEqual({
      Email: "a@b.c",
      order: "4111111111111112",
      Comments: "pay with [card number removed] please",
    });
  });
});
