import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTable, findSwaps, parsePhone, rewriteDigits, type Phone, type Table } from "../src/swap/phone";
import { splitter } from "../src/swap/split";
import { swapTree, type Swapper } from "../src/swap/dom";
import { createJournal } from "../src/swap/journal";
import { createShadows, type Shadows } from "../src/swap/shadow";

const p = (s: string) => parsePhone(s, true) as Phone;
const table = buildTable([[p("5551231234"), p("4045559999")]]);

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}
const text = () => document.body.textContent;

// Each test's instance state: its own journal and shadow roots, let go after the test.
let shadows: Shadows;
let learnt: ShadowRoot[];
beforeEach(() => {
  learnt = [];
  shadows = createShadows(document, (r) => learnt.push(r));
});
// The split-number part as if it were loaded (the engine hands numbers to it once it is).
const split = splitter(findSwaps, rewriteDigits);
const sw = (t: Table): Swapper => {
  const s: Swapper = { table: t, write: createJournal().write, shadows, split: (n, skip) => split(n, s, skip) };
  return s;
};

afterEach(() => {
  shadows.stop();
  document.body.innerHTML = "";
});

describe("text", () => {
  it("swaps every text node under the scope, keeping the markup", () => {
    page("<header><p>Call <b>555-123-1234</b></p></header><main><p>or (555) 123-1234</p></main>");
    swapTree(document.body, sw(table));
    expect(document.body.innerHTML).toBe(
      "<header><p>Call <b>404-555-9999</b></p></header><main><p>or (404) 555-9999</p></main>",
    );
  });

  it("swaps only inside the given node", () => {
    page('<p id="a">555-123-1234</p><p id="b">555-123-1234</p>');
    swapTree(document.getElementById("a")!, sw(table));
    expect(text()).toBe("404-555-9999555-123-1234");
  });

  it("swaps a text node given directly, and detached trees", () => {
    const t = document.createTextNode("call 555.123.1234");
    swapTree(t, sw(table));
    expect(t.data).toBe("call 404.555.9999");
    const div = document.createElement("div");
    div.innerHTML = "<span>555 123 1234</span>";
    swapTree(div, sw(table));
    expect(div.textContent).toBe("404 555 9999");
  });

  it("swaps a detached link whose own href has a host (an <a> root is no shadow root)", () => {
    const a = document.createElement("a");
    a.setAttribute("href", "https://example.com/contact");
    a.setAttribute("title", "Call 555-123-1234");
    a.textContent = "Call 555-123-1234";
    swapTree(a, sw(table), true);
    expect(a.textContent).toBe("Call 404-555-9999");
    expect(a.getAttribute("title")).toBe("Call 404-555-9999");
  });

  it("never writes markup: text that looks like HTML stays text", () => {
    const t = buildTable([[p("5551231234"), p("4045559999")]]);
    page("<p>&lt;img src=x onerror=alert(1)&gt; 555-123-1234</p>");
    swapTree(document.body, sw(t));
    expect(document.body.querySelector("img")).toBeNull();
    expect(text()).toBe("<img src=x onerror=alert(1)> 404-555-9999");
  });
});

