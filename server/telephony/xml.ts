// The smallest XML writer that cannot inject markup: text and attribute values always pass through
// `xmlText`, which drops the characters XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets: C0
// controls other than tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF) and
// escapes the five special characters and carriage returns. Elements are values of type XmlNode, so a plain string can
// never be passed where markup is expected.

export interface XmlNode {
  readonly xml: string;
}

type AttrValue = string | number | boolean | null | undefined;

// Everything outside XML 1.0's Char production; with the u flag a lone surrogate is one code point.
const FORBIDDEN = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// A literal carriage return would reach the reader as a line feed (https://www.w3.org/TR/xml/#sec-line-ends).
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\r": "&#13;",
};

/** `s` without the characters XML 1.0 forbids. */
export function xmlChars(s: string): string {
  return s.replace(FORBIDDEN, "");
}

/** `s` safe inside an element or a quoted attribute value. */
export function xmlText(s: string): string {
  return xmlChars(s).replace(/[&<>"'\r]/g, (c) => ESCAPES[c]);
}

export function text(s: string): XmlNode {
  return { xml: xmlText(s) };
}

/** `<name a="…">children</name>`, or `<name a="…"/>` without children; null, undefined and false attributes are left out. */
export function el(name: string, attrs: Record<string, AttrValue> = {}, ...children: XmlNode[]): XmlNode {
  let open = "<" + name;
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null && v !== undefined && v !== false) open += ` ${k}="${xmlText(String(v))}"`;
  }
  const inner = children.map((c) => c.xml).join("");
  return { xml: inner ? `${open}>${inner}</${name}>` : open + "/>" };
}

export function xmlDocument(root: XmlNode): string {
  return '<?xml version="1.0" encoding="UTF-8"?>' + root.xml;
}
