// Form capture in the main bundle (docs/forms.md, docs/protocol.md#2-public-javascript-api-windowcalltrk
// captureForm and #53-form-submissions): one capture-phase `submit` listener on the
// document sees native submits, requestSubmit(), late forms and AJAX forms that
// preventDefault() themselves. It never cancels, delays or changes a submission: it reads
// the form's values synchronously (values.ts) and hands them, in memory, to the forms
// part, which decides what is captured, stores and sends it. The part is requested as soon
// as a form is on the page (calltrk.ts), so it is there long before a person can submit; a
// submit that comes first waits in memory for it (docs/forms.md#loaded-on-demand).
import { guard, warn } from "../log";
import { readValues } from "./values";
import type { Delivery } from "./delivery";
import { DESTROYABLE } from "../build";

export interface FormOptions {
  /** `form_capture`: capture every submit (captureForm works either way). */
  auto: boolean;
  /** Consent now: nothing is captured unless it is granted. */
  consent(): string;
  /** Also capture `form.submit()`, which fires no submit event (opt-in: it wraps HTMLFormElement.prototype.submit). */
  submitCalls: boolean;
  /** The forms part, loaded on demand (null: it did not load). */
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
/** Forms (or an element around them) marked by the site are never captured (docs/protocol.md#53-form-submissions). */
const NO_CAPTURE = "[data-cr-no-capture]";

export function createForms(o: FormOptions): Forms {
  /** Reads the form now and hands it to the forms part; `done` runs once whatever happens. */
  function record(form: HTMLFormElement, done: () => void = () => {}): void {
    const consent = o.consent();
    const skipped =
      consent != "granted" ? "consent " + consent : form.closest(NO_CAPTURE) ? "marked " + NO_CAPTURE : "";
    if (skipped) {
      o.log(form, "skipped: " + skipped);
      setTimeout(done);
      return;
    }
    const held = { form, values: readValues(form), href: location.href, at: Date.now(), done };
    o.delivery().then((d) =>
      guard(() => {
        if (!d || !d.record(held)) done();
      }),
    );
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
  if (o.auto) {
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
      record(form, cb);
    },
    stop(): void {
      if (!DESTROYABLE) return;
      document.removeEventListener("submit", onSubmit, true);
      if (proto.submit === submitCall) proto.submit = submit;
    },
  };
}
