// Writes what the carrier told about calls and texts in the background, after the carrier has
// its answer: routing never waits for the store (docs/protocol.md#8-telephony-calls-and-texts-from-the-carrier,
// "a call always rings through"). Writes of one call run in order; a write that fails (store
// down, disk full, a bug) is tried again with growing delays, up to a day, so the call is
// stored once the store is back. Kept in memory: a process that dies loses its unwritten
// calls, and the carrier's next request for the call (its status callback) writes it again.
export interface WriterOptions {
  /** First retry delay, ms (doubles up to maxDelayMs). */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** A write still failing after this long is dropped, with one log line. */
  giveUpMs?: number;
  now?: () => number;
  /** After each write that succeeded. */
  onWritten?: () => void;
}

type Job = () => Promise<unknown>;

export function createWriter(o: WriterOptions = {}) {
  const first = o.firstDelayMs ?? 500;
  const max = o.maxDelayMs ?? 60_000;
  const giveUp = o.giveUpMs ?? 24 * 3600e3;
  const now = o.now ?? Date.now;
  const queues = new Map<string, Array<{ job: Job; since: number }>>();
  const idle: Array<() => void> = [];
  let timers = 0;

  function settle(): void {
    if (!queues.size && !timers) idle.splice(0).forEach((f) => f());
  }

  async function drain(key: string, delay = first): Promise<void> {
    const q = queues.get(key)!;
    while (q.length) {
      const { job, since } = q[0];
      try {
        await job();
        q.shift();
        delay = first;
        o.onWritten?.();
      } catch (e) {
        if (now() - since > giveUp) {
          console.error(
            `[calltrk] dropped a carrier write for ${key} after a day of failures: ${String(e).split("\n")[0]}`,
          );
          q.shift();
          continue;
        }
        timers++;
        setTimeout(() => {
          timers--;
          void drain(key, Math.min(delay * 2, max));
        }, delay).unref();
        return;
      }
    }
    queues.delete(key);
    settle();
  }

  return {
    /** Runs `job` after the earlier writes of `key` (a call or message id), until it succeeds. */
    write(key: string, job: Job): void {
      const q = queues.get(key);
      if (q) q.push({ job, since: now() });
      else {
        queues.set(key, [{ job, since: now() }]);
        setImmediate(() => void drain(key));
      }
    },
    /** Writes not done yet. */
    pending: () => [...queues.values()].reduce((n, q) => n + q.length, 0),
    /** Resolves when every write is done (tests, and a clean stop). */
    idle: () => new Promise<void>((resolve) => (queues.size || timers ? idle.push(resolve) : resolve())),
  };
}

export type Writer = ReturnType<typeof createWriter>;
