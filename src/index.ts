// Script-tag entry (PROTOCOL §1): read the settings, install `window.CallTrk`, replay the
// stub's queue exactly once. Everything else lives in importable modules.
import { createCallTrk } from "./calltrk";
import { guard, warn } from "./log";
import type { CallTrkApi, CallTrkOptions, CallTrkStub } from "./types";

/** Marks a live bundle, so that a second copy on the page does nothing. */
const LOADED = "__loaded";

/** The script element that loaded us: currentScript, else the tag carrying data-company. */
function ownScript(doc: Document): HTMLScriptElement | null {
  const s = doc.currentScript as HTMLScriptElement | null;
  return s && s.src ? s : doc.querySelector<HTMLScriptElement>("script[data-company]");
}

/** Script-tag attributes, overridden by `window.CallTrkConfig` (PROTOCOL §1). */
export function readOptions(win: Window): CallTrkOptions {
  const el = ownScript(win.document);
  const data = el ? el.dataset : {};
  let origin = "";
  try {
    if (el && el.src) origin = new URL(el.src, win.location.href).origin;
  } catch {
    // an unparsable src leaves the default empty; data-api can still set it
  }
  const fromTag: CallTrkOptions = {
    company: data.company,
    api: data.api || origin,
    cookieDomain: data.cookieDomain,
    consent: data.consent as CallTrkOptions["consent"],
  };
  const given = win.CallTrkConfig;
  const out = Object.assign({}, fromTag) as Record<string, unknown>;
  if (given && typeof given === "object") {
    for (const k of Object.keys(given)) {
      const v = (given as Record<string, unknown>)[k];
      if (v !== undefined && v !== null) out[k] = v;
    }
  }
  return out as CallTrkOptions;
}

function install(win: Window): void {
  const prior = win.CallTrk as CallTrkStub | undefined;
  if (prior && prior[LOADED]) return; // loaded twice: the first copy does the work
  const options = readOptions(win);
  if (!options.company && !(options.config && options.config.company_id)) {
    return warn("no data-company on the script tag: nothing is swapped");
  }
  const calltrk = createCallTrk(options) as CallTrkApi & Record<string, unknown>;
  Object.defineProperty(calltrk, LOADED, { value: true });
  win.CallTrk = calltrk;

  // Replay the stub's queue in order, once. A page that kept a reference to a stub
  // method still pushes to the old queue: its push now calls straight through.
  const queue = prior && Array.isArray(prior.q) ? prior.q : [];
  const run = (call: [string, ArrayLike<unknown>]) =>
    guard("queued call", () => {
      const method = call && calltrk[call[0]];
      if (typeof method !== "function") return warn("unknown method in queue: " + (call && call[0]));
      method.apply(calltrk, Array.prototype.slice.call(call[1] || []));
    });
  queue.splice(0).forEach(run);
  queue.push = (...calls: Array<[string, ArrayLike<unknown>]>) => (calls.forEach(run), 0);
  // The stub's methods read `CallTrk.q` when called, so the live object keeps it.
  Object.defineProperty(calltrk, "q", { value: queue });
}

if (typeof window !== "undefined" && typeof document !== "undefined") guard("load", () => install(window));
