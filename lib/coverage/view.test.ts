import { describe, expect, it } from "vitest";
import { COVERAGE_CSV_COLUMNS, coverageToCsv } from "./csv";
import type { CoverageRow } from "./model";
import { queryCoverage, sortedCoverage } from "./view";

function row(fields: Partial<CoverageRow> & { instanceId: string }): CoverageRow {
  return {
    service: "rds",
    region: "cn-north-4",
    projectId: "p-1",
    instanceName: fields.instanceId,
    engine: "mysql",
    engineVersion: "8.0",
    instanceStatus: "ACTIVE",
    status: "protected",
    reasons: [],
    lastFull: null,
    lastFullAgeSeconds: null,
    lastIncremental: null,
    lastIncrementalAgeSeconds: null,
    latestRecoveryPoint: null,
    recoveryPointAgeSeconds: null,
    failed: 0,
    backups: 0,
    sizeBytes: 0,
    ...fields,
  };
}

const full = (startedAt: string) => ({ id: `f-${startedAt}`, name: null, startedAt, endedAt: null, sizeBytes: 1 });

const ROWS: CoverageRow[] = [
  row({
    instanceId: "a",
    service: "dcs",
    engine: "redis",
    status: "at_risk",
    lastFull: full("2026-11-20T00:00:00.000Z"),
  }),
  row({ instanceId: "b", service: "rds", status: "unprotected", region: "la-north-2", instanceName: "Billing" }),
  row({ instanceId: "c", service: "rds", status: "protected", lastFull: full("2026-11-21T00:00:00.000Z"), failed: 2 }),
  row({ instanceId: "d", service: "taurusdb", engine: "gaussdb-mysql", status: "protected", instanceName: "alpha" }),
  row({ instanceId: "e", service: "rds", status: "unprotected", instanceName: null }),
];

const ids = (rows: readonly CoverageRow[]) => rows.map((item) => item.instanceId);

describe("coverage view", () => {
  it("sorts by status, the worst first by default; ties by service then instance ID", () => {
    expect(ids(sortedCoverage(ROWS, {}).rows)).toEqual(["b", "e", "a", "c", "d"]);
    expect(ids(sortedCoverage(ROWS, { sort: "status", order: "asc" }).rows)).toEqual(["c", "d", "a", "b", "e"]);
  });

  it("puts nulls last in both directions", () => {
    expect(ids(sortedCoverage(ROWS, { sort: "lastFullAt", order: "desc" }).rows)).toEqual(["c", "a", "b", "e", "d"]);
    expect(ids(sortedCoverage(ROWS, { sort: "lastFullAt", order: "asc" }).rows)).toEqual(["a", "c", "b", "e", "d"]);
    expect(ids(sortedCoverage(ROWS, { sort: "instanceName", order: "asc" }).rows)).toEqual(["a", "d", "b", "c", "e"]);
  });

  it("filters by list and search, and counts each facet over every other filter", () => {
    const view = queryCoverage(ROWS, { service: ["rds"], status: ["unprotected"] });
    expect(ids(view.items)).toEqual(["b", "e"]);
    expect(view.total).toBe(2);
    expect(view.facets.status).toEqual({ protected: 1, unprotected: 2 });
    expect(view.facets.service).toEqual({ rds: 2 });
    expect(view.facets.region).toEqual({ "cn-north-4": 1, "la-north-2": 1 });
    expect(ids(queryCoverage(ROWS, { q: "BILL" }).items)).toEqual(["b"]);
    expect(ids(queryCoverage(ROWS, { q: "d" }).items)).toEqual(["d"]);
    expect(ids(queryCoverage(ROWS, { service: [] }).items)).toHaveLength(5);
  });

  it("pages", () => {
    const second = queryCoverage(ROWS, { page: 2, pageSize: 2 });
    expect(ids(second.items)).toEqual(["a", "c"]);
    expect(second.total).toBe(5);
    expect(queryCoverage(ROWS, { page: 4, pageSize: 2 }).items).toEqual([]);
  });
});

describe("coverage CSV", () => {
  it("writes the documented header, empty cells for null, joined reasons, guarded formulas", () => {
    const csv = coverageToCsv(
      [
        row({
          instanceId: "i-1",
          instanceName: "=HYPERLINK(1)",
          status: "at_risk",
          reasons: ["recovery_point_too_old", "latest_full_failed"],
          lastFull: { id: "f1", name: "a,b", startedAt: "2026-11-20T00:00:00.000Z", endedAt: null, sizeBytes: 5 },
          failed: 3,
        }),
      ],
      { rpoHours: 24, window: { from: "2026-11-15T00:00:00.000Z", to: null } },
    );
    const [header, record, end] = csv.split("\r\n");
    expect(header).toBe(
      "service,region,project_id,instance_id,instance_name,engine,engine_version,instance_status,status,reasons," +
        "last_full_id,last_full_started_at,last_full_ended_at,last_full_age_seconds,last_incremental_id," +
        "last_incremental_started_at,last_incremental_ended_at,last_incremental_age_seconds,latest_recovery_point," +
        "recovery_point_age_seconds,failed,backups,size_bytes,rpo_hours,window_from,window_to",
    );
    expect(header.split(",")).toEqual(COVERAGE_CSV_COLUMNS);
    expect(record).toBe(
      `rds,cn-north-4,p-1,i-1,'=HYPERLINK(1),mysql,8.0,ACTIVE,at_risk,"recovery_point_too_old;latest_full_failed",` +
        "f1,2026-11-20T00:00:00.000Z,,,,,,,,,3,0,0,24,2026-11-15T00:00:00.000Z,",
    );
    expect(end).toBe("");
  });
});
