// Markup for the dashboard: Hono's `html` tagged template, which escapes every interpolated
// string, typed so that only strings, numbers and markup can be interpolated (an unknown
// stored value must go through textOf first: `{"toString": 1}` would throw in String()).
import { html as honoHtml, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { toJson } from "../../src/safe";

export type Html = HtmlEscapedString;
export type Part = string | number | boolean | null | undefined | Html | Part[];

/** Escaping template: `h\`<td>${value}</td>\``. Never asynchronous here: no promise is ever interpolated. */
export const h = (strings: TemplateStringsArray, ...values: Part[]): Html => honoHtml(strings, ...values) as Html;

/** Trusted markup made by this module's callers (SVG built from numbers). */
export const trusted = (s: string): Html => raw(s);

/** Any stored value as text: strings as they are, numbers and booleans printed, lists joined, objects as JSON. */
export function textOf(v: unknown): string {
  if (typeof v == "string") return v;
  if (typeof v == "number" || typeof v == "boolean") return String(v);
  if (v == null) return "";
  if (Array.isArray(v)) return v.map(textOf).join(", ");
  return typeof v == "object" ? toJson(v) : "";
}

/** A stored value that should be a string: itself, else null (a number, an object… is not shown as one). */
export const str = (v: unknown): string | null => (typeof v == "string" && v ? v : null);

/** At most `max` characters, with an ellipsis when cut (the full value goes in a title). */
export function cut(s: string, max = 80): string {
  return s.length > max ? s.slice(0, max - 1) + "…" : s;
}

/** A cell that may be long: cut, with the whole value (up to 2,000 characters) as its title. */
export const longText = (v: unknown, max = 80): Html => {
  const s = textOf(v);
  return s.length > max ? h`<span title="${s.slice(0, 2000)}">${cut(s, max)}</span>` : h`${s}`;
};

/** A URL shown as its path and query (host dropped when it is the site's), cut. */
export function shortUrl(url: unknown, max = 60): Html {
  const s = textOf(url);
  let shown = s;
  try {
    const u = new URL(s);
    shown = u.host + (u.pathname == "/" && !u.search ? "" : u.pathname + u.search);
  } catch {
    // not a URL: shown as it is
  }
  return s.length > max || shown != s ? h`<span title="${s.slice(0, 2000)}">${cut(shown, max)}</span>` : h`${s}`;
}
