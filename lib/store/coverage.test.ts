import { afterAll, describe, expect, it } from "vitest";
import type { CoverageRow } from "../coverage/model";
import type { Backup, Instance, Service } from "../inventory/model";
import { makeBackup } from "../testing/backups";
import { fillStore, STORE_ENGINES } from "../testing/store";
import type { BackupStore } from "./types";

/**
 * Coverage's rules (docs/api.md, `GET /api/coverage`; lib/coverage/rows.ts), each on a small inventory whose row
 * can be read off: the latest backups, the recovery point, the window counts and the verdict.
 */

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

function row(map: Map<string, CoverageRow>, id: string): CoverageRow {
  const found = map.get(id);
  if (!found) throw new Error(`no row for ${id}`);
  return found;
}

describe.each(STORE_ENGINES)("$name store: coverage rows", (engine) => {
  const opened: { store: BackupStore; cleanUp: () => Promise<void> }[] = [];
  afterAll(async () => {
    for (const { store, cleanUp } of opened) {
      await store.close();
      await cleanUp();
    }
  });

  /** The rows of a store holding these instances and backups, by instance ID, judged at NOW. */
  async function rows(
    instances: Instance[],
    backups: Backup[],
    rpoHours = 24,
    from = ago(24 * 7),
    to?: string,
  ): Promise<Map<string, CoverageRow>> {
    const created = await engine.create();
    opened.push(created);
    await fillStore(created.store, backups, { instances });
    const page = await created.store.coverage(
      { rpo: rpoHours, from, to, sort: "status", order: "desc", page: 1, pageSize: 1000 },
      NOW,
    );
    return new Map(page.items.map((item) => [item.instanceId, item]));
  }

  it("protected: a recent full backup and an unbroken log chain; ages measured at now", async () => {
    const backups = [
      backup("tdb", "taurusdb", "F-old", 30),
      backup("tdb", "taurusdb", "F", 10),
      ...logs("tdb", "taurusdb", 12),
    ];
    const result = row(await rows([instance("tdb", "taurusdb", "gaussdb-mysql")], backups), "tdb");
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

  it("unprotected: an instance without any backup still has a row, with zero counts", async () => {
    const result = row(await rows([instance("empty", "rds", "mysql")], []), "empty");
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

  it("unprotected: only failed full backups, even with incrementals", async () => {
    const backups = [backup("r", "rds", "F", 10, { status: "failed" }), ...logs("r", "rds", 10)];
    const result = row(await rows([instance("r", "rds", "mysql")], backups), "r");
    expect(result.status).toBe("unprotected");
    expect(result.lastFull).toBeNull();
    expect(result.lastIncremental?.id).toBe("r-log-2");
    expect(result.failed).toBe(1);
  });

  it("at_risk against the RPO: a DCS instance whose last backup is 30 hours old; protected with rpo=48", async () => {
    const backups = [backup("d", "dcs", "B1", 54), backup("d", "dcs", "B2", 30)];
    const instances = [instance("d", "dcs", "redis")];
    expect(row(await rows(instances, backups, 24), "d")).toMatchObject({
      status: "at_risk",
      reasons: ["recovery_point_too_old"],
      latestRecoveryPoint: ago(29.75),
    });
    expect(row(await rows(instances, backups, 48), "d")).toMatchObject({ status: "protected", reasons: [] });
  });

  it("at_risk when the latest finished full backup failed, although the logs keep the recovery point fresh", async () => {
    const backups = [
      backup("t", "taurusdb", "F1", 40),
      backup("t", "taurusdb", "F2", 16, { status: "failed" }),
      // A running full backup has not finished: it does not hide the failure.
      backup("t", "taurusdb", "F3", 1, { status: "in_progress", endedAt: null }),
      ...logs("t", "taurusdb", 40),
    ];
    const result = row(await rows([instance("t", "taurusdb", "gaussdb-mysql")], backups), "t");
    expect(result).toMatchObject({ status: "at_risk", reasons: ["latest_full_failed"], lastFull: { id: "F1" } });
    expect(result.recoveryPointAgeSeconds).toBe(0);
  });

  it("lists both reasons when both apply", async () => {
    const backups = [backup("d", "dcs", "B1", 50), backup("d", "dcs", "B2", 26, { status: "failed" })];
    expect(row(await rows([instance("d", "dcs", "redis")], backups), "d").reasons).toEqual([
      "recovery_point_too_old",
      "latest_full_failed",
    ]);
  });

  it("a differential is not the last full backup; an offsite log is not the last incremental", async () => {
    const backups = [
      backup("s", "rds", "F", 20),
      backup("s", "rds", "D", 5, { kind: "differential", trigger: null }),
      backup("s", "rds", "L", 8, { kind: "incremental" }),
      backup("s", "rds", "OFF", 3, { kind: "incremental", details: { offsite: true } }),
    ];
    const result = row(await rows([instance("s", "rds", "sqlserver")], backups), "s");
    expect(result.lastFull?.id).toBe("F");
    expect(result.lastIncremental?.id).toBe("L");
    // The differential is a restore base: the recovery point is its end.
    expect(result.latestRecoveryPoint).toBe(ago(4.75));
  });

  it("counts failed, backups and size over the window only, by start (from <= startedAt < to)", async () => {
    const backups = [
      backup("w", "dcs", "old", 200, { status: "failed", sizeBytes: 1 }),
      backup("w", "dcs", "edge", 168, { status: "failed", sizeBytes: 10 }),
      backup("w", "dcs", "in", 20, { sizeBytes: 100 }),
      backup("w", "dcs", "nosize", 10, { sizeBytes: null, status: "in_progress", endedAt: null }),
    ];
    const result = row(await rows([instance("w", "dcs", "redis")], backups, 24, ago(168)), "w");
    expect(result).toMatchObject({ failed: 1, backups: 3, sizeBytes: 110 });
    const bounded = row(await rows([instance("w", "dcs", "redis")], backups, 24, ago(300), ago(168)), "w");
    expect(bounded).toMatchObject({ failed: 1, backups: 1, sizeBytes: 1 });
  });

  it("picks the latest by start, ties by the smaller ID, as the backup list sorts", async () => {
    const backups = [backup("x", "dcs", "b", 5), backup("x", "dcs", "a", 5), backup("x", "dcs", "c", 6)];
    expect(row(await rows([instance("x", "dcs", "redis")], backups), "x").lastFull?.id).toBe("a");
  });

  it("adds a row for an instance that only its backups name, with no instance status", async () => {
    const backups = [backup("gone", "rds", "F", 3, { instanceName: "old-db", engine: "postgresql" })];
    const map = await rows([instance("listed", "rds", "mysql")], backups);
    expect([...map.keys()].sort()).toEqual(["gone", "listed"]);
    expect(row(map, "gone")).toMatchObject({
      instanceStatus: null,
      instanceName: "old-db",
      engine: "postgresql",
      status: "protected",
    });
  });

  it("counts a cross-region copy, listed under another project, for its own instance", async () => {
    const backups = [
      backup("r", "rds", "F", 20),
      backup("r", "rds", "COPY", 10, {
        region: "cn-east-3",
        projectId: "p-2",
        details: { offsite: true, sourceRegion: "cn-north-4", sourceProjectId: "p-1" },
      }),
    ];
    const map = await rows([instance("r", "rds", "mysql")], backups);
    expect([...map.keys()]).toEqual(["r"]);
    // The latest full backup by start, as `/api/backups?instance=r&kind=full` lists it; the copy restores elsewhere.
    expect(row(map, "r")).toMatchObject({ lastFull: { id: "COPY" }, backups: 2, latestRecoveryPoint: ago(19.75) });
  });
});
