import "server-only";

export interface FailureLimitOptions {
  /** Failures per key within the window before further attempts are refused. */
  limit: number;
  windowMs: number;
  /** Keys remembered at most; the least recently failing are forgotten first. */
  maxKeys: number;
  now?: () => number;
}

/** Failed logins per key (the gate's: a user name at a client address) in a sliding window. */
export class FailureLimiter {
  readonly #failures = new Map<string, number[]>();
  readonly #options: Required<FailureLimitOptions>;

  constructor(options: FailureLimitOptions) {
    this.#options = { now: Date.now, ...options };
  }

  #recent(key: string): number[] {
    const cutoff = this.#options.now() - this.#options.windowMs;
    const times = (this.#failures.get(key) ?? []).filter((time) => time > cutoff);
    if (times.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, times);
    return times;
  }

  /** Whole seconds until the key may be tried again; 0 when it may be tried now. */
  retryAfterSeconds(key: string): number {
    const times = this.#recent(key);
    if (times.length < this.#options.limit) return 0;
    const oldest = times[times.length - this.#options.limit];
    return Math.max(1, Math.ceil((oldest + this.#options.windowMs - this.#options.now()) / 1000));
  }

  /** Counts a failure (recorded before the check that may fail, so that concurrent attempts count too). */
  record(key: string): void {
    const times = this.#recent(key);
    times.push(this.#options.now());
    // Re-inserting keeps the map in order of the latest failure, for eviction.
    this.#failures.delete(key);
    this.#failures.set(key, times.slice(-this.#options.limit));
    for (const oldest of this.#failures.keys()) {
      if (this.#failures.size <= this.#options.maxKeys) break;
      this.#failures.delete(oldest);
    }
  }

  /** Takes back one recorded failure: the attempt succeeded. */
  forgive(key: string): void {
    const times = this.#failures.get(key);
    times?.pop();
    if (times?.length === 0) this.#failures.delete(key);
  }
}