describe("never swapped", () => {
  it.each([
    ["<div data-calltrk-noswap><p><span>555-123-1234</span></p></div>"],
    ['<script type="application/ld+json">{"telephone":"555-123-1234"}</script>'],
    ["<style>/* 555-123-1234 */</style>"],
    ["<noscript>555-123-1234</noscript>"],
    ["<template><p>555-123-1234</p></template>"],
    ["<textarea>555-123-1234</textarea>"],
    ['<div contenteditable="true"><p>555-123-1234</p></div>'],
    ["<div contenteditable><p>555-123-1234</p></div>"],
    ['<input value="555-123-1234"><select><option value="555-123-1234">x</option></select>'],
  ])("%s", (html) => {
    page(html);
    const before = document.body.innerHTML;
    swapTree(document.body, sw(table));
    expect(document.body.innerHTML).toBe(before);
    if (html.startsWith("<input"))
      expect((document.querySelector("input") as HTMLInputElement).value).toBe("555-123-1234");
  });

  it("an island of contenteditable=false inside an editable region is still the user's text", () => {
    page('<div contenteditable><p><span contenteditable="false">555-123-1234</span></p></div>');
    swapTree(document.body, sw(table));
    expect(text()).toBe("555-123-1234");
  });

  it("swaps inside contenteditable=false and beside a noswap subtree", () => {
    page('<div contenteditable="false">555-123-1234</div><footer data-calltrk-noswap>555-123-1234</footer>');
    swapTree(document.body, sw(table));
    expect(text()).toBe("404-555-9999555-123-1234");
  });

  it("honours noswap above the scope", () => {
    page('<div data-calltrk-noswap><p id="x">555-123-1234</p></div>');
    swapTree(document.getElementById("x")!, sw(table));
    expect(text()).toBe("555-123-1234");
  });
});

describe("attributes", () => {
  it.each([
    ['<a href="tel:5551231234">x</a>', "href", "tel:4045559999"],
    ['<a href="tel:+1-555-123-1234">x</a>', "href", "tel:+1-404-555-9999"],
    ['<a href="TEL:+15551231234">x</a>', "href", "TEL:+14045559999"],
    ['<a href="sms:+15551231234?body=hi">x</a>', "href", "sms:+14045559999?body=hi"],
    ['<a href="callto:5551231234">x</a>', "href", "callto:4045559999"],
    ['<a href="tel:555%20123%201234">x</a>', "href", "tel:404%20555%209999"],
    ['<a href="tel:(555)%20123-1234">x</a>', "href", "tel:(404)%20555-9999"],
    ['<span title="Call 555-123-1234">x</span>', "title", "Call 404-555-9999"],
    ['<button aria-label="Call (555) 123-1234">x</button>', "aria-label", "Call (404) 555-9999"],
  ])("%s", (html, attr, value) => {
    page(html);
    swapTree(document.body, sw(table));
    expect(document.body.firstElementChild!.getAttribute(attr)).toBe(value);
  });

  it("leaves other links, malformed escapes and noswap attributes alone", () => {
    page(
      '<a href="https://x.example/5551231234">a</a><a href="tel:%E0%A4%A">b</a>' +
        '<a data-calltrk-noswap href="tel:5551231234" title="555-123-1234">c</a>',
    );
    const before = document.body.innerHTML;
    swapTree(document.body, sw(table));
    expect(document.body.innerHTML).toBe(before);
  });

  it("swaps the attributes of the scope element itself", () => {
    page('<a id="l" href="tel:5551231234">555-123-1234</a>');
    swapTree(document.getElementById("l")!, sw(table));
    expect(document.body.innerHTML).toBe('<a id="l" href="tel:4045559999">404-555-9999</a>');
  });
});

describe("numbers split across inline elements", () => {
  it.each([
    [
      "<p><span>(555)</span> <span>123</span>-<span>1234</span></p>",
      "<p><span>(404)</span> <span>555</span>-<span>9999</span></p>",
    ],
    ["<p>Call <b>555</b>-123-1234 now</p>", "<p>Call <b>404</b>-555-9999 now</p>"],
    ["<p>Call 555-<em>123-1234</em></p>", "<p>Call 404-<em>555-9999</em></p>"],
    [
      '<p><a href="#"><span>555</span><span>.123</span><span>.1234</span></a></p>',
      '<p><a href="#"><span>404</span><span>.555</span><span>.9999</span></a></p>',
    ],
    [
      "<p>+1 <strong>(555)</strong> <i>123</i> <i>1234</i>!</p>",
      "<p>+1 <strong>(404)</strong> <i>555</i> <i>9999</i>!</p>",
    ],
  ])("%s", (html, out) => {
    page(html);
    swapTree(document.body, sw(table));
    expect(document.body.innerHTML).toBe(out);
  });

  it.each([
    ["<div>555</div><div>123-1234</div>"],
    ["<p>555</p>123-1234"],
    ["<table><tr><td>555</td><td>123-1234</td></tr></table>"],
    ["<ul><li>555-123</li><li>1234</li></ul>"],
    ["<p><span data-calltrk-noswap>555</span>-123-1234</p>"],
    ["<p><b>555-123-1234</b>5</p>"],
  ])("%s stays", (html) => {
    page(html);
    const before = document.body.innerHTML;
    swapTree(document.body, sw(table));
    if (html === "<p><b>555-123-1234</b>5</p>") {
      // A digit glued on after an element is not read into the number inside it.
      expect(document.body.innerHTML).toBe("<p><b>404-555-9999</b>5</p>");
    } else expect(document.body.innerHTML).toBe(before);
  });
});

