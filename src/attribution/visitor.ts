// The visitor (docs/protocol.md#4-visitor-attribution and #54-consent): this page view's arrival, the stored first
// touch, and consent. Nothing is read from or written to cookies or storage, and no session
// id exists, unless consent is granted.
import { warn } from "../log";
import { classify } from "./classify";
import { decide, lifetimeDays, type FirstTouch } from "./firstTouch";
import { clearTouch, cookieDomain, grabCookies, readTouch, writeTouch } from "./store";
import { uuid } from "./uuid";
import type { CallTrkOptions, CompanyConfig, Visitor } from "../types";

export type ConsentState = "granted" | "pending" | "denied";

export interface VisitorStore {
  /** The attribution object with session id (what `getVisitor()` returns and the server gets). */
  get(): Visitor;
  /** The config has settled (null: none usable): apply its overrides and persist. */
  settle(config: CompanyConfig | null): void;
  consent(state: unknown): void;
  state(): ConsentState;
}

export function createVisitor(options: CallTrkOptions, win: Window = window): VisitorStore {
  const loc = win.location;
  const referrer = win.document.referrer;
  const gpc = options.respectGpc && (win.navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
  let state: ConsentState = options.consent == "pending" ? "pending" : gpc ? "denied" : "granted";
  let config: CompanyConfig | null = null;
  let settled = false;
  let touch: FirstTouch | null = null;
  let domain: string | undefined | null = null; // null: not probed yet
  let id = "";
  /** One new session id per page view, however often the rules are applied before persisting. */
  const newId = () => id || (id = uuid());

  const getDomain = () => (domain === null ? (domain = cookieDomain(loc.hostname, options.cookieDomain)) : domain);
  const current = () => decide(readTouch(Date.now()), referrer, loc.href, loc.hostname, config, newId);

  /** Apply the rules against what is stored and write it back, renewing the lifetime. */
  function persist(): void {
    touch = current();
    writeTouch(
      touch,
      { domain: getDomain(), days: lifetimeDays(config), secure: loc.protocol == "https:" },
      Date.now(),
    );
  }

  if (state == "denied") clearTouch(getDomain());

  return {
    get(): Visitor {
      const granted = state == "granted";
      // Without consent: this page view's arrival, in memory only (docs/protocol.md#54-consent).
      const t = granted ? touch || current() : decide(null, referrer, loc.href, loc.hostname, null, () => "");
      const a = classify(t.referrer, t.landing, loc.hostname) || classify("", t.landing, "")!;
      return Object.assign(a, {
        session_id: granted ? t.session_id : null,
        cookies: granted && config ? grabCookies(config.grab_cookies) : {},
      });
    },
    settle(c: CompanyConfig | null): void {
      config = c;
      settled = true;
      if (state == "granted") persist();
    },
    consent(s: unknown): void {
      if (s == "granted") {
        // "carries on as if it had just loaded" (docs/protocol.md#54-consent)
        if (state != "granted") {
          state = "granted";
          if (settled) persist();
        }
      } else if (s == "denied") {
        state = "denied";
        touch = null;
        clearTouch(getDomain());
      } else warn("consent: expected 'granted' or 'denied'");
    },
    state: () => state,
  };
}
