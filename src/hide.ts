// Opt-in anti-flicker: while numbers may still change, <html> carries the
// class `calltrk-hide`, and the site's own stylesheet hides its number elements under it.
// No <style> is injected and no inline style is set, so this works under a strict CSP
// (`style-src 'self'`). The class goes when the numbers are final, or after a hard timeout;
// the README's CSS adds a second, pure-CSS timeout for the case where this script never runs.
const CLASS = "calltrk-hide";
export const HIDE_DEFAULT_MS = 1000;
const HIDE_MAX_MS = 5000;

/** Starts hiding (when asked, or when the page's HTML already has the class); returns the reveal. */
export function startHide(doc: Document | null, ms: number | undefined): () => void {
  const root = doc && doc.documentElement;
  if (!root || !root.classList || (ms === undefined && !root.classList.contains(CLASS))) return () => {};
  root.classList.add(CLASS);
  const reveal = () => root.classList.remove(CLASS);
  setTimeout(reveal, Math.min(ms! >= 0 ? ms! : HIDE_DEFAULT_MS, HIDE_MAX_MS));
  return reveal;
}