describe("shadow roots", () => {
  it("swaps inside open shadow roots, nested ones too, found by a scan of new content", () => {
    page('<x-card></x-card><div data-calltrk-noswap><x-card id="quiet"></x-card></div>');
    const hosts = document.querySelectorAll("x-card");
    for (const h of Array.from(hosts)) {
      const sr = h.attachShadow({ mode: "open" });
      sr.innerHTML = '<p>555-123-1234</p><a href="tel:5551231234">x</a><y-inner></y-inner>';
      sr.querySelector("y-inner")!.attachShadow({ mode: "open" }).innerHTML = "<b>555.123.1234</b>";
    }
    swapTree(document.body, sw(table), true);
    const sr = hosts[0].shadowRoot!;
    expect(sr.querySelector("p")!.textContent).toBe("404-555-9999");
    expect(sr.querySelector("a")!.getAttribute("href")).toBe("tel:4045559999");
    expect(sr.querySelector("y-inner")!.shadowRoot!.textContent).toBe("404.555.9999");
    expect(hosts[1].shadowRoot!.querySelector("p")!.textContent).toBe("555-123-1234");
    expect(shadows.inside(document.body)).toHaveLength(4);
  });

  it("a root attached after the wrap is known without a scan; closed roots are left alone", () => {
    page("<x-late></x-late><x-closed></x-closed>");
    const open = document.querySelector("x-late")!.attachShadow({ mode: "open" });
    open.innerHTML = "<p>555 123 1234</p>";
    const closed = document.querySelector("x-closed")!.attachShadow({ mode: "closed" });
    closed.innerHTML = "<p>555 123 1234</p>";
    expect(learnt).toEqual([open]);
    swapTree(document.body, sw(table));
    expect(open.textContent).toBe("404 555 9999");
    expect(closed.textContent).toBe("555 123 1234");
  });

  it("forgets roots whose host left the page", () => {
    page("<x-gone></x-gone>");
    const host = document.querySelector("x-gone")!;
    host.attachShadow({ mode: "open" });
    swapTree(document.body, sw(table), true);
    host.remove();
    expect(shadows.inside(document.body)).not.toContain(host.shadowRoot);
    expect(shadows.inside(host)).toEqual([]);
  });
});

describe("the journal (docs/swapping.md#a-number-that-changes)", () => {
  it("puts the page's own values back, newest write first, and leaves what the page changed since", () => {
    page('<p id="a">555-123-1234</p><p id="b">555-123-1234</p>');
    const j = createJournal();
    const a = document.getElementById("a")!.firstChild as Text;
    const b = document.getElementById("b")!.firstChild as Text;
    j.write(a, "", "404-555-9999");
    j.write(a, "", "404-555-1111"); // a second number for the same node
    j.write(b, "", "404-555-9999");
    b.data = "the page's own edit";
    j.restore();
    expect(a.data).toBe("555-123-1234");
    expect(b.data).toBe("the page's own edit");
  });
});
