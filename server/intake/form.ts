// A form submission as the server stores it (docs/protocol.md#53-form-submissions): exactly the
// protocol's fields, `form_data` within limits no real form reaches, and nothing that must never
// be kept (docs/security.md#form-submissions). A wrong type or a form past the limits is a 400
// naming the field; a value or field that must not be kept is dropped and the lead is kept.
import { fail, optString, uuidField, type Loose } from "../http";
// The bundle's own rules (src/forms/), applied again here whatever sent the submission.
import { containsCardNumber, isCardNumber, redactCards } from "../../src/forms/cards";
import { secretName } from "../../src/forms/fields";
import type { FormBody } from "../store/rows";
import { cleanVisitor, MAX_URL } from "./visitor";
import { isoTime } from "./time";
import { scrubUrl } from "./url";

/**
 * Limits of `form_data`. The bundle keeps names to 200 characters, values to 5,000 and the
 * whole to a 40,000-byte budget (src/forms/fields.ts); a contact or quote form has a few dozen
 * fields at most.
 */
export const FORM_LIMITS = { fields: 100, name: 200, value: 5000, values: 100, bytes: 48 * 1024 };

const L = FORM_LIMITS;
type Value = string | string[];

/** Checks the shape and limits of form_data; 400 naming what is wrong. */
function checkData(raw: unknown): Record<string, Value> {
  if (!raw || typeof raw != "object" || Array.isArray(raw)) fail(400, "form_data must be an object");
  const data = raw as Record<string, unknown>;
  const names = Object.keys(data);
  if (names.length > L.fields) fail(400, `form_data has more than ${L.fields} fields`);
  for (const name of names) {
    const v = data[name];
    if (name.length > L.name) fail(400, `form_data field names must be at most ${L.name} characters`);
    const list = Array.isArray(v) ? v : [v];
    if (!list.every((x) => typeof x == "string")) fail(400, "form_data values must be strings or arrays of strings");
    if (list.length > L.values) fail(400, `form_data arrays must have at most ${L.values} values`);
    if (list.some((x) => (x as string).length > L.value))
      fail(400, `form_data values must be at most ${L.value} characters`);
  }
  if (Buffer.byteLength(JSON.stringify(data)) > L.bytes) fail(400, `form_data must be at most ${L.bytes} bytes`);
  return data as Record<string, Value>;
}

/**
 * The fields kept: not a secret by name (src/forms/fields.ts secretName), not one of the
 * company's `ignored_fields`; a value that is a card number is dropped, and a card number
 * inside free text (a comment) is cut out of it (src/forms/cards.ts).
 */
export function keptData(data: Record<string, Value>, ignored: string[] = []): Record<string, Value> {
  const skip = new Set(ignored.filter((s) => typeof s == "string").map((s) => s.toLowerCase()));
  const out: Record<string, Value> = Object.create(null);
  for (const [name, v] of Object.entries(data)) {
    if (secretName(name) || skip.has(name.toLowerCase())) continue;
    const clean = (x: string) => (containsCardNumber(x) ? redactCards(x) : x);
    if (Array.isArray(v)) {
      const safe = v.filter((x) => !isCardNumber(x)).map(clean);
      if (safe.length) out[name] = safe;
    } else if (!isCardNumber(v)) out[name] = clean(v);
  }
  return out;
}

/** The submission to store from a request body; the company's `ignored_fields` are left out too. */
export function readForm(body: Loose, ignored: unknown): FormBody {
  const form: FormBody = { id: uuidField(body, "id"), form_data: {} };
  const data = checkData(body.form_data);
  if (body.session_id != null) form.session_id = uuidField(body, "session_id");
  // Fields the body leaves out stay out: reports then fall back to the visitor's URLs
  // (server/reports/formSubmission.ts).
  for (const key of ["form_url", "landing_page_url", "referring_url"] as const)
    if (body[key] !== undefined) {
      const v = optString(body, key, MAX_URL);
      form[key] = v == null ? null : scrubUrl(v);
    }
  for (const key of ["form_name", "referrer"] as const)
    if (body[key] !== undefined) form[key] = optString(body, key, 4096);
  form.form_data = keptData(data, Array.isArray(ignored) ? ignored : []);
  const visitor = cleanVisitor(body.visitor);
  if (visitor) form.visitor = visitor;
  // A time the server cannot read is left out: the read API then shows when it arrived.
  if (typeof body.submitted_at == "string" && isoTime(body.submitted_at) != null) form.submitted_at = body.submitted_at;
  return form;
}
