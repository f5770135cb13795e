import { describe, expect, it } from "vitest";
import { SingleFlightCache } from "./cache";

const TTL = 60_000;

/** A loader whose calls are counted and whose results the test settles by hand. */
function controlledLoader<V>() {
  const pending: { resolve: (value: V) => void; reject: (error: unknown) => void }[] = [];
  const loader = {
    calls: 0,
    load: () => {
      loader.calls++;
      return new Promise<V>((resolve, reject) => pending.push({ resolve, reject }));
    },
    resolve: (value: V) => pending.shift()?.resolve(value),
    reject: (error: unknown) => pending.shift()?.reject(error),
  };
  return loader;
}

/** A loader that answers at once with `call-<n>`. */
function countingLoader() {
  const loader = {
    calls: 0,
    load: async () => `call-${++loader.calls}`,
  };
  return loader;
}

function clock() {
  const time = { now: 1_000_000, tick: (ms: number) => (time.now += ms) };
  return time;
}

describe("SingleFlightCache", () => {
  it("shares one load among concurrent callers of the same key", async () => {
    const cache = new SingleFlightCache<string>();
    const loader = controlledLoader<string>();
    const first = cache.getOrLoad("k", loader.load, { ttlMs: TTL });
    const second = cache.getOrLoad("k", loader.load, { ttlMs: TTL });
    loader.resolve("value");
    expect(await Promise.all([first, second])).toEqual(["value", "value"]);
    expect(loader.calls).toBe(1);
  });

  it("loads different keys separately", async () => {
    const cache = new SingleFlightCache<string>();
    const loader = countingLoader();
    expect(await cache.getOrLoad("a", loader.load, { ttlMs: TTL })).toBe("call-1");
    expect(await cache.getOrLoad("b", loader.load, { ttlMs: TTL })).toBe("call-2");
    expect(await cache.getOrLoad("a", loader.load, { ttlMs: TTL })).toBe("call-1");
  });

  it("reuses a result until its TTL, counted from when it settled, has passed", async () => {
    const time = clock();
    const cache = new SingleFlightCache<string>({ now: () => time.now });
    const loader = controlledLoader<string>();
    const first = cache.getOrLoad("k", loader.load, { ttlMs: TTL });
    time.tick(5_000); // a slow upstream
    loader.resolve("v1");
    await first;
    time.tick(TTL - 1);
    expect(await cache.getOrLoad("k", loader.load, { ttlMs: TTL })).toBe("v1");
    expect(loader.calls).toBe(1);
    time.tick(1);
    const reload = cache.getOrLoad("k", loader.load, { ttlMs: TTL });
    loader.resolve("v2");
    expect(await reload).toBe("v2");
    expect(loader.calls).toBe(2);
  });

  it("does not reuse with a TTL of zero, but still shares a running load", async () => {
    const cache = new SingleFlightCache<string>();
    const loader = countingLoader();
    const [first, second] = await Promise.all([
      cache.getOrLoad("k", loader.load, { ttlMs: 0 }),
      cache.getOrLoad("k", loader.load, { ttlMs: 0 }),
    ]);
    expect([first, second]).toEqual(["call-1", "call-1"]);
    expect(await cache.getOrLoad("k", loader.load, { ttlMs: 0 })).toBe("call-2");
  });

  it("refresh skips a fresh result, and a storm of refreshes is one load", async () => {
    const cache = new SingleFlightCache<string>();
    const loader = controlledLoader<string>();
    const initial = cache.getOrLoad("k", loader.load, { ttlMs: TTL });
    loader.resolve("old");
    await initial;
    const refreshes = Array.from({ length: 5 }, () => cache.getOrLoad("k", loader.load, { ttlMs: TTL, refresh: true }));
    // Plain callers keep getting the fresh cached result while the refresh runs.
    expect(await cache.getOrLoad("k", loader.load, { ttlMs: TTL })).toBe("old");
    loader.resolve("new");
    expect(await Promise.all(refreshes)).toEqual(["new", "new", "new", "new", "new"]);
    expect(loader.calls).toBe(2);
    expect(await cache.getOrLoad("k", loader.load, { ttlMs: TTL })).toBe("new");
  });

  it("refresh joins a plain load already running", async () => {
    const cache = new SingleFlightCache<string>();
    const loader = controlledLoader<string>();
    const plain = cache.getOrLoad("k", loader.load, { ttlMs: TTL });
    const refreshed = cache.getOrLoad("k", loader.load, { ttlMs: TTL, refresh: true });
    loader.resolve("value");
    expect(await Promise.all([plain, refreshed])).toEqual(["value", "value"]);
    expect(loader.calls).toBe(1);
  });

  it("caches a failure for the TTL, so a rejecting upstream is called once per period", async () => {
    const time = clock();
    const cache = new SingleFlightCache<string>({ now: () => time.now });
    const loader = controlledLoader<string>();
    const denied = new Error("APIGW.0301 incorrect IAM authentication information");
    const callers = [
      cache.getOrLoad("k", loader.load, { ttlMs: TTL }),
      cache.getOrLoad("k", loader.load, { ttlMs: TTL }),
    ];
    loader.reject(denied);
    for (const caller of callers) await expect(caller).rejects.toBe(denied);
    time.tick(TTL - 1);
    await expect(cache.getOrLoad("k", loader.load, { ttlMs: TTL })).rejects.toBe(denied);
    expect(loader.calls).toBe(1);
    time.tick(1);
    const retry = cache.getOrLoad("k", loader.load, { ttlMs: TTL });
    loader.resolve("recovered");
    expect(await retry).toBe("recovered");
    expect(loader.calls).toBe(2);
  });

  it("lets refresh retry a cached failure at once", async () => {
    const cache = new SingleFlightCache<string>();
    const loader = controlledLoader<string>();
    const failed = cache.getOrLoad("k", loader.load, { ttlMs: TTL });
    loader.reject(new Error("boom"));
    await expect(failed).rejects.toThrow("boom");
    const retried = cache.getOrLoad("k", loader.load, { ttlMs: TTL, refresh: true });
    loader.resolve("ok");
    expect(await retried).toBe("ok");
    expect(await cache.getOrLoad("k", loader.load, { ttlMs: TTL })).toBe("ok");
    expect(loader.calls).toBe(2);
  });

  it("treats a loader that throws synchronously as a failed load", async () => {
    const cache = new SingleFlightCache<string>();
    let calls = 0;
    const load = (): Promise<string> => {
      calls++;
      throw new Error("bad configuration");
    };
    await expect(cache.getOrLoad("k", load, { ttlMs: TTL })).rejects.toThrow("bad configuration");
    await expect(cache.getOrLoad("k", load, { ttlMs: TTL })).rejects.toThrow("bad configuration");
    expect(calls).toBe(1);
  });

  it("keeps at most maxEntries keys, evicting the least recently used", async () => {
    const cache = new SingleFlightCache<string>({ maxEntries: 2 });
    const loaders = { a: countingLoader(), b: countingLoader(), c: countingLoader() };
    const get = (key: keyof typeof loaders) => cache.getOrLoad(key, loaders[key].load, { ttlMs: TTL });
    await get("a");
    await get("b");
    await get("a"); // a is now more recent than b
    await get("c"); // evicts b
    await get("a");
    await get("b"); // reloaded; evicts c
    await get("c");
    expect([loaders.a.calls, loaders.b.calls, loaders.c.calls]).toEqual([1, 2, 2]);
  });

  it("never evicts a key whose load is running", async () => {
    const cache = new SingleFlightCache<string>({ maxEntries: 1 });
    const slow = controlledLoader<string>();
    const fast = countingLoader();
    const first = cache.getOrLoad("slow", slow.load, { ttlMs: TTL });
    await cache.getOrLoad("fast", fast.load, { ttlMs: TTL });
    const joined = cache.getOrLoad("slow", slow.load, { ttlMs: TTL });
    slow.resolve("done");
    expect(await Promise.all([first, joined])).toEqual(["done", "done"]);
    expect(slow.calls).toBe(1);
    expect(await cache.getOrLoad("slow", slow.load, { ttlMs: TTL })).toBe("done");
    expect(slow.calls).toBe(1);
  });

  it("forgets results on clear", async () => {
    const cache = new SingleFlightCache<string>();
    const loader = countingLoader();
    await cache.getOrLoad("k", loader.load, { ttlMs: TTL });
    cache.clear();
    expect(await cache.getOrLoad("k", loader.load, { ttlMs: TTL })).toBe("call-2");
  });

  it("rejects nonsensical options", () => {
    expect(() => new SingleFlightCache({ maxEntries: 0 })).toThrow(RangeError);
    const cache = new SingleFlightCache<string>();
    expect(() => cache.getOrLoad("k", async () => "v", { ttlMs: Number.NaN })).toThrow(RangeError);
    expect(() => cache.getOrLoad("k", async () => "v", { ttlMs: -1 })).toThrow(RangeError);
  });
});
