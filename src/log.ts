// Console warnings, each at most once per page (docs/protocol.md#2-public-javascript-api-windowcalltrk: "bad arguments are
// ignored with one console warning"), so a bad loop in the host page cannot flood it.
const said = new Set<string>();

export function warn(message: string): void {
  if (said.has(message)) return;
  said.add(message);
  if (typeof console !== "undefined") console.warn("[CallTrk] " + message);
}

/** Runs `fn`; anything it throws becomes one warning instead of reaching the host page. */
export function guard<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    warn("" + e);
  }
}
