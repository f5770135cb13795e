import { afterEach, describe, expect, it, vi } from "vitest";
import { describeError, logError, logInfo, redact, registerSecrets } from "./log";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("redact", () => {
  it("hides Authorization header values, whole, in header and JSON forms", () => {
    const sdk =
      "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=host;x-sdk-date, Signature=9e2c8a1f0b7d6e5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c";
    for (const text of [
      `Authorization: ${sdk}`,
      `{"authorization":"${sdk}","host":"rds.example"}`,
      `headers: { Authorization: '${sdk}' }`,
    ]) {
      const result = redact(text);
      expect(result).not.toContain("QTWAOYTTINDUT2QVKYUC");
      expect(result).not.toContain("9e2c8a1f0b7d");
      expect(result).toContain("[redacted]");
    }
    expect(redact(`{"authorization":"${sdk}","host":"rds.example"}`)).toContain('"host":"rds.example"');
  });

  it("hides tokens, passwords, signatures and Basic/Bearer credentials", () => {
    const text = [
      "X-Security-Token: gQpjbi1ub3J0aC00",
      "security_token=gQpjbi1ub3J0aC00",
      '"password":"hunter2hunter2"',
      "?token=abcdefabcdef&x=1",
      "Signature=deadbeefdeadbeef",
      "Basic YWxpY2U6c2VjcmV0cGFzcw==",
      "bearer eyJhbGciOiJIUzI1NiJ9.e30.sig",
    ].join("\n");
    const result = redact(text);
    for (const secret of ["gQpjbi1ub3J0aC00", "hunter2", "abcdefabcdef", "deadbeef", "YWxpY2U6", "eyJhbGci"])
      expect(result, secret).not.toContain(secret);
    expect(result).toContain("&x=1");
  });

  it("hides registered secret values wherever they appear, and leaves other text alone", () => {
    registerSecrets("AKVALUE12345", "the-secret-key-value", undefined, "abc");
    expect(redact("calling with AKVALUE12345 and the-secret-key-value in a URL")).toBe(
      "calling with [redacted] and [redacted] in a URL",
    );
    expect(redact("abc is too short to be registered")).toBe("abc is too short to be registered");
    expect(redact("GET /v3/projects/0483b6b1/backups failed: HTTP 503")).toBe(
      "GET /v3/projects/0483b6b1/backups failed: HTTP 503",
    );
  });
});

describe("log lines", () => {
  it("describe an error with its causes, redacted", () => {
    registerSecrets("SECRETSK987654");
    const error = new Error("signing failed", { cause: new TypeError("bad key SECRETSK987654") });
    const text = describeError(error);
    expect(text).toContain("Error: signing failed");
    expect(text).toContain("caused by: TypeError: bad key [redacted]");
    expect(text).not.toContain("SECRETSK987654");
  });

  it("go through redaction on every level", () => {
    const info = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    logInfo("request with Authorization: Basic YWxpY2U6cGFzc3dvcmQ=");
    logError("upstream failed", new Error("X-Security-Token: tok-123456789"));
    expect(info.mock.calls[0][0]).not.toContain("YWxpY2U6");
    expect(String(error.mock.calls[0][0])).toContain("upstream failed: Error: X-Security-Token: [redacted]");
    expect(String(error.mock.calls[0][0])).not.toContain("tok-123456789");
  });
});
