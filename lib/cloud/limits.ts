import "server-only";

/**
 * Waiting primitives of the cloud client: a sleep, a per-endpoint concurrency bound, an account-wide rate cap and
 * a per-endpoint pacer that learns the rate a throttling gateway allows.
 */

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

/**
 * At most `limit` holders at a time. Waiters are served by priority (higher first), and first come, first served
 * among equals.
 */
export class Semaphore {
  #active = 0;
  /** Ordered: highest priority first, arrival order among equals. */
  readonly #waiting: Array<{ priority: number; grant: () => void }> = [];

  constructor(readonly limit: number) {}

  /** Resolves to the release function once a slot is free; rejects if the signal aborts while waiting. */
  acquire(signal?: AbortSignal, priority = 0): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.#active < this.limit) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        priority,
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          this.#active++;
          resolve(this.#releaser());
        },
      };
      const onAbort = () => {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        reject(abortReason(signal as AbortSignal));
      };
      const after = this.#waiting.findIndex((other) => other.priority < priority);
      this.#waiting.splice(after === -1 ? this.#waiting.length : after, 0, waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      this.#waiting.shift()?.grant();
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

/** The span over which a gateway counts calls (APIG: "time:1 second"). */
const WINDOW_MS = 1000;
/**
 * A call counts in this pacer's model of the gateway's window a little longer than the window itself: the
 * gateway dates a call on arrival, later than the start the pacer records, and an older call may have lagged more.
 */
const EXPIRY_MS = WINDOW_MS + 50;
/** After a 429, the pace is this share of the calls the origin held in its window when it refused. */
const DECREASE_FACTOR = 0.9;
/** Additive increase per second of accepted calls, as a share of the rate learned at the last 429 (at least 1/s). */
const INCREASE_SHARE = 0.05;
const MIN_RATE = 1;
/** Pacing stops once the rate has doubled since the last 429, or after this long without one. */
const QUIET_MS = 10_000;
/** Starts are kept this long, to count the window before a 429 that came back late. */
const HISTORY_MS = 2 * WINDOW_MS + 1000;

/**
 * Adaptive pacing of one origin (AIMD), for gateways that answer 429 without saying when to come back.
 *
 * Unpaced until the first 429. The pacer keeps the start times of the calls the gateway counts (those not refused
 * with 429, including calls still in flight: a gateway counts a call when it arrives). On a 429 for a call started
 * at s, the calls counted in the window before s are the gateway's limit as far as this client can tell; the pace
 * becomes a bit under it (DECREASE_FACTOR), and a call starts only when (a) the previous one started at least one
 * interval earlier and (b) fewer calls than that limit started within the window: after a burst, the pacer waits
 * for the window to slide instead of feeding it calls it would refuse.
 * Each accepted call adds INCREASE_SHARE·learned/rate, i.e. the rate grows by INCREASE_SHARE·learned per second
 * while calls flow without a 429 (never while idle), and the limit grows with it, so the pacer probes above it.
 * A 429 for a call started before the last decrease was sent at the old pace and teaches nothing new.
 * Time is the pacer's own clock: `now`, but never behind the end of a wait it made, so it also runs on a fake clock.
 */
export class AdaptivePacer {
  #rate: number | null = null;
  #learnedRate = 0;
  #limit = 0;
  #decreasedAt = Number.NEGATIVE_INFINITY;
  #throttledAt = Number.NEGATIVE_INFINITY;
  #lastStartAt = Number.NEGATIVE_INFINITY;
  #clock = Number.NEGATIVE_INFINITY;
  /** Starts of the calls the gateway counts, in start order. */
  readonly #counted: number[] = [];
  /** Callers waiting for their start, first come, first served. */
  readonly #queue: Array<(startedAt: number) => void> = [];
  #pumping = false;

  constructor(
    private readonly now: () => number,
    private readonly wait: Sleep,
  ) {}

