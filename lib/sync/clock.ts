/**
 * The sync's time: when it is, and waiting. Passed in, so that tests drive the schedule with a clock of their own
 * (lib/sync/testing/fake-clock.ts) instead of waiting for real intervals.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts; never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The longest a Node.js timer can wait (about 24.8 days); a longer wait wakes up and waits again. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(Math.max(0, ms), MAX_TIMER_MS));
      // A waiting schedule never keeps the process alive on its own.
      timer.unref();
      signal?.addEventListener("abort", done, { once: true });
    }),
};
