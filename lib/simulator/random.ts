import "server-only";

/**
 * Deterministic randomness for the simulator: a seeded generator, stable hashes and a reversible
 * 32-bit permutation (so backup IDs can be decoded back to their record without an ID map).
 */

/** A 32-bit avalanche mix (the finaliser of MurmurHash3). */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A stable unsigned 32-bit hash of a few integers. */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) h = mix32(h ^ Math.imul(part | 0, 0x27d4eb2d)) + 0x165667b1;
  return mix32(h);
}

/** FNV-1a of a string, mixed. */
export function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

export function seedNumber(seed: string | number): number {
  return typeof seed === "number" ? mix32(seed) : hashString(seed);
}

/** mulberry32: small, fast and good enough for generated test data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by relative weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let r = this.next() * total;
    for (const [item, weight] of items) {
      r -= weight;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }
}

export function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, "0");
}

/** `count` hex digits derived from a key. */
export function hexDigits(key: number, salt: number, count: number): string {
  let out = "";
  for (let i = 0; out.length < count; i++) out += hex32(hash32(key, salt, i));
  return out.slice(0, count);
}

/** A version-4-shaped UUID whose first group is `head` and the rest derived from a key. */
export function uuidFrom(head: string, key: number, salt: number): string {
  const h = hexDigits(key, salt, 24);
  const variant = "89ab"[Number.parseInt(h[7], 16) & 3];
  return `${head}-${h.slice(0, 4)}-4${h.slice(4, 7)}-${variant}${h.slice(8, 11)}-${h.slice(12, 24)}`;
}

const FEISTEL_ROUNDS = 4;

/** A keyed bijection on 32-bit integers (4-round Feistel network on two 16-bit halves). */
export function permute32(value: number, key: number): number {
  let left = (value >>> 16) & 0xffff;
  let right = value & 0xffff;
  for (let round = 0; round < FEISTEL_ROUNDS; round++) {
    const next = left ^ (hash32(right, key, round) & 0xffff);
    left = right;
    right = next;
  }
  return ((left << 16) | right) >>> 0;
}

/** The inverse of permute32. */
export function unpermute32(value: number, key: number): number {
  let left = (value >>> 16) & 0xffff;
  let right = value & 0xffff;
  for (let round = FEISTEL_ROUNDS - 1; round >= 0; round--) {
    const previous = right ^ (hash32(left, key, round) & 0xffff);
    right = left;
    left = previous;
  }
  return ((left << 16) | right) >>> 0;
}

/** A seeded `() => number` in [0, 1): the generator as a plain function, for tests and benchmarks. */
export function seededRandom(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}
