import { describe, expect, it } from "vitest";
import { csvResponse, headerText } from "./csv";

describe("X-Incomplete-Sources", () => {
  const source = (code: string) => ({
    service: "dcs" as const,
    region: "cn-north-4",
    projectId: "p1",
    ok: false,
    error: { code, message: "failed", httpStatus: 400, requestId: null },
    skipped: 0,
    skippedReason: null,
    instances: 0,
    backups: 0,
    calls: 1,
    durationMs: 1,
    complete: false,
    lastSyncedAt: null,
  });

  it("names each failed source, with any error code encoded so that the download always answers", async () => {
    const codes = ["APIGW.0301", "A\r\nSet-Cookie: x=1", "错误", "100%,done", "\ud800", "\u0000\u007f"];
    const response = csvResponse({ filename: "x.csv", body: "a\r\n", sources: codes.map(source) });
    expect(response.headers.get("x-incomplete-sources")).toBe(
      [
        "dcs/cn-north-4/p1: APIGW.0301",
        "dcs/cn-north-4/p1: A%0D%0ASet-Cookie: x=1",
        "dcs/cn-north-4/p1: %E9%94%99%E8%AF%AF",
        "dcs/cn-north-4/p1: 100%25%2Cdone",
        "dcs/cn-north-4/p1: %EF%BF%BD",
        "dcs/cn-north-4/p1: %00%7F",
      ].join(", "),
    );
    expect(await response.text()).toBe("a\r\n");
  });

  it("decodes back to the text it encodes", () => {
    for (const text of ["plain: text/x", "A\r\nB", "中文 é 😀", "%2C,"])
      expect(decodeURIComponent(headerText(text))).toBe(text);
  });
});
