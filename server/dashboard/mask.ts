// What a lead's detail page shows of each form value (docs/dashboard.md#lead-details). The
// bundle never captures card data, passwords or security codes (docs/protocol.md#53-form-submissions),
// but a site's own captureForm call or a hand-made request can still send them: the dashboard
// hides any value whose field name the bundle's own rule calls sensitive (src/forms/fields.ts),
// or names a token or secret, and any value shaped like a card number (Luhn), a US social
// security number or an access token, whatever its field is called. Long values are cut. Pure.
import { luhn } from "../../src/forms/cards";
import { sensitive } from "../../src/forms/fields";

/** Characters shown of one value; the rest is cut with a note. */
export const MAX_SHOWN = 500;

/** Names the bundle's rule does not cover because the bundle never sees them as form inputs. */
const SECRET_NAME = /token|secret|apikey|api_key|api-key|accesskey|privatekey|otp|2fa|mfa|auth/i;
const CARD = /^[\d -]{13,23}$/;
const SSN = /^\d{3}-\d{2}-\d{4}$/;
/** One run of 32+ key-like characters, with letters and digits: API keys, JWTs, session ids, hashes. */
const TOKEN = /^(?=[^\s]*[a-z])(?=[^\s]*\d)[\w\-+/=.~]{32,}$/i;

export interface Shown {
  /** The text to show (what is left of it when cut), or "" when hidden. */
  text: string;
  /** Why it is hidden, or null when shown. */
  hidden: string | null;
  /** Characters cut off the end. */
  cut: number;
}

/** Why a value must not be shown, or null. */
export function hiddenBecause(name: string, value: string): string | null {
  const v = value.trim();
  const digits = v.replace(/[ -]/g, "");
  if (CARD.test(v) && digits.length >= 13 && digits.length <= 19 && luhn(digits))
    return "card number ending " + digits.slice(-4);
  if (SSN.test(v)) return "social security number";
  if (sensitive(name, "", "") || SECRET_NAME.test(name)) return "sensitive field";
  if (TOKEN.test(v)) return "looks like a secret or token";
  return null;
}

/** One form value as the lead page shows it: hidden when sensitive, else cut at `max` characters. */
export function showValue(name: string, value: string, max = MAX_SHOWN): Shown {
  const hidden = hiddenBecause(name, value);
  if (hidden) return { text: "", hidden, cut: 0 };
  const chars = Array.from(value);
  return chars.length > max
    ? { text: chars.slice(0, max).join(""), hidden: null, cut: chars.length - max }
    : { text: value, hidden: null, cut: 0 };
}
