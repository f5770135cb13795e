/**
 * A small TTL cache with single-flight loading, for fetched inventories.
 *
 * - Callers asking for the same key while a load is running share that one load.
 * - A settled result is reused until `ttlMs` after it settled.
 * - `refresh` skips the cached result, but joins a load already running: a burst of refreshes is one fetch.
 * - Failures are cached like successes, for the same TTL: an upstream that rejects the credentials is called
 *   at most once per cache period, so retries never lock the AK/SK (the gateway locks it after repeated
 *   authentication failures); only an explicit refresh tries again sooner.
 * - At most `maxEntries` keys are kept; the least recently used settled one goes first. Keys with a load
 *   running are never evicted, so their callers always share it.
 */

export interface CacheOptions {
  /** Keys kept at most (default 100). */
  maxEntries?: number;
  /** Milliseconds clock, injectable for tests (default Date.now). */
  now?: () => number;
}

export interface LoadOptions {
  /** How long a settled result is reused, in milliseconds. */
  ttlMs: number;
  /** Skip a cached result (but still join a running load). */
  refresh?: boolean;
}

type Outcome<V> = { ok: true; value: V } | { ok: false; error: unknown };

interface Entry<V> {
  outcome: Outcome<V> | null;
  expiresAt: number;
  loading: Promise<V> | null;
}

export class SingleFlightCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor({ maxEntries = 100, now = Date.now }: CacheOptions = {}) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw new RangeError("maxEntries must be at least 1");
    this.maxEntries = maxEntries;
    this.now = now;
  }

  getOrLoad(key: string, load: () => Promise<V>, { ttlMs, refresh = false }: LoadOptions): Promise<V> {
    if (!(ttlMs >= 0)) throw new RangeError("ttlMs must be zero or more");
    let entry = this.entries.get(key);
    if (entry) {
      // Re-inserting keeps the Map in least-recently-used-first order.
      this.entries.delete(key);
      this.entries.set(key, entry);
      if (!refresh && entry.outcome && this.now() < entry.expiresAt) return settled(entry.outcome);
      if (entry.loading) return entry.loading;
    } else {
      entry = { outcome: null, expiresAt: 0, loading: null };
      this.entries.set(key, entry);
    }
    const loading = this.start(entry, load, ttlMs);
    this.evict();
    return loading;
  }

  /** Forgets every settled result; running loads still finish for their callers. */
  clear(): void {
    this.entries.clear();
  }

  private start(entry: Entry<V>, load: () => Promise<V>, ttlMs: number): Promise<V> {
    // Through the executor, a loader that throws synchronously rejects like one that fails later.
    const loading = new Promise<V>((resolve) => resolve(load()));
    entry.loading = loading;
    const settle = (outcome: Outcome<V>) => {
      entry.outcome = outcome;
      entry.expiresAt = this.now() + ttlMs;
      entry.loading = null;
    };
    loading.then(
      (value) => settle({ ok: true, value }),
      (error: unknown) => settle({ ok: false, error }),
    );
    return loading;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries) return;
      if (!entry.loading) this.entries.delete(key);
    }
  }
}

function settled<V>(outcome: Outcome<V>): Promise<V> {
  return outcome.ok ? Promise.resolve(outcome.value) : Promise.reject(outcome.error);
}
