import { describe, expect, it } from "vitest";
import type { Service } from "../inventory/model";
import { backupId, DAY_MS, findBackup, generateDataset, RAW_STATUSES, truthOf } from "./dataset";
import { startSimulator } from "./index";
import { signedGet } from "./request";

const NOW = new Date("2026-01-05T08:00:00Z");
const base = { seed: "dataset-test", instances: 100, days: 7, anchor: NOW };

describe("the generated dataset", () => {
  it("is the same for the same seed and now, and differs for another seed", () => {
    const a = truthOf(generateDataset(base));
    const b = truthOf(generateDataset(base));
    expect(b).toEqual(a);
    const c = truthOf(generateDataset({ ...base, seed: "another" }));
    expect(c.backups.map((x) => x.id)).not.toEqual(a.backups.map((x) => x.id));
  });

  it("spreads instances over projects, services and engines with realistic names", () => {
    const { instances } = truthOf(generateDataset(base));
    const count = (key: (i: (typeof instances)[number]) => string) =>
      instances.reduce<Record<string, number>>((acc, i) => {
        acc[key(i)] = (acc[key(i)] ?? 0) + 1;
        return acc;
      }, {});
    expect(count((i) => i.service)).toEqual({ taurusdb: 30, rds: 45, dcs: 25 });
    expect(Object.keys(count((i) => i.engine)).sort()).toEqual(
      ["gaussdb-mysql", "mariadb", "memcached", "mysql", "postgresql", "redis", "sqlserver"].sort(),
    );
    expect(Object.keys(count((i) => i.region)).length).toBeGreaterThanOrEqual(3);
    for (const instance of instances) expect(instance.name).toMatch(/^[a-z]+-[a-z]+-(prod|staging|dev|test)-\d{2}$/);
    expect(new Set(instances.map((i) => `${i.projectId}/${i.name}`)).size).toBe(instances.length);
  });

  it("represents every status of every service, running backups without an end", () => {
    const { backups } = truthOf(generateDataset(base));
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

  it("makes the automated TaurusDB backups of some instances differential, with a full one every week", () => {
    const { backups } = truthOf(generateDataset({ ...base, days: 14 }));
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
    const { instances, backups } = truthOf(generateDataset(base));
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

  it("keeps every backup within the window, none in the future, sizes whole bytes", () => {
    const dataset = generateDataset({ ...base, days: 3 });
    const { backups } = truthOf(dataset);
    for (const backup of backups) {
      const start = Date.parse(backup.startedAt);
      expect(start).toBeGreaterThanOrEqual(NOW.getTime() - 3 * DAY_MS);
      expect(start).toBeLessThanOrEqual(NOW.getTime());
      if (backup.endedAt) expect(Date.parse(backup.endedAt)).toBeLessThanOrEqual(NOW.getTime());
      expect(Number.isInteger(backup.sizeBytes)).toBe(true);
    }
    const fullSizes = backups.filter((b) => b.service === "taurusdb" && b.kind === "full" && b.sizeBytes > 0);
    for (const backup of fullSizes) expect(backup.sizeBytes % 1048576).toBe(0);
  });

  it("decodes every backup ID back to its record and rejects others", () => {
    const dataset = generateDataset(base);
    for (let index = 0; index < dataset.backups.count; index += 7)
      expect(findBackup(dataset, backupId(dataset, index))).toBe(index);
    expect(findBackup(dataset, "ffffffffffffffffffffffffffffffffbr07")).toBeUndefined();
    expect(findBackup(dataset, "not-an-id")).toBeUndefined();
    expect(new Set(truthOf(dataset).backups.map((b) => b.id)).size).toBe(dataset.backups.count);
  });

  it("counts a TaurusDB full backup once and says which operations list each backup", () => {
    const { backups } = truthOf(generateDataset(base));
    const full = backups.filter((b) => b.service === "taurusdb" && b.kind === "full");
    expect(full.filter((b) => b.rawStatus !== "DELETING").every((b) => b.operations.length === 2)).toBe(true);
    expect(
      full.filter((b) => b.rawStatus === "DELETING").every((b) => b.operations.join() === "ShowInstanceBackups"),
    ).toBe(true);
    expect(RAW_STATUSES).toContain("AVAILABLE");
  });
});

describe("scale", () => {
  it("generates 200,000+ backups for 1,000 instances over 30 days and serves pages of them", async () => {
    const started = performance.now();
    const sim = await startSimulator({ now: NOW, instances: 1000, days: 30 });
    const elapsed = performance.now() - started;
    try {
      console.log(
        `simulator: ${sim.stats.instances} instances, ${sim.stats.backups} backups generated and served in ${Math.round(elapsed)} ms`,
      );
      expect(sim.stats.backups).toBeGreaterThanOrEqual(200_000);
      expect(
        sim.stats.byService.taurusdb.backups + sim.stats.byService.rds.backups + sim.stats.byService.dcs.backups,
      ).toBe(sim.stats.backups);
      const projectId = sim.projects[0].projectId;
      const first = await signedGet(sim, "taurusdb", projectId, `/v3/${projectId}/backups`, [["limit", "100"]]);
      const total = (first.json as { total_count: number }).total_count;
      const last = await signedGet(sim, "taurusdb", projectId, `/v3/${projectId}/backups`, [
        ["limit", "100"],
        ["offset", String(total - 1)],
      ]);
      expect((last.json as { backups: unknown[] }).backups).toHaveLength(1);
    } finally {
      await sim.close();
    }
  });
});
