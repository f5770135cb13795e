import { describe, expect, it } from "vitest";
import type { Service } from "../inventory/model";
import { backupId, findBackup, RAW_STATUSES } from "./backups";
import { DAY_MS, generateDataset, LOG_INTERVAL_MS } from "./dataset";
import { truthOf } from "./truth";

const NOW = new Date("2026-01-05T08:00:00Z");
const base = { seed: "dataset-test", instances: 60, days: 3, anchor: NOW };
const truthAt = (options: typeof base) => truthOf(generateDataset(options), options.anchor.getTime());
const truth = truthAt(base);

describe("the simulated account", () => {
  it("is the same for the same seed and start, and differs for another seed", () => {
    expect(truthAt(base)).toEqual(truth);
    const other = truthAt({ ...base, seed: "another" });
    expect(other.backups.map((x) => x.id)).not.toEqual(truth.backups.map((x) => x.id));
  });

  it("spreads instances over projects, services and engines with realistic names", () => {
    const { instances } = truthAt({ ...base, instances: 100 });
    const count = (key: (i: (typeof instances)[number]) => string) =>
      instances.reduce<Record<string, number>>((acc, i) => {
        acc[key(i)] = (acc[key(i)] ?? 0) + 1;
        return acc;
      }, {});
    expect(count((i) => i.service)).toEqual({ taurusdb: 50, rds: 30, dcs: 20 });
    expect(Object.keys(count((i) => i.engine)).sort()).toEqual(
      ["gaussdb-mysql", "mariadb", "memcached", "mysql", "postgresql", "redis", "sqlserver"].sort(),
    );
    expect(Object.keys(count((i) => i.region)).length).toBeGreaterThanOrEqual(3);
    for (const instance of instances) expect(instance.name).toMatch(/^[a-z]+-[a-z]+-(prod|staging|dev|test)-\d{2}$/);
    expect(new Set(instances.map((i) => `${i.projectId}/${i.name}`)).size).toBe(instances.length);
  });

  it("represents every status of every service, running backups without an end", () => {
    const { backups } = truth;
    const statuses = (service: Service) =>
      new Set(backups.filter((b) => b.service === service).map((b) => b.rawStatus));
    expect(statuses("taurusdb")).toEqual(new Set(["BUILDING", "COMPLETED", "FAILED", "AVAILABLE", "DELETING", null]));
    expect(statuses("rds")).toEqual(new Set(["BUILDING", "COMPLETED", "FAILED", "DELETING"]));
    expect(statuses("dcs")).toEqual(new Set(["waiting", "backuping", "succeed", "failed", "expired", "deleted"]));
    for (const backup of backups.filter((b) => b.status === "in_progress" || b.status === "pending"))
      expect(backup.endedAt).toBeNull();
    const kinds = new Set(backups.map((b) => `${b.service}/${b.kind}/${b.trigger}`));
    for (const kind of [
      "taurusdb/full/auto",
      "taurusdb/full/manual",
      "taurusdb/incremental/auto",
      "taurusdb/differential/auto",
      "rds/full/auto",
      "rds/full/manual",
      "rds/differential/null",
      "rds/incremental/auto",
      "dcs/full/auto",
      "dcs/full/manual",
    ])
      expect(kinds).toContain(kind);
    expect(backups.some((b) => b.offsite)).toBe(true);
  });

  it("makes a log backup every 5 minutes, each holding the 5 minutes before its end, the latest ended by now", () => {
    const byInstance = new Map<string, typeof truth.backups>();
    for (const backup of truth.backups.filter((b) => b.kind === "incremental" && !b.offsite))
      byInstance.set(backup.instanceId, [...(byInstance.get(backup.instanceId) ?? []), backup]);
    const taurus = truth.instances.filter((i) => i.service === "taurusdb" && byInstance.has(i.id));
    expect(taurus.length).toBeGreaterThan(0);
    for (const [instanceId, logs] of byInstance) {
      const instance = truth.instances.find((i) => i.id === instanceId);
      if (instance?.engine !== "gaussdb-mysql" && instance?.engine !== "mysql" && instance?.engine !== "postgresql")
        continue;
      const starts = logs.map((b) => Date.parse(b.startedAt)).sort((a, b) => a - b);
      expect(new Set(starts.slice(1).map((start, i) => start - starts[i]))).toEqual(new Set([LOG_INTERVAL_MS]));
      const spans = new Set(logs.map((log) => Date.parse(log.endedAt ?? "") - Date.parse(log.startedAt)));
      expect(spans).toEqual(new Set([LOG_INTERVAL_MS]));
      // The newest ended within the last 5 minutes; the oldest started within the retention.
      expect(NOW.getTime() - Date.parse(logs[0].endedAt ?? "")).toBeLessThan(LOG_INTERVAL_MS);
      expect(NOW.getTime() - starts[0]).toBeLessThanOrEqual(3 * DAY_MS);
    }
    // A mature instance keeps 288 a day, less the one being written.
    expect(Math.max(...[...byInstance.values()].map((logs) => logs.length))).toBeGreaterThanOrEqual(3 * 288 - 1);
    expect(Math.max(...[...byInstance.values()].map((logs) => logs.length))).toBeLessThanOrEqual(3 * 288);
  });

  it("makes the automated TaurusDB backups of some instances differential, with a full one every week", () => {
    const { backups } = truthAt({ ...base, instances: 20, days: 14 });
    const automated = backups.filter(
      (b) => b.service === "taurusdb" && b.kind !== "incremental" && b.trigger === "auto",
    );
    const byInstance = new Map<string, typeof automated>();
    for (const backup of automated)
      byInstance.set(backup.instanceId, [...(byInstance.get(backup.instanceId) ?? []), backup]);
    const withDifferentials = [...byInstance.values()].filter((list) => list.some((b) => b.kind === "differential"));
    expect(withDifferentials.length).toBeGreaterThan(0);
    expect(withDifferentials.length).toBeLessThan(byInstance.size);
    for (const list of withDifferentials) {
      const weekday = (b: (typeof list)[number]) => Math.floor(Date.parse(b.startedAt) / DAY_MS) % 7;
      const days = new Set(list.filter((b) => b.kind === "full").map(weekday));
      expect(days.size).toBe(1);
      const full = list.find((b) => b.kind === "full" && b.status === "completed");
      const differential = list.find((b) => b.kind === "differential" && b.status === "completed");
      if (full && differential) expect(differential.sizeBytes).toBeLessThan(full.sizeBytes);
    }
  });

  it("has instances without backups and instances whose recent backups failed", () => {
    const { instances, backups } = truth;
    for (const service of ["taurusdb", "rds", "dcs"] as const)
      expect(instances.some((i) => i.service === service && i.backups === 0)).toBe(true);
    const failingRecently = instances.filter((instance) => {
      const recentFull = backups.filter(
        (b) =>
          b.instanceId === instance.id &&
          b.kind === "full" &&
          b.trigger === "auto" &&
          Date.parse(b.startedAt) > NOW.getTime() - 2 * DAY_MS,
      );
      return recentFull.length > 0 && recentFull.every((b) => b.status === "failed");
    });
    expect(new Set(failingRecently.map((i) => i.service))).toEqual(new Set(["taurusdb", "rds", "dcs"]));
  });

  it("keeps every backup within the retention, none in the future, sizes whole bytes", () => {
    const outside = truth.backups.filter((backup) => {
      const start = Date.parse(backup.startedAt);
      const ended = backup.endedAt === null ? start : Date.parse(backup.endedAt);
      return start < NOW.getTime() - 3 * DAY_MS || ended > NOW.getTime() || !Number.isInteger(backup.sizeBytes);
    });
    expect(outside).toEqual([]);
    const fullSizes = truth.backups.filter((b) => b.service === "taurusdb" && b.kind === "full" && b.sizeBytes > 0);
    for (const backup of fullSizes) expect(backup.sizeBytes % 1048576).toBe(0);
  });

  it("decodes every backup ID back to its backup and rejects others", () => {
    const dataset = generateDataset(base);
    for (const { id } of truth.backups.filter((_, i) => i % 7 === 0)) {
      const handle = findBackup(dataset, id);
      expect(handle).toBeDefined();
      expect(backupId(dataset, handle ?? 0)).toBe(id);
    }
    expect(findBackup(dataset, "ffffffffffffffffffffffffffffffffbr07")).toBeUndefined();
    expect(findBackup(dataset, "not-an-id")).toBeUndefined();
    // A well-formed ID of this seed for a day without a manual backup names nothing.
    const dcs = truth.backups.find((b) => b.service === "dcs");
    expect(findBackup(dataset, `${dcs?.id.slice(0, -1)}${dcs?.id.endsWith("0") ? "1" : "0"}`)).toBeUndefined();
    expect(new Set(truth.backups.map((b) => b.id)).size).toBe(truth.backups.length);
  });

  it("counts a TaurusDB full backup once and says which operations list each backup", () => {
    const full = truth.backups.filter((b) => b.service === "taurusdb" && b.kind === "full");
    expect(full.filter((b) => b.rawStatus !== "DELETING").every((b) => b.operations.length === 2)).toBe(true);
    expect(
      full.filter((b) => b.rawStatus === "DELETING").every((b) => b.operations.join() === "ShowInstanceBackups"),
    ).toBe(true);
    expect(RAW_STATUSES).toContain("AVAILABLE");
  });
});