  /** Starts per second, or null while unpaced. */
  get rate(): number | null {
    if (this.#rate !== null && this.#time() - this.#throttledAt >= QUIET_MS) this.#rate = null;
    return this.#rate;
  }

  /**
   * Waits for this origin's turn; resolves to the start time to report back with accepted() or throttled() (or
   * with neither when no answer came: such a call keeps counting until it leaves the window).
   */
  take(signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const now = this.#time();
    if (this.#queue.length === 0 && this.#earliestStart(now) <= now) return Promise.resolve(this.#start());
    return new Promise((resolve, reject) => {
      const grant = (startedAt: number) => {
        signal?.removeEventListener("abort", onAbort);
        resolve(startedAt);
      };
      const onAbort = () => {
        this.#queue.splice(this.#queue.indexOf(grant), 1);
        reject(abortReason(signal as AbortSignal));
      };
      this.#queue.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
      void this.#pump();
    });
  }

  /** The origin answered a call started at `startedAt` with anything but 429. */
  accepted(startedAt: number): void {
    const rate = this.rate;
    if (rate === null || startedAt < this.#decreasedAt) return;
    const increased = rate + Math.max(MIN_RATE, INCREASE_SHARE * this.#learnedRate) / rate;
    this.#rate = increased >= 2 * this.#learnedRate ? null : increased;
  }

  /** The origin refused a call with 429 and said when to come back: the call does not count, nothing is learnt. */
  refused(startedAt: number): void {
    this.#uncount(startedAt);
  }

  /** The origin refused a call with 429 without saying when to come back. */
  throttled(startedAt: number): void {
    const index = this.#uncount(startedAt);
    this.#throttledAt = this.#time();
    if (this.#rate !== null && startedAt < this.#decreasedAt) return;
    // The calls counted before this one (by position: several may share a millisecond), within the window.
    const before = index >= 0 ? index : this.#firstIndexAfter(startedAt);
    const limit = before - this.#firstIndexAfter(startedAt - WINDOW_MS);
    let rate = Math.max(MIN_RATE, DECREASE_FACTOR * limit);
    // One decrease at most halves the rate: a window miscounted (e.g. by latency) cannot collapse it.
    if (this.#rate !== null) rate = Math.min(this.#rate, Math.max(rate, this.#rate / 2));
    this.#rate = rate;
    this.#learnedRate = rate;
    this.#limit = Math.max(limit, rate);
    this.#decreasedAt = this.#time();
  }

  /** Grants the waiters one by one, each at its earliest start. */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#queue.length > 0) {
        const now = this.#time();
        const startAt = this.#earliestStart(now);
        if (startAt > now) {
          await this.wait(startAt - now);
          this.#clock = Math.max(this.#clock, startAt);
          continue;
        }
        this.#queue.shift()?.(this.#start());
      }
    } finally {
      this.#pumping = false;
    }
  }

  #earliestStart(now: number): number {
    const rate = this.rate;
    if (rate === null) return now;
    const spaced = this.#lastStartAt + 1000 / rate;
    // The window has room once the limit-th newest counted call has left it.
    const limit = Math.max(1, Math.floor(Math.max(this.#limit, rate)));
    const blocking = this.#counted.at(-limit);
    return Math.max(now, spaced, blocking === undefined ? now : blocking + EXPIRY_MS);
  }

  #start(): number {
    const startedAt = this.#time();
    this.#lastStartAt = startedAt;
    const stale = this.#firstIndexAfter(startedAt - HISTORY_MS);
    if (stale > 0) this.#counted.splice(0, stale);
    this.#counted.push(startedAt);
    return startedAt;
  }

  /** Forgets a call the gateway did not count; returns where it was (-1 if already pruned). */
  #uncount(startedAt: number): number {
    const index = this.#counted.lastIndexOf(startedAt);
    if (index >= 0) this.#counted.splice(index, 1);
    return index;
  }

  /** Index of the first start after `time` (starts are in order). */
  #firstIndexAfter(time: number): number {
    let low = 0;
    let high = this.#counted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.#counted[middle] > time) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  #time(): number {
    this.#clock = Math.max(this.#clock, this.now());
    return this.#clock;
  }
}
