import { describe, expect, it } from "vitest";
import { parseRestoreQuery, restoreSearchParams } from "./query";

describe("restore-point query", () => {
  it("needs one instance and one instant", () => {
    expect(parseRestoreQuery(new URLSearchParams("instance=abc&at=2026-11-20T08:00:00%2B08:00"))).toEqual({
      ok: true,
      value: { instance: "abc", at: "2026-11-20T00:00:00.000Z", refresh: false },
    });
    expect(parseRestoreQuery(new URLSearchParams(""))).toEqual({
      ok: false,
      issues: [
        { path: "instance", message: "required" },
        { path: "at", message: "required" },
      ],
    });
  });

  it("rejects lists, bad instants and unknown parameters", () => {
    const result = parseRestoreQuery(new URLSearchParams("instance=a,b&at=yesterday&tz=UTC"));
    expect(result.ok ? [] : result.issues.map((issue) => issue.path).sort()).toEqual(["at", "instance", "tz"]);
  });

  it("serialises back", () => {
    expect(restoreSearchParams({ instance: "abc", at: "2026-11-20T00:00:00.000Z", refresh: false }).toString()).toBe(
      "instance=abc&at=2026-11-20T00%3A00%3A00.000Z",
    );
  });
});
