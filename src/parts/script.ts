// The script-tag build's loader of parts (docs/performance.md#parts-loaded-on-demand): a
// <script> element for `swap-<part>.js` beside the bundle's own URL, so a page whose CSP
// allows the bundle (`script-src` its origin, or a nonce, which is copied) allows its parts
// too. The part announces itself with an event on its own script element (announce.ts);
// the element is removed again once it ran. build.mjs uses this file for load.ts.
import type { Parts } from "./load";

export const PART_EVENT = "calltrk:part";
// While the bundle itself runs, currentScript is its element.
const own = typeof document != "undefined" ? (document.currentScript as HTMLScriptElement | null) : null;
const cache: Record<string, Promise<unknown> | undefined> = {};
const LOAD_MS = 10000;

/** The part, once; null when it could not be loaded (never rejects), and then asked for again by the next call. */
export function loadPart<K extends keyof Parts>(name: K, api: string): Promise<Parts[K] | null> {
  if (!cache[name])
    cache[name] = load(name, api).then((p) => {
      if (!p) delete cache[name];
      return p;
    });
  return cache[name] as Promise<Parts[K] | null>;
}

function load<K extends keyof Parts>(name: K, api: string): Promise<Parts[K] | null> {
  return new Promise<Parts[K] | null>((resolve) => {
    const s = document.createElement("script");
    let settled = false;
    const done = (part: Parts[K] | null) => {
      if (settled) return;
      settled = true;
      s.remove();
      resolve(part);
    };
    s.addEventListener(PART_EVENT, (e) => done((e as CustomEvent).detail));
    // A part announces itself while it runs, before `load`: a load without it is not a part.
    s.onload = s.onerror = () => done(null);
    setTimeout(done, LOAD_MS, null);
    try {
      s.src = new URL("swap-" + name + ".js", (own && own.src) || api + "/").href;
      if (own && own.nonce) s.nonce = own.nonce;
      (document.head || document.documentElement).appendChild(s);
    } catch {
      done(null);
    }
  }).catch(() => null);
}
