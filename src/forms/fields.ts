// What a form submission captures (docs/protocol.md#53-form-submissions, docs/forms.md):
// field names and values read synchronously from the form, and the rules for what is never
// captured. The name rules are pure (`sensitive`) and tested by a table; card numbers are
// recognised by value too (cards.ts).
import { dict } from "../safe";
import { isCardNumber, redactCards } from "./cards";
import { readValues, type Values } from "./values";

type Field = HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement;
export type FormData = Record<string, string | string[]>;

/** Longest value kept per field, and the budget for all of form_data (bytes of JSON). */
export const MAX_VALUE = 5000;
export const MAX_DATA_BYTES = 40000;
/** Forms and fields (or an element around them) marked by the site are never captured (docs/protocol.md#53-form-submissions). */
export const NO_CAPTURE = "data-cr-no-capture";

/** Whole words of a name: `billing_cardNumber` → billing card number. */
export const nameWords = (s: string) =>
  s
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * Short words that mean a secret on their own (cvv, ssn, pin, otp, 2fa…); longer stems are
 * matched inside the joined name (`account_number` → `accountnumber`).
 */
const SECRET_WORDS =
  /^(cvv2?|cvc2?|csc|cvn|cid|ssn|sin|tin|itin|ein|nino|pin|pan|exp|mmyy|ccv|cc|otp|totp|2fa|tfa|mfa|routing|aba|bsb|iban|bic|swift|pwd|taxid)$/;
const SECRET_STEMS =
  /creditcard|debitcard|cardnum|cardno|ccnum|ccno|ccexp|cardexp|securitycode|cardcode|verificationcode|cardverif|cardholder|expir|expdate|expmonth|expyear|socialsecurity|socialinsurance|nationalinsurance|nationalid|taxidnum|taxpayer|passw|passcode|passphrase|iban|routingnum|bankaccount|accountnum|accountno|acctnum|acctno|sortcode|onetimecode|onetimepass|onetimepin|authcode|securitypin|securityanswer/;
/** Secrets named in two words: `Tax ID`, `security question` (joined, `taxid` would match taxidermy). */
const SECRET_PHRASES = / (tax id|tax number|security question|security answer) /;
/** `card #`, `account #`, `# on card`: the number sign is not a word character, so it is looked for in the raw name. */
const CARD_SIGN = /(card|account|acct)\s*#|#[\s\w]*card/i;

/** Whether a field's name or label names a secret that is never kept (also the server's rule at intake). */
export function secretName(name: string): boolean {
  const w = nameWords(name);
  return (
    w.some((x) => SECRET_WORDS.test(x)) ||
    SECRET_STEMS.test(w.join("")) ||
    SECRET_PHRASES.test(" " + w.join(" ") + " ") ||
    CARD_SIGN.test(name)
  );
}

/**
 * Whether a field must never be captured, from its name or label, `type` and
 * `autocomplete` (docs/protocol.md#53-form-submissions): passwords, files, hidden inputs, card data (cc-*),
 * security codes, expiry dates, social security and bank numbers.
 */
export function sensitive(name: string, type: string, autocomplete: string): boolean {
  if (/^(password|file|hidden|submit|button|reset|image)$/i.test(type)) return true;
  if (/(^|\s)(cc-|new-password|current-password|one-time-code)/i.test(autocomplete)) return true;
  return secretName(name);
}

/** The name a field is reported under: `name`, else its label's text, else its `id`. */
export function fieldName(el: Field): string {
  const label = el.labels && el.labels[0];
  return (el.name || (label && (label.textContent || "").replace(/\s+/g, " ").trim()) || el.id || "").slice(0, 200);
}

const bytes = (s: string) => s.length + 2 * (s.match(/[\u0080-\uffff]/g) || []).length;

/**
 * The fields of `form` as form_data: checked boxes and radios only, the selected options
 * of selects, every value of a repeated name (then an array), values trimmed and capped,
 * nothing from sensitive or marked fields, nothing named in `ignored` (case-insensitive),
 * and fields past the payload budget left out. `read`: what the controls held when the
 * form was submitted (values.ts), read now by default.
 */
export function snapshot(form: HTMLFormElement, ignored: string[], read: Values = readValues(form)): FormData {
  const out: FormData = dict(); // a field named "constructor" or "__proto__" is just a name
  const skip = ignored.map((s) => s.toLowerCase());
  let budget = MAX_DATA_BYTES;
  for (const [control, checked, held] of read) {
    const el = control as Field;
    const tag = el.tagName;
    if (tag != "INPUT" && tag != "SELECT" && tag != "TEXTAREA") continue;
    const type = (el.type || "").toLowerCase();
    const name = fieldName(el);
    if (!name || el.disabled || el.closest("[" + NO_CAPTURE + "]")) continue; // closest() includes the field itself
    if (
      skip.indexOf(name.toLowerCase()) >= 0 ||
      sensitive(name + " " + (el.id || ""), type, el.getAttribute("autocomplete") || "")
    )
      continue;
    if ((type == "checkbox" || type == "radio") && !checked) continue;
    for (let v of ([] as unknown[]).concat(held) as string[]) {
      v = String(v == null ? "" : v).trim();
      // A card number is never captured, whatever the field is called; inside free text it is cut out.
      if (isCardNumber(v)) continue;
      v = redactCards(v).slice(0, MAX_VALUE);
      const cost = bytes(JSON.stringify(name) + JSON.stringify(v)) + 4;
      if (cost > budget) continue;
      budget -= cost;
      const had = out[name];
      out[name] = had === undefined ? v : ([] as string[]).concat(had, v);
    }
  }
  return out;
}
