import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type BackupPage, SERVICES } from "@/lib/inventory/model";
import type { Simulator } from "@/lib/simulator";
import { call } from "@/lib/testing/cloud";
import { passSyncSpacing, startTestInventory, stopTestInventory } from "@/lib/testing/inventory";
import { GET as exportGet } from "./backups/export/route";
import { GET as backupsGet } from "./backups/route";

/**
 * Faults that app/api/backups/route.test.ts does not cover: sources that never answered (RDS, slower than the
 * client's timeout from the start), so nothing of theirs is stored, and an upstream that turns slow later.
 */

// The sync's clock is the system's: moved past the spacing of requested syncs where a test needs another one.
vi.hoisted(() => vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true }));

let simulator: Simulator;

beforeAll(async () => {
  // A short per-attempt timeout, so that the slow upstreams below cost little per call, yet long enough that the
  // healthy ones answer within it on a busy machine.
  simulator = await startTestInventory(
    { instances: 12, days: 2, faults: { rds: { latencyMs: 10_000 } } },
    { CLOUD_TIMEOUT_MS: "1500" },
  );
});

afterAll(async () => {
  await stopTestInventory(simulator);
  vi.useRealTimers();
});

const totalCalls = () => SERVICES.reduce((sum, service) => sum + simulator.calls()[service].total, 0);

/** The call count once no call is on its way: the simulator counts a call when it arrives, and a sibling of the
 * failed call, cancelled by the client, may still arrive just after the answer. */
async function settledCalls(): Promise<number> {
  for (let count = totalCalls(); ; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (totalCalls() === count) return count;
    count = totalCalls();
  }
}

describe("sources that never answered", () => {
  it("make a view of theirs alone 502 with the timeouts named; the other views answer, naming them", async () => {
    const response = await call(backupsGet, "/api/backups?service=rds");
    expect(response.status).toBe(502);
    const body = await response.json();
    expect(body.error.code).toBe("upstream_unavailable");
    expect(body.sources.map((source: BackupPage["sources"][number]) => source.error?.code)).toEqual(
      simulator.projects.map(() => "timeout"),
    );
    expect(body.sources[0].error.message).toContain("1500 ms");
    const all = await call(backupsGet, "/api/backups?pageSize=1");
    expect(all.status).toBe(200);
    const page = (await all.json()) as BackupPage;
    const rds = page.sources.filter((source) => source.service === "rds");
    expect(rds.every((source) => !source.ok && !source.complete && source.lastSyncedAt === null)).toBe(true);
    expect(page.total).toBe(simulator.truth().backups.filter((backup) => backup.service !== "rds").length);
  });

  it("are not called again by the requests that follow: every answer comes from the store", async () => {
    const calls = await settledCalls();
    for (const path of [
      "/api/backups?service=rds",
      "/api/backups?service=rds&status=failed&q=prod",
      "/api/backups?engine=mysql&page=2&sort=sizeBytes",
      "/api/backups/export?service=rds",
    ]) {
      const response = await call(path.includes("export") ? exportGet : backupsGet, path);
      expect(response.status, path).toBe(502);
    }
    expect(totalCalls()).toBe(calls);
  });
});

describe("an upstream that turns slower than the timeout", () => {
  it("is reported as a timeout of its sources, which still serve what they stored", async () => {
    simulator.setFaults("dcs", { latencyMs: 10_000 });
    try {
      await passSyncSpacing();
      const response = await call(backupsGet, "/api/backups?refresh=1&pageSize=1");
      expect(response.status).toBe(200);
      const page = (await response.json()) as BackupPage;
      const dcs = page.sources.filter((source) => source.service === "dcs");
      expect(dcs.length).toBe(simulator.projects.length);
      for (const source of dcs) {
        expect(source.ok).toBe(false);
        expect(source.error).toMatchObject({ code: "timeout", httpStatus: null });
        expect(source.error?.message).toContain("1500 ms");
        expect(source.lastSyncedAt).not.toBeNull();
      }
      expect(page.sources.filter((source) => source.service === "taurusdb").every((source) => source.ok)).toBe(true);
      expect(page.total).toBe(simulator.truth().backups.filter((backup) => backup.service !== "rds").length);
    } finally {
      simulator.setFaults("dcs", {});
    }
  });
});
