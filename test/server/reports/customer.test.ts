// @vitest-environment node
// Who submitted a form (docs/attribution.md#customer-fields), from realistic forms.
import { describe, expect, it } from "vitest";
import { customerOf, formatName, roleOf } from "../../../server/reports/customer";
import { formatPhone, toE164 } from "../../../server/reports/phone";

type Want = [name: string | null, email: string | null, phone: string | null];

describe("customerOf", () => {
  it.each<[string, Record<string, unknown>, Want]>([
    [
      "English contact form",
      { "Your name": "Jane Doe", "E-mail": "jane@example.com", "Phone number": "(404) 555-1111", Message: "Leak" },
      ["Jane Doe", "jane@example.com", "+14045551111"],
    ],
    [
      "first and last name",
      { "First name": "Jane", "Last name": "Doe", Email: "jane@example.com", Phone: "404.555.1111" },
      ["Jane Doe", "jane@example.com", "+14045551111"],
    ],
    ["camelCase names", { firstName: "Jane", lastName: "Doe", emailAddress: "j@x.io" }, ["Jane Doe", "j@x.io", null]],
    [
      "snake_case names",
      { first_name: "Jane", last_name: "Doe", phone_number: "4045551111" },
      ["Jane Doe", null, "+14045551111"],
    ],
    [
      "HubSpot",
      { firstname: "Jane", lastname: "Doe", email: "j@x.io", mobilephone: "+1 404 555 1111" },
      ["Jane Doe", "j@x.io", "+14045551111"],
    ],
    [
      "Contact Form 7",
      { "your-name": "Jane Doe", "your-email": "j@x.io", "your-tel": "404-555-1111" },
      ["Jane Doe", "j@x.io", "+14045551111"],
    ],
    ["Elementor", { "form_fields[name]": "Jane Doe", "form_fields[email]": "j@x.io" }, ["Jane Doe", "j@x.io", null]],
    [
      "WPForms sub-fields",
      { "wpforms[fields][1][first]": "Jane", "wpforms[fields][1][last]": "Doe" },
      ["Jane Doe", null, null],
    ],
    [
      "French",
      { Nom: "Dupont", Prénom: "Marie", Courriel: "marie@exemple.fr", Téléphone: "+33 6 12 34 56 78" },
      ["Marie Dupont", "marie@exemple.fr", "+33612345678"],
    ],
    [
      "French, one field",
      { "Nom et prénom": "Marie Dupont", "Adresse e-mail": "m@exemple.fr" },
      ["Marie Dupont", "m@exemple.fr", null],
    ],
    [
      "Spanish",
      { Nombre: "Lucía", Apellido: "García", "Correo electrónico": "lucia@ejemplo.es", Teléfono: "+34 612 345 678" },
      ["Lucía García", "lucia@ejemplo.es", "+34612345678"],
    ],
    ["Spanish, one field", { "Nombre y apellidos": "Lucía García López" }, ["Lucía García López", null, null]],
    [
      "German",
      { Vorname: "Hans", Nachname: "Müller", "E-Mail-Adresse": "hans@beispiel.de", Telefon: "+49 30 1234567" },
      ["Hans Müller", "hans@beispiel.de", "+49301234567"],
    ],
    [
      "German Name beside Vorname",
      { Vorname: "Hans", Name: "Müller", Handy: "0049 171 1234567" },
      ["Hans Müller", null, "+491711234567"],
    ],
    [
      "German, one field",
      { "Vor- und Nachname": "Hans Müller", Mobil: "+49 171 1234567" },
      ["Hans Müller", null, "+491711234567"],
    ],
    [
      "Italian",
      { Nome: "Luca", Cognome: "Rossi", Cellulare: "+39 312 345 6789" },
      ["Luca Rossi", null, "+393123456789"],
    ],
    [
      "Dutch",
      { Voornaam: "Sanne", Achternaam: "de Vries", Telefoonnummer: "+31 6 12345678" },
      ["Sanne de Vries", null, "+31612345678"],
    ],
    ["Polish, one field", { "Imię i nazwisko": "Anna Kowalska" }, ["Anna Kowalska", null, null]],
    ["Full name", { "Full name": "Jane Q. Doe", "Cell #": "404 555 1111" }, ["Jane Q. Doe", null, "+14045551111"]],
    ["a full name beside its first name", { Name: "Jane Doe", "First name": "Jane" }, ["Jane Doe", null, null]],
    ["no name at all", { Email: "j@x.io", Comments: "Call me" }, [null, "j@x.io", null]],
    ["company name is not the customer", { "Company name": "Acme Inc", Name: "Jane Doe" }, ["Jane Doe", null, null]],
    ["only a company", { "Company name": "Acme Inc", "Business name": "Acme", Username: "jdoe" }, [null, null, null]],
    ["an e-mail under an odd name", { contact: "jane@example.com", q1: "yes" }, [null, "jane@example.com", null]],
    ["a name field holding an e-mail", { Name: "jane@example.com" }, [null, "jane@example.com", null]],
    [
      "a friend's e-mail is not the customer's",
      { "Friend's email": "f@x.io", Email: "me@x.io" },
      [null, "me@x.io", null],
    ],
    ["only a friend's e-mail", { "Refer a friend (email)": "f@x.io" }, [null, null, null]],
    [
      "two phones: the plain one wins",
      { "Work phone": "404-555-2222", Phone: "404-555-1111" },
      [null, null, "+14045551111"],
    ],
    [
      "two phones: a second one only when the first is empty",
      { Phone: "", "Alternate phone": "404-555-2222" },
      [null, null, "+14045552222"],
    ],
    [
      "mobile and home phone: the first",
      { "Mobile phone": "404-555-3333", "Home phone": "404-555-4444" },
      [null, null, "+14045553333"],
    ],
    ["fax is never the phone", { Fax: "404-555-9999", Phone: "404-555-1111" }, [null, null, "+14045551111"]],
    ["only a fax", { Fax: "404-555-9999" }, [null, null, null]],
    ["a phone printed as phones are, in an unnamed field", { input_3: "(404) 555-1111" }, [null, null, "+14045551111"]],
    ["a bare ten-digit id is not a phone", { order_id: "4045551111", ref: "2125551234" }, [null, null, null]],
    ["email or phone, holding a phone", { "Email or phone": "404-555-1111" }, [null, null, "+14045551111"]],
    ["extension dropped", { Phone: "404-555-1111 ext. 12" }, [null, null, "+14045551111"]],
    ["a card number under a phone name is never a phone", { Phone: "4111 1111 1111 1111" }, [null, null, null]],
    [
      "a card number anywhere is never a phone",
      { payment: "4111-1111-1111-1111", note: "5500 0000 0000 0004" },
      [null, null, null],
    ],
    ["an Amex-like number is never a phone", { Telephone: "378282246310005" }, [null, null, null]],
    ["a national number without its country stays unread", { Téléphone: "06 12 34 56 78" }, [null, null, null]],
    ["a NANP-looking number with a bad area code stays unread", { Phone: "123-456-7890" }, [null, null, null]],
    [
      "dates and zip codes are not phones",
      { date: "2024-05-06", zip: "30301", when: "10/12/2024" },
      [null, null, null],
    ],
    [
      "repeated fields give their first value",
      { Name: ["Jane Doe", "x"], Phone: ["", "404-555-1111"] },
      ["Jane Doe", null, "+14045551111"],
    ],
    [
      "a first-visit question is not a first name",
      { "Is this your first visit?": "Yes", Name: "Jane" },
      ["Jane", null, null],
    ],
    ["whitespace collapsed", { Name: "  Jane   Doe  " }, ["Jane Doe", null, null]],
    ["non-objects", [] as never, [null, null, null]],
  ])("%s", (_, form, [name, email, phone]) => {
    expect(customerOf(form)).toEqual({ name, email, phone });
  });

  it.each([null, undefined, "text", 42])("%j holds no customer", (x) => {
    expect(customerOf(x)).toEqual({ name: null, email: null, phone: null });
  });
});

