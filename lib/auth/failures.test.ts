import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./failures";

function limiter(maxKeys = 100) {
  let now = 1_000_000;
  const instance = new FailureLimiter({ limit: 3, windowMs: 60_000, maxKeys, now: () => now });
  return { instance, advance: (ms: number) => (now += ms) };
}

describe("FailureLimiter", () => {
  it("lets a key be tried until the limit of failures, then says how long to wait", () => {
    const { instance, advance } = limiter();
    for (let i = 0; i < 3; i++) {
      expect(instance.retryAfterSeconds("a")).toBe(0);
      instance.record("a");
      advance(1_000);
    }
    // The first failure leaves the window 60 s after it was recorded, 57 s from now.
    expect(instance.retryAfterSeconds("a")).toBe(57);
    expect(instance.retryAfterSeconds("b")).toBe(0);
    advance(57_000);
    expect(instance.retryAfterSeconds("a")).toBe(0);
  });

  it("takes back a failure recorded for an attempt that succeeded", () => {
    const { instance } = limiter();
    instance.record("a");
    instance.record("a");
    instance.record("a");
    instance.forgive("a");
    expect(instance.retryAfterSeconds("a")).toBe(0);
    instance.forgive("nobody");
  });

  it("remembers at most maxKeys, forgetting the least recent first", () => {
    const { instance } = limiter(2);
    for (const key of ["a", "b", "c"]) for (let i = 0; i < 3; i++) instance.record(key);
    expect(instance.retryAfterSeconds("a")).toBe(0);
    expect(instance.retryAfterSeconds("b")).toBeGreaterThan(0);
    expect(instance.retryAfterSeconds("c")).toBeGreaterThan(0);
  });
});
