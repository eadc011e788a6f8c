// Where swapping never happens (issue 2 item 4): a `data-calltrk-noswap` subtree, code
// and raw-text elements (JSON-LD in <script> must keep the real number for search
// engines), form control values, and editable regions, whose text belongs to the user.
const SKIP =
  "[data-calltrk-noswap],script,style,noscript,template,textarea,[contenteditable]:not([contenteditable=false])";

/** Text directly inside these is never a swap target; checked per text node, cheaply. */
export const RAW_TEXT = /^(SCRIPT|STYLE|NOSCRIPT|TEXTAREA|TEMPLATE)$/i;

/** True when `el` or an ancestor, across shadow boundaries, forbids swapping. */
export function isSkipped(el: Element | null): boolean {
  while (el) {
    if (el.closest(SKIP)) return true;
    const root = el.getRootNode() as ShadowRoot;
    el = root.host || null;
  }
  return false;
}
