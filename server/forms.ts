// What a form submission must never keep (docs/protocol.md#53-form-submissions,
// docs/security.md#form-submissions): payment card numbers by their value, and secrets by the
// field's name. Pure and free of imports, so that the browser bundle can import the same rules
// (src/forms/) and the server applies them again at intake, whatever sent the submission.

/** Whole words of a field name: `billing_cardNumber` → billing card number. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Words that name a secret on their own (matched whole: `pin` is not `shipping`). */
const SECRET_WORDS = new Set(
  (
    "cvv cvv2 cvc cvc2 csc cvn cid ccv ssn sin itin pin pan exp mmyy cc otp totp mfa 2fa tfa " +
    "iban routing pwd nino taxid"
  ).split(" "),
);
/** Stems matched inside the joined words (`creditCardNumber` → creditcardnumber). */
const SECRET_STEMS = new RegExp(
  [
    "creditcard|debitcard|cardnum|cardno|ccnum|ccno|ccexp|cardexp|cardholder|cardcode|cardverif",
    "securitycode|verificationcode|authcode|expir|expdate|expmonth|expyear",
    "socialsecurity|socialinsurance|nationalinsurance|taxpayer|taxidnum",
    "passw|passcode|passphrase|onetimecode|onetimepass|onetimepin|securityanswer",
    "iban|routingnum|bankaccount|accountnum|accountno|acctnum|acctno|sortcode",
  ].join("|"),
);
/** Names whose only tell is a `#`, which the word split drops: `Card #`, `Account #`. */
const NUMBER_SIGN = /\b(card|account|acct)\s*#/i;
/** Consecutive words that name a secret: `Tax ID`, `security question`. */
const SECRET_PHRASES = / (tax id|tax number|security question|security answer) /;

/**
 * Whether a field with this name (or label) holds a secret that is never kept: card numbers,
 * security codes and expiry dates, one-time and two-factor codes, passwords, social security
 * and tax numbers, bank account, routing and sort codes, IBANs.
 */
export function secretName(name: string): boolean {
  if (NUMBER_SIGN.test(name)) return true;
  const w = nameWords(name);
  return (
    w.some((x) => SECRET_WORDS.has(x)) || SECRET_STEMS.test(w.join("")) || SECRET_PHRASES.test(" " + w.join(" ") + " ")
  );
}

/** Runs of digits with single spaces or dashes between them (`4111 1111-1111 1111`). */
const DIGIT_RUNS = /\d(?:[ -]?\d)*/g;

/** The Luhn checksum (ISO/IEC 7812-1) of a string of digits. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 == 0;
}

/**
 * Whether a value holds a payment card number: a run of 13 to 19 digits (spaces or dashes
 * between them allowed) that passes the Luhn check, anywhere in the value (ISO/IEC 7812: card
 * numbers are 13 to 19 digits long). One in ten random runs of that length passes Luhn, so an
 * order number may be taken for a card: the value is then dropped, never anything else.
 */
export function looksLikeCard(value: string): boolean {
  for (const run of value.match(DIGIT_RUNS) || []) {
    const digits = run.replace(/\D/g, "");
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) return true;
  }
  return false;
}
