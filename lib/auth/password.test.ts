import { describe, expect, it } from "vitest";
import { decoyHash, formatPasswordHash, hashPassword, parsePasswordHash, verifyPassword } from "./password";

// A low cost keeps the tests fast; one test uses the default cost.
const FAST = { N: 1024, r: 8, p: 1 };

describe("password hashes", () => {
  it("are scrypt$N$r$p$salt$hash with a fresh salt each time, at the default cost", async () => {
    const first = await hashPassword("correct horse");
    const second = await hashPassword("correct horse");
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword("correct horse", parsePasswordHash(first))).toBe(true);
  });

  it("verify the password and nothing else", async () => {
    const stored = parsePasswordHash(await hashPassword("s3cret pass", FAST));
    expect(await verifyPassword("s3cret pass", stored)).toBe(true);
    for (const wrong of ["s3cret pas", "s3cret pass ", "S3cret pass", ""])
      expect(await verifyPassword(wrong, stored), wrong).toBe(false);
  });

  it("treat composed and decomposed Unicode alike", async () => {
    const stored = parsePasswordHash(await hashPassword("caf\u00e9", FAST));
    expect(await verifyPassword("cafe\u0301", stored)).toBe(true);
  });

  it("round-trip through the text form", async () => {
    const text = await hashPassword("x", FAST);
    expect(formatPasswordHash(parsePasswordHash(text))).toBe(text);
  });

  it("reject malformed hashes with a reason, never echoing the value", () => {
    const salt = Buffer.alloc(16, 1).toString("base64url");
    const hash = Buffer.alloc(32, 2).toString("base64url");
    const cases: [string, RegExp][] = [
      ["plain-text-password", /form/],
      [`bcrypt$16384$8$1$${salt}$${hash}`, /form/],
      [`scrypt$16384$8$1$${salt}`, /form/],
      [`scrypt$3000$8$1$${salt}$${hash}`, /power of two/],
      [`scrypt$512$8$1$${salt}$${hash}`, /N outside/],
      [`scrypt$16384$0$1$${salt}$${hash}`, /r outside/],
      [`scrypt$16384$8$99$${salt}$${hash}`, /p outside/],
      [`scrypt$1048576$32$1$${salt}$${hash}`, /256 MiB/],
      [`scrypt$16384$8$1$c2FsdA$${hash}`, /salt/],
      [`scrypt$16384$8$1$${salt}$short`, /hash/],
      [`scrypt$16384$8$1$${salt}$${hash}!`, /hash/],
      [`scrypt$16384$8$x$${salt}$${hash}`, /p outside/],
    ];
    for (const [text, reason] of cases) {
      let message = "";
      try {
        parsePasswordHash(text);
      } catch (error) {
        message = error instanceof Error ? error.message : "";
      }
      expect(message, text).toMatch(reason);
      expect(message).not.toContain(hash);
    }
  });

  it("have a decoy that the empty and common passwords do not match", async () => {
    const decoy = decoyHash();
    expect(await verifyPassword("", decoy)).toBe(false);
    expect(await verifyPassword("password", decoy)).toBe(false);
  });
});
