// A strict XML 1.0 parse (saxes reports every well-formedness error, forbidden characters included)
// into a small tree, so tests can assert the structure a carrier would read.
import { SaxesParser } from "saxes";

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities decoded. */
  text: string;
}

export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const errors: string[] = [];
  parser.on("error", (e) => errors.push(e.message));
  parser.on("opentag", (tag) => {
    const node: XmlElement = {
      name: tag.name,
      attrs: { ...(tag.attributes as Record<string, string>) },
      children: [],
      text: "",
    };
    if (stack.length) stack[stack.length - 1].children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on("text", (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  });
  parser.on("closetag", () => stack.pop());
  parser.write(xml).close();
  if (errors.length || !root) throw new Error("not well-formed XML: " + (errors.join("; ") || "no root"));
  return root;
}

/** Every element named `name`, depth first. */
export function findAll(node: XmlElement, name: string): XmlElement[] {
  return [...(node.name == name ? [node] : []), ...node.children.flatMap((c) => findAll(c, name))];
}
