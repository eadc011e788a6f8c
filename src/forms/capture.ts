// Form capture (issue 5, PROTOCOL §2 captureForm and §5.3): one capture-phase `submit`
// listener on the document sees native submits, requestSubmit(), late forms and AJAX
// forms that preventDefault() themselves. It only reads the fields, synchronously: it
// never cancels, delays or changes a submission. Each submission goes through the outbox.
import { guard, warn } from "../log";
import { toJson } from "../safe";
import { referrerKey } from "../attribution/classify";
import { capUrl } from "../attribution/firstTouch";
import { uuid } from "../attribution/uuid";
import { NO_CAPTURE, snapshot } from "./fields";
import { deliver } from "./deliver";
import { add, commit, IN_FLIGHT_MS, load, nextDue, settle, take, type Entry } from "./outbox";
import type { VisitorStore } from "../attribution/visitor";
import type { CompanyConfig } from "../types";

export interface FormOptions {
  api: string;
  company: string;
  config: CompanyConfig;
  visitor: VisitorStore;
  /** Also capture `form.submit()`, which fires no submit event (opt-in: it wraps HTMLFormElement.prototype.submit). */
  submitCalls: boolean;
}

export interface Forms {
  capture(form: unknown, callback?: unknown): void;
  /** Takes back the listeners, the timer and the form.submit wrapper (where nobody wrapped it after us). */
  stop(): void;
}

/** captureForm's callback runs after the server's answer or after this long, whatever happened (PROTOCOL §2). */
export const CALLBACK_MS = 3000;
/** The same form with the same fields within this time is one submission (a page calling captureForm in its submit handler). */
const SAME_MS = 5000;

export function createForms(o: FormOptions): Forms {
  const url = o.api + "/v1/companies/" + encodeURIComponent(o.company) + "/form_submissions";
  const last = new WeakMap<HTMLFormElement, [number, string]>();
  /** Entries storage refused (blocked or full): kept for this page's life. */
  let unsaved: Entry[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const granted = () => o.visitor.state() == "granted";

  const read = () =>
    load()
      .filter((e) => !unsaved.some((u) => u.id == e.id))
      .concat(unsaved);
  /** Stores the change; entries no storage took (or still unsaved and unchanged) stay in memory. */
  const write = (before: Entry[], after: Entry[]) => {
    const failed = commit(before, after);
    unsaved = after.filter((e) => failed.indexOf(e) >= 0 || unsaved.indexOf(e) >= 0);
  };

  /** Sends what is due; an entry leaves the outbox only on an ack or a permanent refusal. */
  function flush(): void {
    if (!granted()) return;
    const list = read();
    const t = take(list, Date.now());
    write(list, t.list);
    t.send.forEach((e) => send(e));
    schedule();
  }

  function send(e: Entry, done?: () => void): void {
    deliver(e.u, e.body).then((out) =>
      guard(() => {
        if (out == "drop") warn("form submission " + e.id + " refused by the server: dropped");
        const list = read();
        write(list, settle(list, e.id, out, Date.now()));
        if (done) done();
        schedule();
      }),
    );
  }

  /** A retry in this page when the next entry falls due. */
  function schedule(): void {
    const due = nextDue(read());
    clearTimeout(timer);
    if (due != null) timer = setTimeout(() => guard(flush), Math.max(due - Date.now(), 0) + 50);
  }

  /** Snapshot, store, send. Returns false when nothing was captured. */
  function record(form: HTMLFormElement, done?: () => void): boolean {
    if (!granted() || form.hasAttribute(NO_CAPTURE)) return false;
    const data = snapshot(form, o.config.ignored_fields || []);
    const json = toJson(data);
    const now = Date.now();
    const seen = last.get(form);
    if (seen && seen[1] == json && now - seen[0] < SAME_MS) return false;
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
    // Stored first (PROTOCOL §5.3), then sent, marked in flight so another tab waits.
    const list = read();
    const a = add(list, { id, body, u: url, n: 1, at: now, due: now + IN_FLIGHT_MS }, now);
    if (a.dropped.length) warn("form outbox full: oldest submissions dropped");
    write(list, a.list);
    send(a.list[a.list.length - 1], done);
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
  // Retries: this page view, coming back online, the page shown again.
  const retry = () => guard(flush);
  const shown = () =>
    guard(() => {
      if (document.visibilityState == "visible") flush();
    });
  addEventListener("online", retry);
  document.addEventListener("visibilitychange", shown);
  flush();

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
      removeEventListener("online", retry);
      document.removeEventListener("visibilitychange", shown);
      clearTimeout(timer);
    },
  };
}
