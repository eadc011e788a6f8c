// A host page that changes built-ins: serialization and lookups of the
// bundle must not change with it. Each polluting test restores the prototypes it touched.
import { afterEach, describe, expect, it } from "vitest";
import { dict, own, toJson } from "../src/safe";
import { classify } from "../src/attribution/classify";
import { knownHost } from "../src/attribution/hosts";
import { readTracker } from "../src/trackers/rules";
import { snapshot } from "../src/forms/fields";
import { fromAnswer } from "../src/session/lease";
import { load } from "../src/forms/outbox";
import { readTouch, writeTouch } from "../src/attribution/store";

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const A = Array.prototype as unknown as Loose;
const O = Object.prototype as unknown as Loose;

afterEach(() => {
  delete A.toJSON;
  delete O.toJSON;
  delete O.polluted;
  delete O.gclid;
  delete O.utm_source;
});

const values: unknown[] = [
  null,
  true,
  false,
  0,
  -1.5,
  1e21,
  NaN,
  Infinity,
  "",
  'a"b\\c\n\u2028<script>',
  "é😀",
  [],
  [1, "x", null],
  [undefined, () => 1],
  {},
  { a: 1, b: undefined, c: () => 1, d: [{ e: "f" }] },
  { __proto__x: 1, "": 2, 'a"b': 3 },
  { nested: { deep: { deeper: [1, [2, [3]]] } } },
];

describe("toJson", () => {
  it.each(values.map((v) => [JSON.stringify(v) ?? "undefined", v]))("is JSON.stringify for %s", (_, v) => {
    expect(toJson(v)).toBe(JSON.stringify(v) ?? "null");
  });

  it("ignores Array.prototype.toJSON and Object.prototype.toJSON and inherited keys", () => {
    const v = { session_id: "s", tracker_ids: ["A", "B"], visitor: { utm: {}, click_ids: { gclid: "x" } } };
    const clean = JSON.stringify(v);
    A.toJSON = () => "polluted";
    O.polluted = "yes";
    expect(JSON.stringify(v)).not.toBe(clean); // the fault is real
    expect(toJson(v)).toBe(clean);
    O.toJSON = () => "polluted";
    expect(toJson(v)).toBe(clean);
  });

  it("serializes a prototype-less object", () => {
    const d = dict<string>();
    d["constructor"] = "c";
    expect(toJson(d)).toBe('{"constructor":"c"}');
  });
});

describe("own", () => {
  it.each([
    ["a", 1],
    ["constructor", undefined],
    ["toString", undefined],
    ["__proto__", undefined],
    ["polluted", undefined],
  ])("own(o, %s)", (k, want) => {
    O.polluted = "yes";
    expect(own({ a: 1 } as Record<string, number>, k)).toBe(want);
  });
});

describe("rules read as own properties only", () => {
  it("a polluted Object.prototype does not make a direct visit a paid click", () => {
    O.gclid = "x";
    O.utm_source = "evil";
    O.polluted = "yes";
    const a = classify("", "https://site.example/", "site.example")!;
    expect(a).toMatchObject({ source: "direct", medium: "direct", utm: {}, click_ids: {} });
  });

  it("URL parameters named like Object.prototype members are parameters", () => {
    const a = classify(
      "",
      "https://site.example/?constructor=1&toString=2&utm_source=news&utm_medium=email",
      "site.example",
    )!;
    expect(a).toMatchObject({ source: "news", medium: "email" });
  });

  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
    "a referrer host or app named %s is a plain referral",
    (host) => {
      expect(knownHost(host, "/", false)).toBeNull();
      expect(knownHost(host, "/", true)).toBeNull();
    },
  );

  it.each(["constructor", "toString", "__proto__"])("a tracker whose source type is %s is skipped", (type) => {
    const t = {
      id: "T",
      type: "source",
      status: "active",
      tracking_numbers: ["+14045559999"],
      swap_targets: ["5551231234"],
      source: { type },
    };
    expect(readTracker(t, 0)).toBeNull();
  });

  it("stored entries read own fields only: a polluted prototype stands in for no missing field", () => {
    O.url = "https://evil.example/collect";
    O.referrer = "https://www.google.com/";
    localStorage.setItem("calltrk_outbox:x", JSON.stringify({ id: "x", body: {}, createdAt: 1 }));
    expect(load()).toEqual([]);
    localStorage.setItem(
      "calltrk_first_touch",
      JSON.stringify({
        landing: "https://site.example/",
        session_id: "6f1c2d3e-4b5a-4c6d-8e7f-001122334455",
        expires: 9e15,
      }),
    );
    expect(readTouch(Date.now())).toBeNull();
    localStorage.clear();
    delete O.url;
    delete O.referrer;
  });

  it("the first-touch mirror is written as plain JSON whatever toJSON the page added", () => {
    O.toJSON = () => "polluted";
    A.toJSON = () => "polluted";
    const t = {
      referrer: "direct",
      landing: "https://site.example/",
      session_id: "6f1c2d3e-4b5a-4c6d-8e7f-001122334455",
    };
    writeTouch(t, { days: 1, secure: false }, 1000);
    const raw = localStorage.getItem("calltrk_first_touch")!;
    delete O.toJSON;
    delete A.toJSON;
    expect(JSON.parse(raw)).toEqual({ ...t, expires: 1000 + 864e5 });
    localStorage.clear();
  });

  it("a lease answer's numbers are own properties", () => {
    O.polluted = "+14045551111";
    expect(fromAnswer({ numbers: {} }, "s", ["polluted", "toString"], 0)!.numbers).toEqual({});
  });

  it("form fields named constructor, toString and __proto__ are captured as fields", () => {
    document.body.innerHTML = `<form><input name="constructor" value="a"><input name="toString" value="b"><input name="__proto__" value="c"><input name="polluted" value="d"></form>`;
    O.polluted = "inherited";
    const data = snapshot(document.querySelector("form")!, []);
    expect(JSON.parse(toJson(data))).toEqual({ constructor: "a", toString: "b", ["__proto__"]: "c", polluted: "d" });
  });
});
