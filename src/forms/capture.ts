// Form capture (docs/forms.md, docs/protocol.md#2-public-javascript-api-windowcalltrk
// captureForm and #53-form-submissions): one capture-phase `submit` listener on the
// document sees native submits, requestSubmit(), late forms and AJAX forms that
// preventDefault() themselves. It only reads the fields, synchronously: it never cancels,
// delays or changes a submission. Each submission is stored in the outbox here, in the
// main bundle, before anything is sent, so a lead taken before the delivery part arrived
// (or on a page that navigates away at once) is never lost: the part sends it when it
// arrives, on this page view or a later one (docs/forms.md#loaded-on-demand).
import { guard, warn } from "../log";
import { toJson } from "../safe";
import { referrerKey } from "../attribution/classify";
import { capUrl } from "../attribution/firstTouch";
import { uuid } from "../attribution/uuid";
import { NO_CAPTURE, snapshot } from "./fields";
import { IN_FLIGHT_MS, put, type Entry } from "./outbox";
import type { Delivery } from "./delivery";
import type { VisitorStore } from "../attribution/visitor";
import type { CompanyConfig } from "../types";

export interface FormOptions {
  api: string;
  company: string;
  config: CompanyConfig;
  visitor: VisitorStore;
  /** Also capture `form.submit()`, which fires no submit event (opt-in: it wraps HTMLFormElement.prototype.submit). */
  submitCalls: boolean;
  /** The delivery part, loaded on demand (null: it did not load). */
  delivery(): Promise<Delivery | null>;
  /** What happened to a submission, for the debug report (docs/debugging.md). */
  log(form: HTMLFormElement, what: string): void;
}

export interface Forms {
  capture(form: unknown, callback?: unknown): void;
  /** Takes back the listeners and the form.submit wrapper (where nobody wrapped it after us). */
  stop(): void;
}

/** captureForm's callback runs after the server's answer or after this long, whatever happened. */
export const CALLBACK_MS = 3000;
/** The same form with the same fields within this time is one submission (a page calling captureForm in its submit handler). */
const SAME_MS = 5000;

export function createForms(o: FormOptions): Forms {
  const url = o.api + "/v1/companies/" + encodeURIComponent(o.company) + "/form_submissions";
  const last = new WeakMap<HTMLFormElement, [number, string]>();
  const granted = () => o.visitor.state() == "granted";

  /** Snapshot and store now; sent by the delivery part. Returns false when nothing was captured. */
  function record(form: HTMLFormElement, done?: () => void): boolean {
    const skipped = !granted()
      ? "consent " + o.visitor.state()
      : form.hasAttribute(NO_CAPTURE)
        ? "marked " + NO_CAPTURE
        : "";
    if (skipped) {
      o.log(form, "skipped: " + skipped);
      return false;
    }
    const data = snapshot(form, o.config.ignored_fields || []);
    const json = toJson(data);
    const now = Date.now();
    const seen = last.get(form);
    if (seen && seen[1] == json && now - seen[0] < SAME_MS) {
      o.log(form, "skipped: the same submission again");
      return false;
    }
    last.set(form, [now, json]);
    const v = o.visitor.get();
    const id = uuid();
    const body = {
      id,
      session_id: v.session_id,
      form_url: capUrl(location.href),
      form_name: form.getAttribute("name") || form.id || null,
      landing_page_url: v.landing_page_url,
      referrer: referrerKey(v),
      referring_url: v.referrer,
      form_data: data,
      visitor: v,
      submitted_at: new Date(now).toISOString(),
    };
    // Stored first (docs/protocol.md#53-form-submissions), marked in flight so that another tab
    // waits; never sent yet (attempts 0), so should this page go before the delivery part sent
    // it, the next page view sends it at once (outbox.ts take()).
    const e: Entry = { id, body, url, attempts: 0, createdAt: now, due: now + IN_FLIGHT_MS };
    put(e);
    o.log(form, "captured");
    o.delivery().then((d) =>
      guard(() => {
        if (d) d.send(e, done);
      }),
    );
    return true;
  }

  const isForm = (f: unknown): f is HTMLFormElement => !!f && (f as Element).tagName == "FORM";
  const onSubmit = (e: Event) =>
    guard(() => {
      if (isForm(e.target)) record(e.target);
    });
  const proto = HTMLFormElement.prototype;
  const submit = proto.submit;
  const submitCall = function (this: HTMLFormElement) {
    guard(() => record(this));
    return submit.call(this);
  };
  if (o.config.form_capture) {
    document.addEventListener("submit", onSubmit, true);
    if (o.submitCalls) proto.submit = submitCall;
  }

  return {
    capture(target: unknown, callback?: unknown): void {
      let called = false;
      const cb = () => {
        if (called || typeof callback != "function") return;
        called = true;
        guard(callback as () => void);
      };
      setTimeout(cb, CALLBACK_MS);
      let form: unknown = target;
      if (typeof target == "string") {
        try {
          form = document.querySelector(target);
        } catch {
          form = null;
        }
      }
      if (!isForm(form)) {
        warn("captureForm: not a form");
        setTimeout(cb);
        return;
      }
      if (!record(form, cb)) setTimeout(cb);
    },
    stop(): void {
      document.removeEventListener("submit", onSubmit, true);
      if (proto.submit === submitCall) proto.submit = submit;
    },
  };
}
