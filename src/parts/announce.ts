// The other end of script.ts: a part built for the script tag hands its exports to the
// loader through an event on its own <script> element: no global is defined.
import { PART_EVENT } from "./script";

export function announce(part: unknown): void {
  const s = document.currentScript;
  if (s) s.dispatchEvent(new CustomEvent(PART_EVENT, { detail: part }));
}
