import { describe, expect, it } from "vitest";
import type { Backup, Instance, Service } from "../inventory/model";
import { makeBackup } from "../testing/backups";
import type { CoverageRow } from "./model";
import { coverageRows } from "./rows";

const NOW = new Date("2026-11-22T12:00:00Z");
const HOUR = 3_600_000;
/** An instant `hours` before NOW. */
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR).toISOString();

function instance(id: string, service: Service, engine: string): Instance {
  return {
    service,
    region: "cn-north-4",
    projectId: "p-1",
    id,
    name: `${id}-name`,
    engine,
    engineVersion: "1",
    status: "ACTIVE",
  };
}

function backup(
  instanceId: string,
  service: Service,
  id: string,
  startedHoursAgo: number,
  fields: Partial<Backup> = {},
) {
  return makeBackup({
    id,
    instanceId,
    service,
    startedAt: ago(startedHoursAgo),
    endedAt: ago(startedHoursAgo - 0.25),
    ...fields,
  });
}

/** Two-hourly logs from `fromHoursAgo` up to about now. */
function logs(instanceId: string, service: Service, fromHoursAgo: number): Backup[] {
  const list: Backup[] = [];
  for (let hours = fromHoursAgo; hours >= 2; hours -= 2)
    list.push(
      makeBackup({
        id: `${instanceId}-log-${hours}`,
        instanceId,
        service,
        kind: "incremental",
        startedAt: ago(hours),
        endedAt: ago(hours - 2),
      }),
    );
  return list;
}

function rows(instances: Instance[], backups: Backup[], rpoHours = 24, from = ago(24 * 7)): Map<string, CoverageRow> {
  const result = coverageRows({ instances, backups, rpoHours, window: { from, to: null }, now: NOW });
  return new Map(result.map((row) => [row.instanceId, row]));
}

function row(map: Map<string, CoverageRow>, id: string): CoverageRow {
  const found = map.get(id);
  if (!found) throw new Error(`no row for ${id}`);
  return found;
}

