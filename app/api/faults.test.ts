import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackupPage, SERVICES } from "@/lib/inventory/model";
import type { Simulator } from "@/lib/simulator";
import { call, startTestCloud } from "@/lib/testing/cloud";
import { GET as exportGet } from "./backups/export/route";
import { GET as backupsGet } from "./backups/route";

/**
 * Faults that app/api/backups/route.test.ts does not cover: a failed fetch answered from the cache for the rest
 * of its period instead of calling the cloud again, and an upstream slower than the client's timeout.
 */

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startTestCloud({ instances: 12, days: 2 });
  // A short per-attempt timeout, so that the slow upstream below costs well under a second.
  process.env.CLOUD_TIMEOUT_MS = "300";
});

afterAll(() => simulator.close());

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

describe("a failed fetch", () => {
  it("is answered from the cache within its period: repeated requests make no further cloud call", async () => {
    for (const service of SERVICES) simulator.setFaults(service, { down: "unavailable" });
    try {
      const first = await call(backupsGet, "/api/backups?refresh=1");
      expect(first.status).toBe(502);
      const calls = await settledCalls();
      // Queries of the same fetch plan (filters applied in memory, paging, the export).
      for (const path of [
        "/api/backups",
        "/api/backups?status=failed&q=prod",
        "/api/backups?page=2&sort=sizeBytes",
        "/api/backups/export",
      ]) {
        const response = await call(path.includes("export") ? exportGet : backupsGet, path);
        expect(response.status, path).toBe(502);
      }
      expect(totalCalls()).toBe(calls);
    } finally {
      for (const service of SERVICES) simulator.setFaults(service, {});
    }
  });
});

describe("an upstream slower than the timeout", () => {
  it("is reported as a timeout of its sources, while the others answer", async () => {
    simulator.setFaults("dcs", { latencyMs: 5_000 });
    try {
      const response = await call(backupsGet, "/api/backups?refresh=1&pageSize=1");
      expect(response.status).toBe(200);
      const page = (await response.json()) as BackupPage;
      const dcs = page.sources.filter((source) => source.service === "dcs");
      expect(dcs.length).toBe(simulator.projects.length);
      for (const source of dcs) {
        expect(source.ok).toBe(false);
        expect(source.error).toMatchObject({ code: "timeout", httpStatus: null });
        expect(source.error?.message).toContain("300 ms");
      }
      expect(page.sources.filter((source) => source.service !== "dcs").every((source) => source.ok)).toBe(true);
      expect(page.total).toBe(simulator.truth().backups.filter((backup) => backup.service !== "dcs").length);
    } finally {
      simulator.setFaults("dcs", {});
    }
  });

  it("makes the whole answer 502 with the timeouts named when it is the only source asked", async () => {
    simulator.setFaults("rds", { latencyMs: 5_000 });
    try {
      const response = await call(backupsGet, "/api/backups?service=rds&refresh=1");
      expect(response.status).toBe(502);
      const body = await response.json();
      expect(body.error.code).toBe("upstream_unavailable");
      expect(body.sources.map((source: BackupPage["sources"][number]) => source.error?.code)).toEqual(
        simulator.projects.map(() => "timeout"),
      );
    } finally {
      simulator.setFaults("rds", {});
    }
  });
});
