import "server-only";

export interface FailureLimitOptions {
  /** Failures per client within the window before further attempts are refused. */
  limit: number;
  windowMs: number;
  /** Clients remembered at most; the least recently failing are forgotten first. */
  maxClients: number;
  now?: () => number;
}

/** Failed logins per client address in a sliding window. */
export class FailureLimiter {
  readonly #failures = new Map<string, number[]>();
  readonly #options: Required<FailureLimitOptions>;

  constructor(options: FailureLimitOptions) {
    this.#options = { now: Date.now, ...options };
  }

  #recent(client: string): number[] {
    const cutoff = this.#options.now() - this.#options.windowMs;
    const times = (this.#failures.get(client) ?? []).filter((time) => time > cutoff);
    if (times.length === 0) this.#failures.delete(client);
    else this.#failures.set(client, times);
    return times;
  }

  /** Whole seconds until the client may try again; 0 when it may try now. */
  retryAfterSeconds(client: string): number {
    const times = this.#recent(client);
    if (times.length < this.#options.limit) return 0;
    const oldest = times[times.length - this.#options.limit];
    return Math.max(1, Math.ceil((oldest + this.#options.windowMs - this.#options.now()) / 1000));
  }

  /** Counts a failure (recorded before the check that may fail, so that concurrent attempts count too). */
  record(client: string): void {
    const times = this.#recent(client);
    times.push(this.#options.now());
    // Re-inserting keeps the map in order of the latest failure, for eviction.
    this.#failures.delete(client);
    this.#failures.set(client, times.slice(-this.#options.limit));
    for (const oldest of this.#failures.keys()) {
      if (this.#failures.size <= this.#options.maxClients) break;
      this.#failures.delete(oldest);
    }
  }

  /** Takes back one recorded failure: the attempt succeeded. */
  forgive(client: string): void {
    const times = this.#failures.get(client);
    times?.pop();
    if (times?.length === 0) this.#failures.delete(client);
  }
}
