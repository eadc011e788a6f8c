// Host pages change built-ins. Prototype.js and its heirs define
// Array.prototype.toJSON, which turns JSON.stringify([..]) into a string; polluted
// Object.prototype keys show up in `in`, `for…in` and lookups on plain objects. The bundle
// therefore serializes with its own walker and looks data-derived keys up as own properties.

const hasOwn = Object.prototype.hasOwnProperty;

/** `o[k]` when `o` has it as its own property (never an inherited or polluted one). */
export const own = <T>(o: Record<string, T>, k: string): T | undefined => (hasOwn.call(o, k) ? o[k] : undefined);

/**
 * The own fields `keys` of what JSON.parse gave (anything else: none of them): a page's
 * polluted Object.prototype never stands in for a field missing from storage.
 */
export function pick(raw: unknown, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  keys.forEach((k) => {
    out[k] = raw && typeof raw == "object" ? own(raw as Record<string, unknown>, k) : undefined;
  });
  return out;
}

/** An empty map object with no prototype: no key is ever inherited. */
export const dict = <T>(): Record<string, T> => Object.create(null);

/**
 * JSON.stringify without any toJSON (ECMA-262 SerializeJSONProperty asks objects for one,
 * never primitives): own enumerable keys only, undefined and functions left out of
 * objects and null in arrays, as JSON.stringify does.
 */
export function toJson(v: unknown): string {
  if (Array.isArray(v))
    return "[" + v.map((x) => (x === undefined || typeof x == "function" ? "null" : toJson(x))).join(",") + "]";
  if (v && typeof v == "object") {
    const parts: string[] = [];
    Object.keys(v).forEach((k) => {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined && typeof x != "function") parts.push(JSON.stringify(k) + ":" + toJson(x));
    });
    return "{" + parts.join(",") + "}";
  }
  return JSON.stringify(v) || "null";
}
