// Page URLs as the server stores them (docs/security.md#page-urls). A form sent with GET puts
// its fields in the next page's URL (`/thanks?Name=Dana&Email=dana@example.com`), and that page
// view would keep a visitor's name, phone and e-mail address for as long as page views are kept.
// Pure. The rule: when any parameter of the query or fragment looks like a form field or
// personal data, the fragment goes and the query keeps only campaign parameters (utm_*, click
// ids), which attribution needs and which never carry a person's data.
import { containsCardNumber } from "../../src/forms/cards";
import { nameWords, secretName } from "../../src/forms/fields";

/** Parameters kept whatever else the URL holds: campaign tags and the click ids of docs/protocol.md#4-visitor-attribution. */
const CAMPAIGN =
  /^(utm_\w+|gclid|gbraid|wbraid|gad_source|dclid|msclkid|yclid|ttclid|fb_ad_id|li_fat_id|twclid|ndclid|fbclid|matchtype|adposition)$/i;

/** Words of a parameter name that a contact or checkout form uses for a person's data. */
const PERSONAL_WORDS = new Set(
  (
    "email mail phone tel telephone mobile cell fax name fname lname firstname lastname fullname surname givenname " +
    "familyname address street zip zipcode postcode postal message msg comment comments dob birthday birthdate"
  ).split(" "),
);

const EMAIL = /[^\s@/?#&=]+@[^\s@/?#&=]+\.[a-z]{2,}/i;
/** A value made only of a phone number's characters, with 10 to 15 digits. */
const PHONE = /^\+?[\d\s().-]{10,24}$/;

const decode = (s: string) => {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
};

/** Does one `name=value` pair look like a form field or personal data? Campaign parameters never do. */
export function personalParam(rawName: string, rawValue: string): boolean {
  const name = decode(rawName);
  if (CAMPAIGN.test(name)) return false;
  const value = decode(rawValue);
  if (nameWords(name).some((w) => PERSONAL_WORDS.has(w)) || secretName(name)) return true;
  return [name, value].some((s) => EMAIL.test(s) || containsCardNumber(s) || phoneLike(s));
}

function phoneLike(s: string): boolean {
  const digits = s.replace(/\D/g, "").length;
  return PHONE.test(s.trim()) && digits >= 10 && digits <= 15;
}

const pairs = (s: string) =>
  s
    .split(/[&;?]/)
    .filter(Boolean)
    .map((p) => {
      const i = p.indexOf("=");
      return i < 0 ? [p, ""] : [p.slice(0, i), p.slice(i + 1)];
    });

/** The URL to store: unchanged, or without its fragment and with only campaign parameters left. */
export function scrubUrl(url: string): string {
  const hash = url.indexOf("#");
  const fragment = hash < 0 ? "" : url.slice(hash + 1);
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const q = beforeHash.indexOf("?");
  if (q < 0 && !fragment) return url;
  const base = q < 0 ? beforeHash : beforeHash.slice(0, q);
  const query = q < 0 ? [] : pairs(beforeHash.slice(q + 1));
  if (![...query, ...pairs(fragment)].some(([n, v]) => personalParam(n, v))) return url;
  const kept = query.filter(([n]) => CAMPAIGN.test(decode(n))).map(([n, v]) => n + "=" + v);
  return base + (kept.length ? "?" + kept.join("&") : "");
}
