// Who submitted a form (docs/attribution.md#customer-fields): name, e-mail and phone number
// read from `form_data` by field names in the languages sites use, and by value shapes. Pure.
import { toE164 } from "./phone";

export interface Customer {
  name: string | null;
  email: string | null;
  /** E.164. */
  phone: string | null;
}

type Role = "email" | "phone" | "full" | "first" | "last" | null;

const EMAIL_SHAPE = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[a-z]{2,}$/i;
/** Digits with phone separators; kept apart from dates, amounts and ids by the checks below. */
const PHONE_SHAPE = /^(\+|00)?[\d\s().\-\u2010-\u2015/]{7,24}(\s*(ext\.?|x|#)\s*\d{1,6})?$/i;
/** A number printed as phones are (`(404) 555-1111`, `404.555.1111`), or with its country code. */
const PRINTED_PHONE = /^(\+|00)|\(?\b\d{3}\)?[\s.\-\u2010-\u2015]\d{3}[\s.\-\u2010-\u2015]\d{4}\b/;

const EMAIL_KEY = /\b(e ?mail\w*|\w*mail|courriel|correo|e ?post|sahkoposti)\b/;
const PHONE_KEY =
  /\b(phone\w*|\w*phone|telephone|tel|telefon\w*|telefono|telefone|telefoon\w*|rufnummer|handy\w*|mobile?|mobil\w*|movil|mobiel|cell\w*|celular|portable|gsm|whatsapp|tlf|puhelin|contact number)\b/;
const NOT_PHONE = /\b(fax|telefax)\b/;
/** A second number: the first plain one wins over these. */
const OTHER_PHONE = /\b(alt\w*|other|second\w*|work|office|business|company|emergency|2)\b/;
/** Whose name it is not: the company's, a login's, a pet's… */
const NOT_A_PERSON =
  /\b(company|business|organi[sz]ation|org|firm|firma|entreprise|societe|empresa|azienda|bedrijf|user\w*|login|file\w*|pet|dog|cat|event|product|project|site|website|domain|account|street|city|school|team|brand|store|shop|club|group|card\w*|refer\w*|friend|emergency|child|kid|spouse|partner|student|baby|property|building|job|position|title|campaign|utm)\b/;
const NAME = /\b(name|names|fullname|yourname|contactname|nom|nombre|nome|naam|namn|navn|nimi)\b/;
const FIRST =
  /\b(firstname|fname|givenname|forename|prenom|vorname|voornaam|fornavn|fornamn|etunimi|imie)\b|\b(first|given)\b.*\bname\b/;
const LAST =
  /\b(lastname|lname|surname|familyname|familienname|nachname|apellidos?|cognome|achternaam|sobrenome|nazwisko|efternamn|etternavn|sukunimi)\b|\b(last|family)\b.*\bname\b/;
/** "Nom et prénom", "Vor- und Nachname", "Nombre y apellidos": one field for both. */
const BOTH = /\b(and|et|und|y|e|i|en|og|och)\b/;

/** A field name as words: `firstName`, `first_name`, `Prénom *` → `first name`, `prenom`. */
function words(key: string): string {
  const split = key.replace(/([a-z])([A-Z])/g, "$1 $2");
  // Accents off (`é` → `e`); most names are ASCII and skip the costly normalisation.
  return (/[^ -~]/.test(split) ? split.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : split)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** What a field holds, by its name alone. */
export function roleOf(key: string, k = words(key)): Role {
  // Form builders' sub-fields: wpforms[fields][1][first], …[last].
  const sub = /\[(first|last)\]$/i.exec(key);
  if (sub) return sub[1].toLowerCase() as Role;
  if (EMAIL_KEY.test(k) && !NOT_A_PERSON.test(k)) return "email";
  if (PHONE_KEY.test(k)) return NOT_PHONE.test(k) ? null : "phone";
  if (NOT_A_PERSON.test(k)) return null;
  const last = LAST.test(k);
  const first = FIRST.test(k);
  const rest = k.replace(LAST, "");
  if (last && BOTH.test(k) && (first || NAME.test(rest) || /\b(vor|first|given)\b/.test(rest))) return "full";
  if (first && NAME.test(k) && BOTH.test(k) && /\b(nom|name|naam)\b/.test(k.replace(FIRST, ""))) return "full";
  if (last) return "last";
  if (first) return "first";
  return NAME.test(k) ? "full" : null;
}

/** The text of a form value: a string, or the first string of a repeated field. */
function textOf(v: unknown): string {
  if (Array.isArray(v)) v = v.find((x) => typeof x == "string" && x.trim());
  if (typeof v == "number") v = String(v);
  return typeof v == "string" ? v.trim().replace(/\s+/g, " ").slice(0, 500) : "";
}

/** A person's name: letters, not an address, a number or a URL. */
const isName = (s: string) =>
  s.length > 0 && s.length <= 100 && /\p{L}/u.test(s) && !/[@<>]|https?:|www\./i.test(s) && !/\d{3}/.test(s);

/** A value typed as a phone number, read to E.164 (never a card number: see toE164). */
function phoneIn(value: string, labelled: boolean): string | null {
  if (!PHONE_SHAPE.test(value)) return null;
  if (!labelled && !PRINTED_PHONE.test(value)) return null; // a bare 10-digit id is not a phone
  return toE164(value);
}

/**
 * The customer of a form (docs/attribution.md#customer-fields). E-mail: a field named so with
 * an e-mail in it, else any value shaped like one. Phone: the first field named so (a second
 * or work number only when no other), else any value printed like a phone number. Name: a
 * full-name field, or first and last name joined; a lone `Nom`/`Name` beside `Prénom`/`Vorname`
 * is the family name.
 */
export function customerOf(formData: unknown): Customer {
  const out: Customer = { name: null, email: null, phone: null };
  if (!formData || typeof formData != "object" || Array.isArray(formData)) return out;
  const fields = Object.keys(formData).map((key) => {
    const k = words(key);
    return {
      role: roleOf(key, k),
      other: OTHER_PHONE.test(k),
      /** Not the customer's (a company's, a friend's) or not a phone (a fax). */
      foreign: NOT_A_PERSON.test(k),
      fax: NOT_PHONE.test(k),
      value: textOf((formData as Record<string, unknown>)[key]),
    };
  });

  const email = (f: (typeof fields)[number]) => !f.foreign && EMAIL_SHAPE.test(f.value);
  const byName = fields.find((f) => f.role == "email" && email(f)) || fields.find(email);
  out.email = byName ? byName.value : null;

  const phones = fields.filter((f) => f.role == "phone");
  for (const f of phones.filter((f) => !f.other).concat(phones.filter((f) => f.other)))
    if (!out.phone) out.phone = phoneIn(f.value, true);
  // By shape, in any field ("Email or phone", "input_3"), a name field's digits excepted.
  for (const f of fields)
    if (!out.phone && f.role != "phone" && !f.foreign && !f.fax) out.phone = phoneIn(f.value, false);

  const pick = (role: Role) => {
    const f = fields.find((x) => x.role == role && isName(x.value));
    return f ? f.value : "";
  };
  const full = pick("full");
  const first = pick("first");
  const last = pick("last");
  const one = (s: string) => s.indexOf(" ") < 0;
  const has = (s: string, part: string) => s.toLowerCase().indexOf(part.toLowerCase()) >= 0;
  let name = full || first || last;
  if (first && last) name = first + " " + last;
  else if (first && full && one(full) && !has(full, first)) name = first + " " + full;
  else if (last && full && one(full) && !has(full, last)) name = full + " " + last;
  out.name = name || null;
  return out;
}

/**
 * The v3 reference's `formatted_customer_name`: a name typed all in lower or upper case gets
 * capitals at the start of each part (`JEAN-LUC O'NEIL` → `Jean-Luc O'Neil`); any other is kept.
 */
export function formatName(name: string): string {
  if (name != name.toLowerCase() && name != name.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|[\s\-'’])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}