describe("coverageRows", () => {
  it("protected: a recent full backup and an unbroken log chain; ages measured at now", () => {
    const backups = [
      backup("tdb", "taurusdb", "F-old", 30),
      backup("tdb", "taurusdb", "F", 10),
      ...logs("tdb", "taurusdb", 12),
    ];
    const result = row(rows([instance("tdb", "taurusdb", "gaussdb-mysql")], backups), "tdb");
    expect(result).toMatchObject({
      status: "protected",
      reasons: [],
      lastFull: { id: "F", startedAt: ago(10), endedAt: ago(9.75) },
      lastFullAgeSeconds: 9.75 * 3600,
      lastIncremental: { id: "tdb-log-2" },
      lastIncrementalAgeSeconds: 0,
      latestRecoveryPoint: NOW.toISOString(),
      recoveryPointAgeSeconds: 0,
      instanceStatus: "ACTIVE",
      instanceName: "tdb-name",
    });
  });

  it("unprotected: an instance without any backup still has a row, with zero counts", () => {
    const result = row(rows([instance("empty", "rds", "mysql")], []), "empty");
    expect(result).toMatchObject({
      status: "unprotected",
      reasons: ["no_full_backup"],
      lastFull: null,
      lastFullAgeSeconds: null,
      lastIncremental: null,
      latestRecoveryPoint: null,
      failed: 0,
      backups: 0,
      sizeBytes: 0,
    });
  });

  it("unprotected: only failed full backups, even with incrementals", () => {
    const backups = [backup("r", "rds", "F", 10, { status: "failed" }), ...logs("r", "rds", 10)];
    const result = row(rows([instance("r", "rds", "mysql")], backups), "r");
    expect(result.status).toBe("unprotected");
    expect(result.lastFull).toBeNull();
    expect(result.lastIncremental?.id).toBe("r-log-2");
    expect(result.failed).toBe(1);
  });

  it("at_risk against the RPO: a DCS instance whose last backup is 30 hours old; protected with rpo=48", () => {
    const backups = [backup("d", "dcs", "B1", 54), backup("d", "dcs", "B2", 30)];
    const instances = [instance("d", "dcs", "redis")];
    expect(row(rows(instances, backups, 24), "d")).toMatchObject({
      status: "at_risk",
      reasons: ["recovery_point_too_old"],
      latestRecoveryPoint: ago(29.75),
    });
    expect(row(rows(instances, backups, 48), "d")).toMatchObject({ status: "protected", reasons: [] });
  });

  it("at_risk when the latest finished full backup failed, although the logs keep the recovery point fresh", () => {
    const backups = [
      backup("t", "taurusdb", "F1", 40),
      backup("t", "taurusdb", "F2", 16, { status: "failed" }),
      // A running full backup has not finished: it does not hide the failure.
      backup("t", "taurusdb", "F3", 1, { status: "in_progress", endedAt: null }),
      ...logs("t", "taurusdb", 40),
    ];
    const result = row(rows([instance("t", "taurusdb", "gaussdb-mysql")], backups), "t");
    expect(result).toMatchObject({ status: "at_risk", reasons: ["latest_full_failed"], lastFull: { id: "F1" } });
    expect(result.recoveryPointAgeSeconds).toBe(0);
  });

  it("lists both reasons when both apply", () => {
    const backups = [backup("d", "dcs", "B1", 50), backup("d", "dcs", "B2", 26, { status: "failed" })];
    expect(row(rows([instance("d", "dcs", "redis")], backups), "d").reasons).toEqual([
      "recovery_point_too_old",
      "latest_full_failed",
    ]);
  });

  it("a differential is not the last full backup; an offsite log is not the last incremental", () => {
    const backups = [
      backup("s", "rds", "F", 20),
      backup("s", "rds", "D", 5, { kind: "differential", trigger: null }),
      backup("s", "rds", "L", 8, { kind: "incremental" }),
      backup("s", "rds", "OFF", 3, { kind: "incremental", details: { offsite: true } }),
    ];
    const result = row(rows([instance("s", "rds", "sqlserver")], backups), "s");
    expect(result.lastFull?.id).toBe("F");
    expect(result.lastIncremental?.id).toBe("L");
    // The differential is a restore base: the recovery point is its end.
    expect(result.latestRecoveryPoint).toBe(ago(4.75));
  });

  it("counts failed, backups and size over the window only, by start (from <= startedAt < to)", () => {
    const backups = [
      backup("w", "dcs", "old", 200, { status: "failed", sizeBytes: 1 }),
      backup("w", "dcs", "edge", 168, { status: "failed", sizeBytes: 10 }),
      backup("w", "dcs", "in", 20, { sizeBytes: 100 }),
      backup("w", "dcs", "nosize", 10, { sizeBytes: null, status: "in_progress", endedAt: null }),
    ];
    const result = row(rows([instance("w", "dcs", "redis")], backups, 24, ago(168)), "w");
    expect(result).toMatchObject({ failed: 1, backups: 3, sizeBytes: 110 });
    const bounded = coverageRows({
      instances: [instance("w", "dcs", "redis")],
      backups,
      rpoHours: 24,
      window: { from: ago(300), to: ago(168) },
      now: NOW,
    })[0];
    expect(bounded).toMatchObject({ failed: 1, backups: 1, sizeBytes: 1 });
  });

  it("picks the latest by start, ties by the smaller ID, as the backup list sorts", () => {
    const backups = [backup("x", "dcs", "b", 5), backup("x", "dcs", "a", 5), backup("x", "dcs", "c", 6)];
    expect(row(rows([instance("x", "dcs", "redis")], backups), "x").lastFull?.id).toBe("a");
  });

  it("adds a row for an instance that only its backups name, with no instance status", () => {
    const backups = [backup("gone", "rds", "F", 3, { instanceName: "old-db", engine: "postgresql" })];
    const map = rows([instance("listed", "rds", "mysql")], backups);
    expect([...map.keys()].sort()).toEqual(["gone", "listed"]);
    expect(row(map, "gone")).toMatchObject({
      instanceStatus: null,
      instanceName: "old-db",
      engine: "postgresql",
      status: "protected",
    });
  });
});
