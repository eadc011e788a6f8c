// Session numbers and page views on the wire (PROTOCOL §5.1-5.2, issue 4 item 3): one
// POST /sessions for all winning session trackers, page views on load and on every
// single-page-app navigation, and a lease renewal at most once a minute while the visitor
// is active on a visible page. The numbers are handed to `onNumbers`; nothing here touches
// the page's text.
import { guard } from "../log";
import { ok, post } from "../net";
import { fromAnswer, plan, readLease, renewed, writeLease, type Lease } from "./lease";
import type { Visitor } from "../types";

export interface SessionOptions {
  api: string;
  company: string;
  visitor(): Visitor;
  /** The session trackers' numbers changed (tracker id → E.164). */
  onNumbers(numbers: Record<string, string>): void;
}

const RENEW_MS = 60e3;
const pageUrl = () => location.href.split("#")[0];

export function createSessions(o: SessionOptions) {
  const base = o.api + "/v1/companies/" + encodeURIComponent(o.company) + "/sessions";
  let lease: Lease | null = null;
  let wanted: string[] = [];
  let session = "";
  let url = pageUrl();
  let active = false;
  let started = false;
  let viewed = "";

  const store = (x: Lease) => writeLease((lease = x));
  const holding = () => !!lease && lease.s == session && wanted.some((id) => lease!.n[id]);
  const mine = () => {
    const n: Record<string, string> = {};
    if (lease && lease.s == session) wanted.forEach((id) => lease!.n[id] && (n[id] = lease!.n[id]));
    return n;
  };

  /** POST /sessions; `page`: this request is also the page view (the server records page_url). */
  function ask(page: boolean): Promise<void> {
    const asked = wanted.slice();
    const body: Record<string, unknown> = { session_id: session, tracker_ids: asked, visitor: o.visitor() };
    if (page) {
      body.page_url = pageUrl();
      body.title = document.title;
    }
    return post(base, body).then((r) =>
      guard(() => {
        const x = ok(r.status) ? fromAnswer(r.body, session, asked, Date.now()) : null;
        if (x) {
          store(x);
          o.onNumbers(mine());
        }
      }),
    );
  }

  /** A page view (§5.2), sent only by a visitor who holds a session number; a 2xx renewed the lease. */
  function view(referrer: string): void {
    if (!holding()) return;
    const s = session;
    post(
      base + "/" + encodeURIComponent(s) + "/page_views",
      { page_url: pageUrl(), referrer_url: referrer, title: document.title },
      true,
    ).then((r) => guard(() => ok(r.status) && lease && lease.s == s && store(renewed(lease, Date.now()))));
  }

  /** Single-page apps: a new URL (its fragment aside) is a page view. */
  function navigated(): void {
    const now = pageUrl();
    if (now == url) return;
    const from = url;
    url = now;
    // Routers usually set the title right after pushState: give them a moment.
    setTimeout(() => guard(() => view(from)), 100);
  }

  function watch(): void {
    const h = history as unknown as Record<string, (...a: unknown[]) => unknown>;
    ["pushState", "replaceState"].forEach((m) => {
      const orig = h[m];
      if (typeof orig != "function") return;
      h[m] = function (this: History, ...args: unknown[]) {
        const out = orig.apply(this, args);
        guard(navigated);
        return out;
      };
    });
    addEventListener("popstate", () => guard(navigated));
    const wake = () => (active = true);
    ["pointerdown", "keydown", "scroll", "touchstart"].forEach((e) =>
      addEventListener(e, wake, { capture: true, passive: true }),
    );
    // Renew the lease while the visitor is active on a visible page, at most once a minute.
    setInterval(
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
    /**
     * This page view's session trackers: the numbers known now (cached lease) are
     * returned, and a promise when the server must be asked (it settles in every case).
     */
    start(ids: string[]): { numbers: Record<string, string>; done: Promise<void> | null } {
      const v = o.visitor();
      wanted = ids;
      session = v.session_id || "";
      if (!session || !ids.length) return { numbers: {}, done: null };
      if (!lease || lease.s != session) lease = readLease();
      const p = plan(lease, session, ids, Date.now());
      if (!started) {
        started = true;
        watch();
      }
      if (p.ask) {
        viewed = session;
        return { numbers: p.numbers, done: ask(true) };
      }
      if (viewed != session) {
        viewed = session;
        view(document.referrer);
      }
      return { numbers: p.numbers, done: null };
    },
  };
}
