import "server-only";

/** Waiting primitives of the cloud client: a sleep, a per-endpoint concurrency bound, an account-wide rate cap. */

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** At most `limit` holders at a time; waiters are served first come, first served. */
export class Semaphore {
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  /** Resolves to the release function once a slot is free; rejects if the signal aborts while waiting. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.#active < this.limit) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        this.#active++;
        resolve(this.#releaser());
      };
      const onAbort = () => {
        this.#waiting.splice(this.#waiting.indexOf(grant), 1);
        reject(abortReason(signal as AbortSignal));
      };
      this.#waiting.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      this.#waiting.shift()?.();
    };
  }
}

/**
 * Token bucket: `ratePerSecond` tokens a second, holding at most one second's worth, so over any window of
 * T seconds at most ratePerSecond·(T + 1) requests start. A taker reserves its token at once (the balance may
 * go negative) and sleeps until the token exists, so concurrent takers are spaced fairly without polling.
 */
export class TokenBucket {
  readonly #capacity: number;
  #tokens: number;
  #updatedAt: number;

  constructor(
    readonly ratePerSecond: number,
    private readonly now: () => number,
    private readonly wait: Sleep,
  ) {
    this.#capacity = Math.max(1, ratePerSecond);
    this.#tokens = this.#capacity;
    this.#updatedAt = now();
  }

  async take(signal?: AbortSignal): Promise<void> {
    const now = this.now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + ((now - this.#updatedAt) / 1000) * this.ratePerSecond);
    this.#updatedAt = now;
    this.#tokens -= 1;
    if (this.#tokens >= 0) return;
    try {
      await this.wait((-this.#tokens / this.ratePerSecond) * 1000, signal);
    } catch (error) {
      this.#tokens += 1; // the reservation is given back: the call never starts
      throw error;
    }
  }
}
