import { describe, expect, it } from "vitest";
import { coverageSearchParams, parseCoverageQuery } from "./query";

const issuePaths = (search: string) => {
  const result = parseCoverageQuery(new URLSearchParams(search));
  return result.ok ? [] : result.issues.map((issue) => issue.path).sort();
};

describe("coverage query", () => {
  it("has defaults: rpo 24 h, status desc, first page of 50", () => {
    expect(parseCoverageQuery(new URLSearchParams(""))).toEqual({
      ok: true,
      value: { rpo: 24, sort: "status", order: "desc", page: 1, pageSize: 50, refresh: false },
    });
  });

  it("reads lists, the window and the RPO", () => {
    const result = parseCoverageQuery(
      new URLSearchParams("rpo=8760&service=rds,dcs&status=at_risk&region=cn-north-4&from=2026-11-20T08:00:00%2B08:00"),
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        rpo: 8760,
        service: ["rds", "dcs"],
        status: ["at_risk"],
        region: ["cn-north-4"],
        from: "2026-11-20T00:00:00.000Z",
      },
    });
  });

  it("names every bad parameter", () => {
    expect(issuePaths("rpo=0")).toEqual(["rpo"]);
    expect(issuePaths("rpo=8761")).toEqual(["rpo"]);
    expect(issuePaths("rpo=1.5")).toEqual(["rpo"]);
    expect(issuePaths("status=fine&sort=startedAt&kind=full")).toEqual(["kind", "sort", "status"]);
    expect(issuePaths("from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z")).toEqual(["to"]);
  });

  it("serialises back, leaving defaults out", () => {
    expect(coverageSearchParams({ rpo: 24, sort: "status", status: ["unprotected"], page: 2 }).toString()).toBe(
      "status=unprotected&page=2",
    );
  });
});
