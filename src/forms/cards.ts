// Payment card numbers are never captured, whatever the field is called
// (docs/forms.md#never-captured). Pure, and shared with the server, which applies the
// same rule at intake. A card number is 13 to 19 digits, printed with spaces or dashes or
// none, whose last digit is the Luhn check digit (ISO/IEC 7812-1, annex B).

/** Runs of digits, single spaces or dashes allowed between them, as long as they go. */
const RUN = /\d(?:[ -]?\d)*/g;

/** The Luhn check of a digit string (ISO/IEC 7812-1). */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    // Every second digit from the right is doubled; a two-digit result counts its digit sum.
    if (i % 2) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 == 0;
}

const isCard = (run: string) => {
  const d = run.replace(/\D/g, "");
  return d.length >= 13 && d.length <= 19 && !/^(\d)\1+$/.test(d) && luhn(d);
};

/** Whether a whole field value is a payment card number (spaces and dashes allowed). */
export function isCardNumber(value: string): boolean {
  const v = typeof value == "string" ? value.trim() : "";
  return /^\d(?:[ -]?\d)*$/.test(v) && isCard(v);
}

/** Whether a payment card number stands anywhere in the text (a run of 13 to 19 digits passing Luhn). */
export function containsCardNumber(text: string): boolean {
  return typeof text == "string" && (text.match(RUN) || []).some(isCard);
}

/** The text with every card number inside it replaced, for free text such as a comment. */
export function redactCards(text: string): string {
  return typeof text == "string" ? text.replace(RUN, (run) => (isCard(run) ? "[card number removed]" : run)) : "";
}
