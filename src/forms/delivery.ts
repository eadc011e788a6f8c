// The forms part, loaded on demand (docs/forms.md#loaded-on-demand): delivery of what the
// outbox holds. Submissions are recorded and stored by the main bundle (capture.ts), so a
// lead taken before this part arrived is already safe in storage; this part sends it, and
// everything still waiting from earlier page views, and retries with backoff until the
// server acknowledged (docs/protocol.md#53-form-submissions).
import { guard, warn } from "../log";
import { deliver } from "./deliver";
import { add, commit, IN_FLIGHT_MS, load, nextDue, settle, take, type Entry } from "./outbox";

export interface DeliveryOptions {
  /** Consent granted: nothing is flushed otherwise. */
  granted(): boolean;
}

export interface Delivery {
  /** Sends a new submission now (stored again, or kept in memory when no storage takes it); `done` after the answer. */
  send(e: Entry, done?: () => void): void;
  /** Sends what is due. */
  flush(): void;
  stop(): void;
}

export function startDelivery(o: DeliveryOptions): Delivery {
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
    send(e, done) {
      const list = read();
      const now = Date.now();
      // Marked in flight, so that another tab flushing the outbox waits for this send.
      const x = { ...e, attempts: e.attempts + 1, due: now + IN_FLIGHT_MS };
      const a = add(list, x, now);
      if (a.dropped.length) warn("form outbox full: oldest submissions dropped");
      write(list, a.list);
      sendOne(x, done);
    },
    flush,
    stop() {
      removeEventListener("online", retry);
      document.removeEventListener("visibilitychange", shown);
      clearTimeout(timer);
    },
  };
}
