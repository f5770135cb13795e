import { describe, expect, it } from "vitest";
import { startSimulator } from "./index";
import { signedGet } from "./request";
import { DEFAULT_SCALE, resolveScale, SCALE_NAMES, SCALES } from "./scale";

/** The scales give the accounts they advertise; at millions the counts are computed, nothing is generated. */

const NOW = new Date("2026-01-05T08:00:00Z");

describe("scales", () => {
  it("default to the real account, and take instances and days that replace the scale's", () => {
    expect(DEFAULT_SCALE).toBe("real");
    expect(resolveScale(undefined, {})).toEqual({ instances: 200, days: 7 });
    expect(resolveScale("millions", { days: 60 })).toEqual({ instances: 1000, days: 60 });
    expect(resolveScale("small", { instances: 12 })).toEqual({ instances: 12, days: 2 });
  });

  it.each(SCALE_NAMES)("%s holds the instances and about the backups it advertises", async (scale) => {
    const sim = await startSimulator({ now: NOW, scale });
    try {
      const stats = sim.stats();
      const { instances, days, backups } = SCALES[scale];
      expect(stats.instances).toBe(instances);
      expect(stats.byService.taurusdb.instances).toBe(instances / 2);
      expect(stats.byService.rds.instances).toBe((instances * 3) / 10);
      expect(stats.byService.dcs.instances).toBe(instances / 5);
      expect(Math.abs(stats.backups - backups) / backups).toBeLessThan(0.05);
      expect(stats.byService.taurusdb.backups + stats.byService.rds.backups + stats.byService.dcs.backups).toBe(
        stats.backups,
      );
      expect(Date.parse(stats.at) - Date.parse(stats.windowStart)).toBe(days * 86_400_000);
    } finally {
      await sim.close();
    }
  });

  it("counts exactly what the lists hold", async () => {
    const sim = await startSimulator({ now: NOW, scale: "small" });
    try {
      const truth = sim.truth();
      const stats = sim.stats();
      expect(stats.backups).toBe(truth.backups.length);
      for (const service of ["taurusdb", "rds", "dcs"] as const)
        expect(stats.byService[service].backups).toBe(truth.backups.filter((b) => b.service === service).length);
    } finally {
      await sim.close();
    }
  });

  it("serves millions: at least 3 million backups, whose last pages answer like the first", async () => {
    const sim = await startSimulator({ now: NOW, scale: "millions" });
    try {
      expect(sim.stats().backups).toBeGreaterThanOrEqual(3_000_000);
      const projectId = sim.projects[0].projectId;
      const instances = await signedGet(sim, "taurusdb", projectId, `/v3/${projectId}/instances`, [["limit", "100"]]);
      const ids = (instances.json as { instances: { id: string }[] }).instances.map((instance) => instance.id);
      // 30 days of a log every 5 minutes: 8,640 records, 173 pages of 50.
      let longest = { path: "", total: 0 };
      for (const id of ids) {
        const path = `/v3/${projectId}/instances/${id}/incremental-backups`;
        const first = await signedGet(sim, "taurusdb", projectId, path, [["limit", "50"]]);
        const total = (first.json as { total_count: number }).total_count;
        if (total > longest.total) longest = { path, total };
      }
      expect(longest.total).toBeGreaterThanOrEqual(30 * 288 - 1);
      const last = await signedGet(sim, "taurusdb", projectId, longest.path, [
        ["limit", "50"],
        ["offset", String(longest.total - 1)],
      ]);
      const [oldest] = (last.json as { backups: { begin_time: string }[] }).backups;
      expect(Date.parse(oldest.begin_time.replace(/(\d{2})(\d{2})$/, "$1:$2"))).toBeGreaterThanOrEqual(
        NOW.getTime() - 30 * 86_400_000,
      );
      const fulls = await signedGet(sim, "taurusdb", projectId, `/v3/${projectId}/backups`, [["limit", "100"]]);
      const fullTotal = (fulls.json as { total_count: number }).total_count;
      expect(fullTotal).toBeGreaterThan(30 * ids.length * 0.8);
      const lastFull = await signedGet(sim, "taurusdb", projectId, `/v3/${projectId}/backups`, [
        ["limit", "100"],
        ["offset", String(fullTotal - 1)],
      ]);
      expect((lastFull.json as { backups: unknown[] }).backups).toHaveLength(1);
    } finally {
      await sim.close();
    }
  });
});
