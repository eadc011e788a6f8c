// createCallTrk(options): wires config, trackers, session numbers, forms and the swap
// engine into the public API of docs/protocol.md#2-public-javascript-api-windowcalltrk.
// This is what the ESM build exports; importing it does nothing.
//
// One instance per document (docs/swapping.md#one-instance-per-page): a second
// createCallTrk() on a document that has a live instance gets a handle on that one, so no
// config request, lease, page view or capture happens twice; the instance is undone when
// its last handle is destroyed. React StrictMode's mount → destroy → mount therefore ends
// with one live instance.
//
// An instance's states:
//   waiting   no config yet (inline config skips this): source numbers unknown, nothing shown;
//   held      a config, and the page is prerendered (document.prerendering): source
//             numbers shown, nothing stored, leased or sent until the page is shown;
//   running   a config, shown: numbers shown, session numbers asked for when a session
//             tracker wins (never for a crawler, never without consent), forms captured;
//   destroyed every observer, listener, hook and timer taken back, the page's numbers back.
// A consent change, a restore from the back/forward cache and the prerendered page being
// shown re-run `assignNumbers`; `revealWhenSettled` reveals hidden numbers and runs the
// getSwapNumbers callbacks once nothing is pending.
import { fetchConfig, readConfig, readRules } from "./config";
import { guard, warn } from "./log";
import { reason } from "./net";
import { parsePhone, type Phone } from "./swap/phone";
import { createEngine } from "./engine";
import { startHide } from "./hide";
import { winners, type Win } from "./trackers/match";
import type { Rule } from "./trackers/rules";
import { createSessionShell } from "./session/shell";
import { createVisitor } from "./attribution/visitor";
import { createForms, type Forms } from "./forms/capture";
import { pending } from "./forms/outbox";
import type { Delivery } from "./forms/delivery";
import { explainTargets, type ConfigState } from "./explain";
import { debugOn } from "./debug/flag";
import type { DebugPart } from "./debug/report";
import { loadPart } from "./parts/load";
import { DESTROYABLE } from "./build";
import type { CallTrkApi, CallTrkOptions, CompanyConfig, Explanation, SwapNumbers, Visitor } from "./types";

export type {
  Attribution,
  CallTrkApi,
  CallTrkOptions,
  CompanyConfig,
  Explanation,
  SwapNumbers,
  Tracker,
  Visitor,
} from "./types";
export { classify, referrerKey } from "./attribution/classify";
export { parsePhone, findSwaps, swapText, buildTable, toE164 } from "./swap/phone";
export { winners, matches } from "./trackers/match";
export { readRules, readConfig } from "./config";
export { isCrawler } from "./bots";
export { isCardNumber, redactCards } from "./forms/cards";

type Api = Omit<CallTrkApi, "destroy">;
interface Core {
  api: Api;
  users: number;
  company: string;
  stop(): void;
}
/** Where a document keeps its live instance: shared by every copy of the bundle on the page. */
const KEY = Symbol.for("calltrk.instance");

/**
 * A CallTrk instance for `doc` (default: the global document), or a handle on the one
 * already live there. Only the script entry installs one as `window.CallTrk` (whose
 * instance is never destroyed, src/build.ts); tests and the ESM build pass their own.
 */
export function createCallTrk(
  options: CallTrkOptions,
  doc: Document | null = typeof document !== "undefined" ? document : null,
): CallTrkApi {
  const home = (doc || {}) as unknown as Record<symbol, Core | undefined>;
  let core = home[KEY];
  if (!core) {
    core = startInstance(options, doc);
    home[KEY] = core;
  } else if (options.company && options.company != core.company) {
    warn("one instance per page: " + options.company + " shares the live instance of " + core.company);
  }
  core.users++;
  return DESTROYABLE ? handle(core, home) : (core.api as CallTrkApi);
}

