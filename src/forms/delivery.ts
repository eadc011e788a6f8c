// The forms part, loaded on demand (docs/forms.md#loaded-on-demand): what a submission
// captures and its delivery. The main bundle (capture.ts) sees the submit and reads the
// form's values at once, and hands them here, in memory; this part keeps what may be
// captured (fields.ts), writes the submission to the outbox, sends it and everything
// still waiting from earlier page views, and retries with backoff until the server
// acknowledged (docs/protocol.md#53-form-submissions).
import { guard, warn } from "../log";
import { deliver } from "./deliver";
import { add, commit, IN_FLIGHT_MS, load, nextDue, settle, take, type Entry } from "./outbox";
import { submissions, type Held } from "./submission";
import type { VisitorStore } from "../attribution/visitor";
import { DESTROYABLE } from "../build";

export interface DeliveryOptions {
  /** Consent granted: nothing is flushed otherwise. */
  granted(): boolean;
  api: string;
  company: string;
  /** The company's `ignored_fields`. */
  ignored: string[];
  visitor: VisitorStore;
  /** What happened to a submission, for the debug report (docs/debugging.md). */
  log(form: HTMLFormElement, what: string): void;
}

export interface Delivery {
  /** Captures a submit the main bundle held; false when it repeats the form's last one. */
  record(h: Held): boolean;
  /** Sends what is due. */
  flush(): void;
  stop(): void;
}

export function startDelivery(o: DeliveryOptions): Delivery {
  const url = o.api + "/v1/companies/" + encodeURIComponent(o.company) + "/form_submissions";
  const submission = submissions(o.ignored);
  /** Entries storage refused (blocked or full): kept for this page's life. */
  let unsaved: Entry[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** When this page view began: entries stored before it and never sent are an earlier page's. */
  const pageStart = typeof performance != "undefined" && performance.timeOrigin ? performance.timeOrigin : Date.now();

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
    if (!o.granted()) return;
    const list = read();
    const t = take(list, Date.now(), pageStart);
    write(list, t.list);
    t.send.forEach((e) => sendOne(e));
    schedule();
  }

  function sendOne(e: Entry, done?: () => void): void {
    deliver(e.url, e.body).then((out) =>
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

  // Retries: coming back online, the page shown again.
  const retry = () => guard(flush);
  const shown = () =>
    guard(() => {
      if (document.visibilityState == "visible") flush();
    });
  addEventListener("online", retry);
  document.addEventListener("visibilitychange", shown);

  return {
    record(h) {
      const body = submission(h, o.visitor.get());
      o.log(h.form, body ? "captured" : "skipped: the same submission again");
      if (!body) return false;
      const list = read();
      const now = Date.now();
      // Stored before it is sent (docs/protocol.md#53-form-submissions), marked in flight so
      // that another tab flushing the outbox waits for this send.
      const e = { id: body.id as string, body, url, attempts: 1, createdAt: h.at, due: now + IN_FLIGHT_MS };
      const a = add(list, e, now);
      if (a.dropped.length) warn("form outbox full: oldest submissions dropped");
      write(list, a.list);
      sendOne(e, h.done);
      return true;
    },
    flush,
    stop() {
      if (!DESTROYABLE) return;
      removeEventListener("online", retry);
      document.removeEventListener("visibilitychange", shown);
      clearTimeout(timer);
    },
  };
}
