import { describe, expect, it } from "vitest";
import { parseTimelineQuery, timelineSearchParams } from "./query";

const issues = (search: string) => {
  const result = parseTimelineQuery(new URLSearchParams(search));
  return result.ok ? [] : result.issues;
};

describe("timeline query", () => {
  it("takes the backup filters (presence too), groupBy and a time zone, UTC and status by default", () => {
    expect(parseTimelineQuery(new URLSearchParams(""))).toEqual({
      ok: true,
      value: { presence: "current", groupBy: "status", tz: "UTC", refresh: false },
    });
    expect(
      parseTimelineQuery(
        new URLSearchParams("service=rds&kind=full&instance=i-1&presence=gone&groupBy=service&tz=europe/berlin"),
      ),
    ).toMatchObject({
      ok: true,
      value: {
        service: ["rds"],
        kind: ["full"],
        instance: ["i-1"],
        presence: "gone",
        groupBy: "service",
        tz: "Europe/Berlin",
      },
    });
  });

  it("rejects sort and paging, unknown zones and offsets", () => {
    expect(
      issues("sort=name&page=2&pageSize=5&order=asc")
        .map((issue) => issue.path)
        .sort(),
    ).toEqual(["order", "page", "pageSize", "sort"]);
    expect(issues("tz=Mars/Olympus")).toEqual([
      { path: "tz", message: '"Mars/Olympus" is not an IANA time zone name' },
    ]);
    expect(issues("tz=%2B01:00").map((issue) => issue.path)).toEqual(["tz"]);
    expect(issues("groupBy=kind").map((issue) => issue.path)).toEqual(["groupBy"]);
    expect(issues("from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z").map((issue) => issue.path)).toEqual(["to"]);
  });

  it("serialises back, leaving defaults out", () => {
    expect(timelineSearchParams({ tz: "UTC", groupBy: "service", status: ["failed"] }).toString()).toBe(
      "groupBy=service&status=failed",
    );
  });
});
