// Field checks for configuration objects (companies, trackers, integrations): each returns
// the checked value or throws Invalid naming the field, which the operator API answers with
// `422 {"error": "<field>: <why>"}` (docs/protocol.md#7-operator-api-callrail-api-v3-subset)
// and a company file at start with one line naming the file and the field.

export class Invalid extends Error {
  constructor(
    readonly field: string,
    why: string,
  ) {
    super(`${field}: ${why}`);
  }
}

export type Input = Record<string, unknown>;

export const isObject = (v: unknown): v is Input => !!v && typeof v == "object" && !Array.isArray(v);

export function object(field: string, v: unknown): Input {
  if (!isObject(v)) throw new Invalid(field, "must be an object");
  return v;
}

export function text(field: string, v: unknown, max: number, min = 1): string {
  if (v === undefined) throw new Invalid(field, "is required");
  if (typeof v != "string") throw new Invalid(field, "must be a string");
  const t = v.trim();
  if (t.length < min) throw new Invalid(field, min == 1 ? "must not be empty" : `must be at least ${min} characters`);
  if (t.length > max) throw new Invalid(field, `must be at most ${max} characters`);
  // Control characters (tab, line feed and carriage return aside) have no place in a name or a label.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(t)) throw new Invalid(field, "must not hold control characters");
  return t;
}

export function optionalText(field: string, v: unknown, max: number): string | null {
  return v == null || v === "" ? null : text(field, v, max);
}

export function bool(field: string, v: unknown): boolean {
  if (typeof v != "boolean") throw new Invalid(field, "must be true or false");
  return v;
}

export function integer(field: string, v: unknown, min: number, max: number): number {
  if (typeof v != "number" || !Number.isInteger(v) || v < min || v > max)
    throw new Invalid(field, `must be a whole number from ${min} to ${max}`);
  return v;
}

export function oneOf<T extends string>(field: string, v: unknown, values: readonly T[]): T {
  if (typeof v != "string" || !values.includes(v as T))
    throw new Invalid(field, `must be one of ${values.map((x) => JSON.stringify(x)).join(", ")}`);
  return v as T;
}

export function list<T>(field: string, v: unknown, max: number, item: (field: string, v: unknown) => T): T[] {
  if (!Array.isArray(v)) throw new Invalid(field, "must be an array");
  if (v.length > max) throw new Invalid(field, `must have at most ${max} entries`);
  return v.map((x, i) => item(`${field}[${i}]`, x));
}

/** Refuses any key of `input` not in `known` (a typo such as `swap_cookie_duration_unti`). */
export function onlyKnown(input: Input, known: readonly string[], prefix = ""): void {
  for (const key of Object.keys(input)) if (!known.includes(key)) throw new Invalid(prefix + key, "unknown field");
}

const E164 = /^\+[1-9]\d{6,14}$/;
/**
 * North American numbers in configuration: ten digits after +1 and an area code starting with
 * 2–9. The exchange is not checked here (the 555-123 numbers of examples and fixtures are
 * kept); call intake checks both (server/calls.ts e164).
 */
const NANP = /^\+1[2-9]\d{9}$/;

/** A phone number written in E.164 (`+14045551111`); North American ones with a real area code. */
export function phone(field: string, v: unknown): string {
  if (typeof v != "string" || !E164.test(v) || (v.startsWith("+1") && !NANP.test(v)))
    throw new Invalid(field, "must be a phone number in E.164 form, such as +14045551111");
  return v;
}

/** A browser origin (`https://www.acme.example`, no path), or "*" for any site. */
export function origin(field: string, v: unknown): string {
  if (v === "*") return v;
  if (typeof v == "string") {
    try {
      // "https://www.acme.example/" (as a browser's address bar shows it) is that origin.
      const u = new URL(v.trim());
      const path = u.pathname == "/" && !u.search && !u.hash;
      if (/^https?:$/.test(u.protocol) && path && !u.username && !u.password) return u.origin;
    } catch {
      // not a URL: refused below
    }
  }
  throw new Invalid(field, 'must be an origin such as "https://www.acme.example" (scheme and host, no path), or "*"');
}

/** An IANA time zone name that this runtime knows (`America/New_York`). */
export function timeZone(field: string, v: unknown): string {
  const name = text(field, v, 64);
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return name;
  } catch {
    throw new Invalid(field, 'must be an IANA time zone such as "America/New_York"');
  }
}
