// The sessions part, loaded on demand (shell.ts): session numbers and page views on the
// wire (docs/protocol.md#51-session-numbers, #52-page-views, docs/swapping.md#session-numbers): one POST /sessions for all winning
// session trackers, page views on load, on every single-page-app navigation and on a
// restore from the back/forward cache, and a lease renewal at most once a minute while the
// visitor is active on a visible page. The numbers are handed to `onNumbers`; nothing here
// touches the page's text. `stop()` takes back every hook, listener and timer.
import { guard, warn } from "../log";
import { ok, post, reason, type Reply } from "../net";
import { own } from "../safe";
import { fromAnswer, plan, readLease, renewed, writeLease, type Lease } from "./lease";
import type { Visitor } from "../types";

// The main bundle asks the part whether the visitor is a crawler (shell.ts).
export { isCrawler } from "../bots";
import { DESTROYABLE } from "../build";

export interface SessionOptions {
  api: string;
  company: string;
  visitor(): Visitor;
  /** The session trackers' numbers changed (tracker id → E.164). */
  onNumbers(numbers: Record<string, string>): void;
  /** Where the last request's outcome is written, for explain() (the main bundle's object). */
  report?: LeaseState;
}

/** What the last lease request did, for `explain()` (docs/debugging.md). */
export interface LeaseState {
  /** `none`: not asked on this page view; `asking`; `answered`; `failed` (status 0: no answer). */
  state: "none" | "asking" | "answered" | "failed";
  status?: number;
  /** The server's `{"error"}` text, when it gave one. */
  error?: string;
  lease: Lease | null;
}

export type Sessions = ReturnType<typeof createSessions>;

const RENEW_MS = 60e3;
const ACTIVITY = ["pointerdown", "keydown", "scroll", "touchstart"];
const pageUrl = () => location.href.split("#")[0];

export function createSessions(o: SessionOptions) {
  const base = o.api + "/v1/companies/" + encodeURIComponent(o.company) + "/sessions";
  const report: LeaseState = o.report || { state: "none", lease: null };
  let lease: Lease | null = null;
  let wanted: string[] = [];
  let session = "";
  let url = pageUrl();
  let active = false;
  let watching = false;
  let stopped = false;
  let viewed = "";
  let timer: ReturnType<typeof setInterval> | undefined;
  const hooked: Array<[Record<string, unknown>, string, unknown, unknown]> = [];

  const store = (x: Lease) => writeLease((report.lease = lease = x));
  const mine = () => {
    const n: Record<string, string> = {};
    if (lease && lease.sessionId == session)
      for (const id of wanted) {
        const number = own(lease.numbers, id);
        if (number) n[id] = number;
      }
    return n;
  };
  const holding = () => Object.keys(mine()).length > 0;

  /** POST /sessions; `page`: this request is also the page view (the server records page_url). */
  function ask(page: boolean): Promise<void> {
    const asked = wanted.slice();
    const body: Record<string, unknown> = { session_id: session, tracker_ids: asked, visitor: o.visitor() };
    if (page) {
      body.page_url = pageUrl();
      body.title = document.title;
    }
    report.state = "asking";
    return post(base, body).then((r: Reply) =>
      guard(() => {
        if (stopped) return;
        const x = ok(r.status) ? fromAnswer(r.body, session, asked, Date.now()) : null;
        report.status = r.status;
        report.error = reason(r);
        report.state = x ? "answered" : "failed";
        if (!x) return warn("no session numbers: " + (report.error || (r.status ? "answer " + r.status : "no answer")));
        store(x);
        o.onNumbers(mine());
      }),
    );
  }

  /** A page view (docs/protocol.md#52-page-views), sent only by a visitor who holds a session number; a 2xx renewed the lease. */
  function view(referrer: string): void {
    if (!holding() || stopped) return;
    const s = session;
    post(
      base + "/" + encodeURIComponent(s) + "/page_views",
      { page_url: pageUrl(), referrer_url: referrer, title: document.title },
      true,
    ).then((r) =>
      guard(() => {
        if (ok(r.status) && lease && lease.sessionId == s) store(renewed(lease, Date.now()));
      }),
    );
  }

  /** Single-page apps: a new URL (its fragment aside) is a page view. */
  function navigated(): void {
    const now = pageUrl();
    if (now == url || stopped) return;
    const from = url;
    url = now;
    // Routers usually set the title right after pushState: give them a moment.
    setTimeout(() => guard(() => view(from)), 100);
  }
  const onPopstate = () => guard(navigated);
  const wake = () => {
    active = true;
  };

  function watch(): void {
    watching = true;
    const h = history as unknown as Record<string, unknown>;
    ["pushState", "replaceState"].forEach((m) => {
      const orig = h[m] as (...a: unknown[]) => unknown;
      if (typeof orig != "function") return;
      const ours = function (this: History, ...args: unknown[]) {
        const out = orig.apply(this, args);
        guard(navigated);
        return out;
      };
      h[m] = ours;
      hooked.push([h, m, orig, ours]);
    });
    addEventListener("popstate", onPopstate);
    ACTIVITY.forEach((e) => addEventListener(e, wake, { capture: true, passive: true }));
    // Renew the lease while the visitor is active on a visible page, at most once a minute.
    timer = setInterval(
      () =>
        guard(() => {
          if (active && holding() && document.visibilityState != "hidden") {
            active = false;
            ask(false);
          }
        }),
      RENEW_MS,
    );
  }

  return {
    report,
    /**
     * This page view's session trackers: the numbers known now (cached lease) are
     * returned, and a promise when the server must be asked (it settles in every case).
     * `again`: the page was shown again from the back/forward cache, a new page view.
     */
    start(ids: string[], again?: boolean): { numbers: Record<string, string>; done: Promise<void> | null } {
      const v = o.visitor();
      wanted = ids;
      session = v.session_id || "";
      if (!session || !ids.length || stopped) return { numbers: {}, done: null };
      if (!lease || lease.sessionId != session) report.lease = lease = readLease();
      const p = plan(lease, session, ids, Date.now());
      if (!watching) watch();
      if (again) viewed = "";
      if (p.ask) {
        viewed = session;
        return { numbers: p.numbers, done: ask(true) };
      }
      if (viewed != session) {
        viewed = session;
        view(again ? location.href : document.referrer);
      }
      return { numbers: p.numbers, done: null };
    },
    /** Takes back the history hooks (where nobody wrapped them after us), listeners and timer. */
    stop(): void {
      if (!DESTROYABLE) return;
      stopped = true;
      clearInterval(timer);
      removeEventListener("popstate", onPopstate);
      ACTIVITY.forEach((e) => removeEventListener(e, wake, { capture: true }));
      hooked.forEach(([h, m, orig, ours]) => {
        if (h[m] === ours) h[m] = orig;
      });
    },
  };
}