describe("roleOf", () => {
  it.each([
    ["Your name", "full"],
    ["Prénom", "first"],
    ["Nom", "full"],
    ["Surname", "last"],
    ["Given name", "first"],
    ["Family name", "last"],
    ["E-mail", "email"],
    ["Courriel", "email"],
    ["Tel", "phone"],
    ["Teléfono", "phone"],
    ["Handynummer", "phone"],
    ["Telefax", null],
    ["Hotel", null],
    ["Tell us more", null],
    ["Company", null],
    ["Message", null],
  ])("%s → %s", (key, role) => expect(roleOf(key)).toBe(role));
});

describe("phones", () => {
  it.each([
    ["(404) 555-1111", "+14045551111", "404-555-1111"],
    ["1-404-555-1111", "+14045551111", "404-555-1111"],
    ["+1 404 555 1111", "+14045551111", "404-555-1111"],
    ["404.555.1111 x3", "+14045551111", "404-555-1111"],
    ["+44 20 7123 4567", "+442071234567", "+44 2071234567"],
    ["0044 20 7123 4567", "+442071234567", "+44 2071234567"],
    ["+49 30/1234567", "+49301234567", "+49 301234567"],
    ["+353 1 234 5678", "+35312345678", "+353 12345678"],
  ])("%s → %s, shown %s", (raw, e164, shown) => {
    expect(toE164(raw)).toBe(e164);
    expect(formatPhone(e164)).toBe(shown);
  });

  it.each(["", "call me", "555-1111", "123-456-7890", "4111111111111111", "06 12 34 56 78"])(
    "%j is not read",
    (raw) => {
      expect(toE164(raw)).toBeNull();
    },
  );
});

describe("formatName", () => {
  it.each([
    ["JANE DOE", "Jane Doe"],
    ["jane doe", "Jane Doe"],
    ["jean-luc o'neil", "Jean-Luc O'Neil"],
    ["lucía garcía", "Lucía García"],
    ["Jane McDonald", "Jane McDonald"],
    ["van der Berg", "van der Berg"],
  ])("%s → %s", (raw, want) => expect(formatName(raw)).toBe(want));
});
