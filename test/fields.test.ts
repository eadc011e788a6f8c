// What a form submission captures (issue 5 item 2, PROTOCOL §5.3).
import { describe, expect, it } from "vitest";
import { MAX_VALUE, sensitive, snapshot } from "../src/forms/fields";

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
