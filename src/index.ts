// Script-tag entry (docs/protocol.md#1-embedding): read the settings, install `window.CallTrk`, replay the
// stub's queue exactly once. Everything else lives in importable modules.
import { createCallTrk } from "./calltrk";
import { guard, warn } from "./log";
import type { CallTrkOptions } from "./types";

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Script-tag attributes, overridden by `window.CallTrkConfig` (docs/protocol.md#1-embedding). */
export function readOptions(win: Window): CallTrkOptions {
  const doc = win.document;
  // currentScript is ours while the bundle runs (async included); else the tag with data-company.
  let el = doc.currentScript as HTMLScriptElement | null;
  if (!el || !el.src) el = doc.querySelector("script[data-company]");
  const data = el ? el.dataset : {};
  let api = data.api;
  try {
    api = api || new URL(el!.src, win.location.href).origin;
  } catch {
    // no script element, or an unparsable src: data-api or CallTrkConfig.api must say
  }
  const gpc = data.respectGpc;
  const flag = (v: string | undefined) => v != null && v != "false";
  const fromTag: CallTrkOptions = {
    company: data.company,
    api,
    cookieDomain: data.cookieDomain,
    consent: data.consent as CallTrkOptions["consent"],
    respectGpc: flag(gpc),
    captureSubmitCalls: flag(data.captureSubmitCalls),
  };
  // data-hide: present means the default time; a number is the time in ms.
  if (data.hide != null) fromTag.hide = data.hide ? +data.hide : -1;
  return Object.assign(fromTag, win.CallTrkConfig) as CallTrkOptions;
}

function install(win: Window): void {
  const prior = win.CallTrk as Loose | undefined;
  if (prior && prior.__loaded) return; // loaded twice: the first copy does the work
  const options = readOptions(win);
  if (!options.company && !(options.config && options.config.company_id)) {
    return warn("no data-company: nothing swapped");
  }
  const calltrk = createCallTrk(options) as Loose;
  calltrk.__loaded = true;
  win.CallTrk = calltrk as never;

  // Replay the stub's queue in order, once. The stub's methods push to `CallTrk.q` when
  // called, so the queue stays on the live object with a push that calls straight through.
  const queue: Array<[string, ArrayLike<unknown>]> = (prior && prior.q) || [];
  const run = (call: [string, ArrayLike<unknown>]) =>
    guard(() => {
      const method = calltrk[call[0]];
      if (typeof method !== "function") return warn("unknown method " + call[0]);
      method.apply(calltrk, [].slice.call(call[1]));
    });
  queue.splice(0).forEach(run);
  queue.push = (call) => {
    run(call);
    return 0;
  };
  calltrk.q = queue;
}

if (typeof window !== "undefined") guard(() => install(window));
