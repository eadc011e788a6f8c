// Debug mode (docs/debugging.md#debug-mode): `?calltrk_debug=1` (or `crdbg`, CallRail's
// name) turns the console report on for the tab, kept in sessionStorage until
// `calltrk_debug=0`. Only this check is in the main bundle; the report is a part loaded on demand.
const KEY = "calltrk_debug";

/** Whether this page view reports to the console; reads and updates the tab's setting. */
export function debugOn(search: string): boolean {
  const m = /[?&](calltrk_debug|crdbg)(?:=([^&#]*))?/i.exec(search);
  try {
    const on = m ? m[2] !== "0" && m[2] !== "false" : sessionStorage.getItem(KEY) == "1";
    if (on) sessionStorage.setItem(KEY, "1");
    else sessionStorage.removeItem(KEY);
    return on;
  } catch {
    return !!m && m[2] !== "0"; // no storage: this page view only
  }
}
