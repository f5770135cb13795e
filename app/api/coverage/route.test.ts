import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as backupsGET } from "@/app/api/backups/route";
import type { CoveragePage, CoverageRow } from "@/lib/coverage/model";
import type { BackupPage } from "@/lib/inventory/model";
import type { Simulator, Truth, TruthBackup } from "@/lib/simulator";
import { call } from "@/lib/testing/cloud";
import { startTestInventory, stopTestInventory } from "@/lib/testing/inventory";
import { GET } from "./route";

let simulator: Simulator;
let truth: Truth;

beforeAll(async () => {
  simulator = await startTestInventory({ seed: "coverage-tests" });
  truth = simulator.truth();
});

afterAll(() => stopTestInventory(simulator));

async function coverage(search: string): Promise<CoveragePage> {
  const response = await call(GET, `/api/coverage?${search}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as CoveragePage;
}

async function backups(search: string): Promise<BackupPage> {
  const response = await call(backupsGET, `/api/backups?${search}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as BackupPage;
}

async function allRows(search = ""): Promise<CoverageRow[]> {
  return (await coverage(`${search}&pageSize=1000`)).items;
}

/** The latest full backup of an instance that finished (completed or failed), by start. */
function latestFinishedFull(instanceId: string): TruthBackup | undefined {
  return truth.backups
    .filter(
      (b) => b.instanceId === instanceId && b.kind === "full" && (b.status === "completed" || b.status === "failed"),
    )
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))[0];
}

describe("GET /api/coverage on the simulator", () => {
  it("has one row per instance of every service, those without backups included", async () => {
    const page = await coverage("pageSize=1000");
    expect(page.total).toBe(truth.instances.length);
    expect(page.items.map((row) => row.instanceId).sort()).toEqual(truth.instances.map((i) => i.id).sort());
    expect(page.rpoHours).toBe(24);
    // The default window: the 7 days before the answer.
    expect(Math.abs(Date.now() - 7 * 86_400_000 - Date.parse(page.window.from))).toBeLessThan(60_000);
    expect(page.fetchedAt).toBe(page.sources.map((source) => source.lastSyncedAt).sort()[0]);
    expect(page.sync.state).toBe("idle");
    expect(page.window.to).toBeNull();
    const statusCounts = Object.values(page.facets.status).reduce((sum, count) => sum + count, 0);
    expect(statusCounts).toBe(page.total);
  });

  it("flags the instances without any backup as unprotected", async () => {
    const empty = truth.instances.filter((instance) => instance.backups === 0);
    expect(empty.length).toBeGreaterThan(0);
    const rows = new Map((await allRows()).map((row) => [row.instanceId, row]));
    for (const instance of empty)
      expect(rows.get(instance.id), instance.id).toMatchObject({
        status: "unprotected",
        reasons: ["no_full_backup"],
        lastFull: null,
        backups: 0,
        instanceStatus: instance.status,
      });
  });

  it("flags the instances whose latest full backups failed as at risk, on every service", async () => {
    const failing = truth.instances.filter((instance) => latestFinishedFull(instance.id)?.status === "failed");
    expect(new Set(failing.map((instance) => instance.service))).toEqual(new Set(["taurusdb", "rds", "dcs"]));
    const rows = new Map((await allRows()).map((row) => [row.instanceId, row]));
    for (const instance of failing) {
      const row = rows.get(instance.id);
      expect(row?.status, instance.id).toBe("at_risk");
      expect(row?.reasons).toContain("latest_full_failed");
      expect(row?.failed).toBeGreaterThan(0);
    }
    const healthy = truth.instances.filter(
      (instance) => instance.backups > 0 && latestFinishedFull(instance.id)?.status === "completed",
    );
    expect(healthy.some((instance) => rows.get(instance.id)?.status === "protected")).toBe(true);
  });

  it("agrees with /api/backups for every instance: last full, last incremental, failed, count and size", async () => {
    const page = await coverage("pageSize=1000");
    const window = `from=${encodeURIComponent(page.window.from)}`;
    for (const row of page.items) {
      const id = encodeURIComponent(row.instanceId);
      const lastFull = await backups(`instance=${id}&kind=full&status=completed&pageSize=1`);
      expect(row.lastFull?.id ?? null, row.instanceId).toBe(lastFull.items[0]?.id ?? null);
      const incrementals = await backups(`instance=${id}&kind=incremental&status=completed&pageSize=1000`);
      const ownIncremental = incrementals.items.find((backup) => backup.details.offsite !== true);
      expect(row.lastIncremental?.id ?? null, row.instanceId).toBe(ownIncremental?.id ?? null);
      expect(row.failed, row.instanceId).toBe((await backups(`instance=${id}&status=failed&${window}`)).total);
      const inWindow = await backups(`instance=${id}&${window}`);
      expect(row.backups, row.instanceId).toBe(inWindow.total);
      expect(row.sizeBytes, row.instanceId).toBe(inWindow.summary.sizeBytes);
    }
  });

  it("filters by status, service and name; facets ignore their own filter", async () => {
    const all = await coverage("pageSize=1000");
    const unprotected = await coverage("status=unprotected&pageSize=1000");
    expect(unprotected.total).toBe(all.facets.status.unprotected);
    expect(unprotected.items.every((row) => row.status === "unprotected")).toBe(true);
    expect(unprotected.facets.status).toEqual(all.facets.status);
    const dcs = await coverage("service=dcs&pageSize=1000");
    expect(dcs.total).toBe(truth.instances.filter((instance) => instance.service === "dcs").length);
    const name = truth.instances[3].name;
    const byName = await coverage(`q=${encodeURIComponent(name.toUpperCase())}`);
    expect(byName.items.map((row) => row.instanceName)).toContain(name);
  });

  it("sorts and pages: failed desc, ties by service then instance ID", async () => {
    const rows = await allRows("sort=failed&order=desc");
    const expected = [...rows].sort(
      (a, b) =>
        b.failed - a.failed ||
        (a.service < b.service ? -1 : a.service > b.service ? 1 : 0) ||
        (a.instanceId < b.instanceId ? -1 : 1),
    );
    expect(rows.map((row) => row.instanceId)).toEqual(expected.map((row) => row.instanceId));
    const second = await coverage("sort=failed&order=desc&pageSize=7&page=2");
    expect(second.items.map((row) => row.instanceId)).toEqual(rows.slice(7, 14).map((row) => row.instanceId));
  });

  it("measures the RPO given: a longer one clears the age reason, a shorter one adds it", async () => {
    const long = await allRows("rpo=8760");
    expect(long.some((row) => row.reasons.includes("recovery_point_too_old"))).toBe(false);
    const short = await allRows("rpo=1");
    const usual = await allRows("");
    const tooOld = (rows: CoverageRow[]) => rows.filter((row) => row.reasons.includes("recovery_point_too_old")).length;
    expect(tooOld(short)).toBeGreaterThan(tooOld(usual));
  });

  it("rejects invalid queries with the issues listed", async () => {
    const response = await call(GET, "/api/coverage?rpo=0&sort=startedAt&status=fine&pagesize=5");
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("invalid_query");
    expect(body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      "pagesize",
      "rpo",
      "sort",
      "status",
    ]);
  });
});
