// Session numbers in the main bundle (docs/swapping.md#session-numbers): only what a page
// view needs at once, the numbers of the cached lease, shown before the first paint. The
// requests (lease, page views, single-page-app navigations, renewal) are the sessions
// part, loaded on demand when a session tracker wins for the visitor
// (docs/performance.md#parts-loaded-on-demand); pages without consent never load it. The
// part also knows crawlers by user agent (bots.ts): a crawler never asks for a number.
import { guard, warn } from "../log";
import { plan, readLease } from "./lease";
import type { LeaseState, SessionOptions, Sessions } from "./sessions";
import { DESTROYABLE } from "../build";

export interface SessionShellOptions extends SessionOptions {
  /** The sessions part (null: it could not be loaded). */
  load(): Promise<{ createSessions(o: SessionOptions): Sessions; isCrawler(ua: string): boolean } | null>;
  /** The visitor is a known crawler: session trackers take no part (docs/swapping.md#prerender-bfcache-and-crawlers). */
  onCrawler(): void;
}

export function createSessionShell(o: SessionShellOptions) {
  const report: LeaseState = { state: "none", lease: null };
  let part: Promise<Sessions | null> | null = null;
  let real: Sessions | null = null;
  let stopped = false;
  const requests = () => {
    if (!part)
      part = o.load().then((p) => {
        if (!p) warn("sessions part not loaded: numbers kept");
        else if (p.isCrawler(navigator.userAgent)) o.onCrawler();
        else if (!stopped) real = guard(() => p.createSessions(Object.assign({}, o, { report }))) || null;
        return real;
      });
    return part;
  };
  return {
    report,
    /**
     * This page view's session trackers: the cached lease's numbers now, and a promise that
     * settles once the part asked the server or sent the page view (in every case).
     */
    start(ids: string[], again?: boolean): { numbers: Record<string, string>; done: Promise<void> | null } {
      const session = o.visitor().session_id || "";
      if (!session || !ids.length || stopped) return { numbers: {}, done: null };
      report.lease = readLease();
      const now = plan(report.lease, session, ids, Date.now());
      const done = requests().then((s) => (s ? guard(() => s.start(ids, again).done) || undefined : undefined));
      return { numbers: now.numbers, done };
    },
    stop(): void {
      if (!DESTROYABLE) return;
      stopped = true;
      if (real) real.stop();
    },
  };
}
