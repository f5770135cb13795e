import "server-only";
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Salted password hashes for DASHBOARD_USERS: `scrypt$N$r$p$salt$hash`, salt and hash in base64url.
 * Verification runs off the event loop (libuv's pool) and compares in constant time.
 */

export interface PasswordHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

export type ScryptCost = Pick<PasswordHash, "N" | "r" | "p">;

/** 16 MiB of memory and about 50 ms per hash on a current CPU. */
export const DEFAULT_COST: ScryptCost = { N: 16_384, r: 8, p: 1 };
const SALT_BYTES = 16;
const HASH_BYTES = 32;

// Bounds keep a configured hash from asking for absurd memory or time at each login.
const LIMITS = { N: [1_024, 1_048_576], r: [1, 32], p: [1, 16] } as const;
const MAX_MEMORY = 256 * 1_048_576;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function derive(password: string, salt: Buffer, length: number, cost: ScryptCost) {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1_048_576 };
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize("NFC"), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export function formatPasswordHash({ N, r, p, salt, hash }: PasswordHash): string {
  return ["scrypt", N, r, p, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  return formatPasswordHash({ ...cost, salt, hash: await derive(password, salt, HASH_BYTES, cost) });
}

/** Parses a stored hash; throws an Error whose message says what is wrong (never echoing the hash). */
export function parsePasswordHash(text: string): PasswordHash {
  const parts = text.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") throw new Error("is not of the form scrypt$N$r$p$salt$hash");
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,7}$/.test(part) ? Number(part) : Number.NaN));
  const cost = { N, r, p };
  for (const [name, [min, max]] of Object.entries(LIMITS)) {
    const value = cost[name as keyof typeof LIMITS];
    if (!(value >= min && value <= max)) throw new Error(`has ${name} outside ${min}..${max}`);
  }
  if ((N & (N - 1)) !== 0) throw new Error("has an N that is not a power of two");
  if (128 * N * r > MAX_MEMORY) throw new Error("asks for more than 256 MiB of memory (128·N·r)");
  const [salt, hash] = parts.slice(4).map((part) => (BASE64URL.test(part) ? Buffer.from(part, "base64url") : null));
  if (!salt || salt.length < 8) throw new Error("has a salt shorter than 8 bytes (or not base64url)");
  if (!hash || hash.length < 16 || hash.length > 64)
    throw new Error("has a hash not of 16 to 64 bytes (or not base64url)");
  return { N, r, p, salt, hash };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const derived = await derive(password, stored.salt, stored.hash.length, stored);
  return timingSafeEqual(derived, stored.hash);
}

/** A hash no password matches in practice, verified for unknown users so that they cost the same time. */
export function decoyHash(): PasswordHash {
  return { ...DEFAULT_COST, salt: randomBytes(SALT_BYTES), hash: randomBytes(HASH_BYTES) };
}
