// Console warnings, each at most once per page (PROTOCOL §2: "bad arguments are
// ignored with one console warning"), so a bad loop in the host page cannot flood it.
const said = new Set<string>();

export function warn(message: string): void {
  if (said.has(message)) return;
  said.add(message);
  try {
    console.warn("[CallTrk] " + message);
  } catch {
    // no console: nothing to do
  }
}

/** Runs `fn`; anything it throws becomes one warning instead of reaching the host page. */
export function guard<T>(what: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    warn(what + " failed: " + (e && (e as Error).message));
    return undefined;
  }
}