/** A handle on the document's instance, with destroy(): the instance is undone with its last handle. */
function handle(c: Core, home: Record<symbol, Core | undefined>): CallTrkApi {
  let live = true;
  const h = {} as CallTrkApi;
  (Object.keys(c.api) as Array<keyof Api>).forEach((k) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    h[k] = ((...a: any[]) => (live ? (c.api[k] as any)(...a) : k == "getSwapNumbers" ? {} : undefined)) as never;
  });
  h.destroy = () => {
    if (!live) return;
    live = false;
    if (--c.users) return;
    guard(c.stop);
    if (home[KEY] === c) delete home[KEY];
  };
  return h;
}

function startInstance(options: CallTrkOptions, doc: Document | null): Core {
  const company = options.company || (options.config && options.config.company_id) || "";
  const api = (options.api || "").replace(/\/+$/, "");
  const engine = createEngine(
    doc,
    (name) => loadPart(name, api),
    () => preloadDelivery(),
  );
  const reveal = startHide(doc, options.hide);
  const configState: ConfigState = { source: options.config ? "inline" : "request" };
  let config: CompanyConfig | null = null;
  let configured = false;
  let stopped = false;
  let rules: Rule[] = [];
  let wins: Win[] = [];
  /** Session tracker id → number leased to this visitor. */
  let leased: Record<string, string> = {};
  /** Lease requests in flight: getSwapNumbers callbacks wait for them (docs/protocol.md#2-public-javascript-api-windowcalltrk). */
  let asking = 0;
  const waiting: Array<() => void> = [];
  // The visitor, sessions and forms live on the real page only (cookies, location, storage are the window's).
  const win = typeof window != "undefined";
  /** A known crawler (docs/swapping.md#prerender-bfcache-and-crawlers): the sessions part tells, the first time a session tracker wins. */
  let crawler = false;
  /** A prerendered page stores, leases and sends nothing until it is shown (docs/swapping.md#prerender-bfcache-and-crawlers). */
  let held = win && !!doc && !!(doc as Document & { prerendering?: boolean }).prerendering;
  const visitor = win ? createVisitor(options, window) : null;
  const sessions =
    win && api
      ? createSessionShell({
          api,
          company,
          load: () => loadPart("sessions", api),
          visitor: () => visitor!.get(),
          onNumbers: (n) => {
            leased = n;
            applyNumbers();
          },
          // Session trackers take no part: the targets they won go to the next tier.
          onCrawler: () => {
            crawler = true;
            assignNumbers();
          },
        })
      : null;
  let forms: Forms | null = null;
  let delivery: Promise<Delivery | null> | null = null;
  let debug: DebugPart | null = null;
  const formsLog: Array<[string, string]> = [];
  const log = (form: HTMLFormElement, what: string) =>
    formsLog.push([form.getAttribute("name") || form.id || "(unnamed form)", what]);
  const granted = () => !!visitor && visitor.state() == "granted" && !held;
  /** Debug mode, read (and kept for the tab, or turned off) as the page loads. */
  const debugging = win && debugOn(location.search);

  /** The forms part: loaded once, when a submission needs it or a form (or an unsent lead) is on the page. */
  function startDelivery(): Promise<Delivery | null> {
    if (!delivery)
      delivery = loadPart("forms", api).then((p) => {
        if (!p) warn("forms part not loaded: submissions not captured");
        const d =
          p &&
          !stopped &&
          guard(() =>
            p.startDelivery({
              granted,
              api,
              company,
              ignored: config!.ignored_fields || [],
              visitor: visitor!,
              log,
            }),
          );
        // Not loaded: the next submit asks again.
        if (!d) delivery = null;
        return d || null;
      });
    return delivery;
  }
  /** Loaded before anyone can submit: as soon as a form is on the page with form_capture on. */
  function preloadDelivery(): void {
    if (forms && !delivery && doc && (pending() || (config!.form_capture && doc.forms.length)))
      startDelivery().then((d) => guard(() => d && d.flush()));
  }

  /** Swap with the winners: source numbers, and session numbers the visitor holds. */
  function applyNumbers(): void {
    const pairs: Array<[Phone, Phone]> = [];
    wins.forEach((w) => {
      const n = w.rule.session ? parsePhone(leased[w.rule.id]) : w.rule.number;
      if (n) pairs.push([w.target, n]);
    });
    engine.set(pairs);
  }

  /** Nothing pending any more (config and lease requests): reveal the page, answer getSwapNumbers. */
  function revealWhenSettled(): void {
    if (asking || !configured || stopped) return;
    reveal();
    waiting.splice(0).forEach((f) => f());
    if (debugging && !debug)
      loadPart("debug", api).then((p) =>
        guard(() => {
          if (!p || stopped) return warn("debug part not loaded");
          debug = p;
          p.print(methods.explain());
        }),
      );
  }

  /**
   * Which tracker wins each target for this visitor, then the numbers: source numbers at
   * once, session numbers from the cached lease or the server. Session trackers take no
   * part without consent, for a crawler, or while the page is prerendered.
   */
  function assignNumbers(again?: boolean): void {
    const v = visitor && visitor.get();
    const sessionsAllowed = granted() && !crawler;
    wins = v ? winners(rules, v, sessionsAllowed) : [];
    const ids = wins
      .filter((w) => w.rule.session)
      .map((w) => w.rule.id)
      .filter((id, i, a) => a.indexOf(id) == i);
    const s = sessions && sessionsAllowed ? sessions.start(ids, again) : { numbers: {}, done: null };
    leased = s.numbers;
    applyNumbers();
    if (s.done) {
      asking++;
      s.done.then(() =>
        guard(() => {
          asking--;
          revealWhenSettled();
        }),
      );
    }
  }

  /** The first touch is stored, and forms captured, only on a page shown with consent. */
  function persist(): void {
    if (!visitor || held) return;
    visitor.settle(config);
    if (!forms && win && api && config && granted()) {
      forms = createForms({
        auto: !!config.form_capture,
        consent: visitor!.state,
        submitCalls: !!options.captureSubmitCalls,
        delivery: startDelivery,
        log,
      });
      preloadDelivery();
    }
  }

  function configure(raw: unknown): void {
    if (configured || stopped) return; // first config wins: a second bundle's configure() is ignored
    configured = true;
    config = readConfig(raw);
    if (!config) warn("no usable config: numbers kept" + (configState.error ? " (" + configState.error + ")" : ""));
    persist();
    rules = readRules(config);
    assignNumbers();
    revealWhenSettled();
  }

  // A prerendered page shown to the visitor: from now on it is a page view like any other.
  const shown = () =>
    guard(() => {
      if (!held || stopped) return;
      held = false;
      if (!configured) return;
      persist();
      assignNumbers();
      revealWhenSettled();
    });
  // Back from the back/forward cache: a new page view, which renews the lease.
  const restored = (e: PageTransitionEvent) =>
    guard(() => {
      if (e.persisted && configured && !stopped) assignNumbers(true);
    });
  if (win && doc) {
    doc.addEventListener("prerenderingchange", shown);
    addEventListener("pageshow", restored);
  }

  /** What every page answers at once (explain.ts); the debug part adds to it. */
  function explanation(): Explanation {
    return {
      config: configState,
      consent: visitor ? visitor.state() : "granted",
      crawler,
      prerendering: held,
      visitor: visitor && visitor.get(),
      session: sessions ? sessions.report : null,
      targets: explainTargets({
        rules,
        wins,
        allWins: visitor ? winners(rules, visitor.get(), true) : wins,
        why: crawler
          ? "the visitor is a crawler"
          : held
            ? "the page is prerendered"
            : granted()
              ? ""
              : "consent is " + (visitor ? visitor.state() : "pending"),
        lookup: engine.lookup,
        lease: sessions ? sessions.report : null,
      }),
    };
  }

  const methods: Api = {
    swap(scope?: Node | string): void {
      guard(() => {
        // The whole page: shadow roots are known from their attachment, no need to search.
        if (scope === undefined) return doc && doc.body && engine.swap(doc.body, false);
        if (typeof scope === "string") {
          let found: NodeListOf<Element>;
          try {
            found = doc!.querySelectorAll(scope);
          } catch {
            return warn("swap: bad selector " + scope);
          }
          return found.forEach((n) => engine.swap(n, true));
        }
        if (scope && (scope as Node).nodeType > 0) return engine.swap(scope, true);
        warn("swap: bad argument");
      });
    },

    getSwapNumbers(numbers: string[], callback?: (result: SwapNumbers) => void): SwapNumbers {
      const known = (): SwapNumbers => {
        const out: SwapNumbers = {};
        numbers.forEach((n) => {
          const p = parsePhone(n, true);
          const t = p && engine.lookup(p);
          if (t) out[n] = t;
        });
        return out;
      };
      return (
        guard(() => {
          if (!Array.isArray(numbers)) {
            warn("getSwapNumbers: bad argument");
            return {};
          }
          if (typeof callback === "function") {
            // Always later, once, after the config and any lease request settled.
            waiting.push(() => setTimeout(() => guard(() => callback(known()))));
            revealWhenSettled();
          }
          return known();
        }) || {}
      );
    },

    captureForm(form: HTMLFormElement | string, callback?: () => void): void {
      guard(() => {
        if (forms) return forms.capture(form, callback);
        warn("captureForm: no form capture (no config, consent or data-api)");
        if (typeof callback == "function") setTimeout(() => guard(callback));
      });
    },

    getVisitor(): Visitor {
      return guard(() => visitor && visitor.get()) as Visitor;
    },

    consent(state: "granted" | "denied"): void {
      guard(() => {
        if (!visitor) return;
        const before = visitor.state();
        visitor.consent(state);
        // "carries on as if it had just loaded" / "keeps showing only source-tracker numbers" (docs/protocol.md#54-consent)
        if (configured && visitor.state() != before) {
          persist();
          assignNumbers();
          revealWhenSettled();
        }
      });
    },

    configure(c: CompanyConfig): void {
      guard(() => {
        if (!configured) configState.source = "configure";
        configure(c);
      });
    },

    explain(): Explanation {
      return guard(() => {
        const e = explanation();
        return debug
          ? debug.report({
              explanation: e,
              config,
              rules,
              attribution: visitor && visitor.get(),
              forms: formsLog,
              doc,
            })
          : e;
      }) as Explanation;
    },
  };
  const core: Core = {
    api: methods,
    users: 0,
    company,
    stop(): void {
      if (!DESTROYABLE) return;
      stopped = true;
      if (win && doc) {
        doc.removeEventListener("prerenderingchange", shown);
        removeEventListener("pageshow", restored);
      }
      if (sessions) sessions.stop();
      if (forms) forms.stop();
      if (delivery) delivery.then((d) => guard(() => d && d.stop()));
      engine.destroy();
      reveal();
    },
  };

  if (options.config) configure(options.config);
  // Deferred: a server may append `CallTrk.configure(config)` to the bundle it serves,
  // which runs right after this script, before any microtask (docs/protocol.md#1-embedding).
  else
    Promise.resolve().then(() =>
      guard(() => {
        if (configured || stopped) return;
        if (!api || !company) {
          warn("no data-api or data-company");
          return configure({ trackers: [] });
        }
        fetchConfig(api, company).then((r) =>
          guard(() => {
            configState.status = r.status;
            configState.error =
              r.status && r.status < 300
                ? undefined
                : reason(r) || (r.status ? "answer " + r.status : "no answer: server down, or request blocked");
            configure(configState.error ? null : r.body);
          }),
        );
      }),
    );
  return core;
}
