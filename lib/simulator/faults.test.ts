import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FaultState } from "./faults";
import { type Simulator, startSimulator, type TruthBackup } from "./index";
import { Rng } from "./random";
import { signedGet } from "./request";

const NOW = new Date("2026-01-05T08:00:00Z");

describe("FaultState", () => {
  it("delays by the fixed latency plus a random extra below the jitter", () => {
    const state = new FaultState({ latencyMs: 50, jitterMs: 20 }, new Rng(1));
    const delays = Array.from({ length: 200 }, () => state.delayMs());
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(50);
      expect(delay).toBeLessThan(70);
    }
    expect(new Set(delays).size).toBeGreaterThan(100);
  });

  it("injects 500, 502 and 503 at about the error rate", () => {
    const state = new FaultState({ errorRate: 0.25 }, new Rng(7));
    const injected = Array.from({ length: 4000 }, () => state.injectedError());
    const errors = injected.filter((status) => status !== undefined);
    expect(errors.length / injected.length).toBeGreaterThan(0.2);
    expect(errors.length / injected.length).toBeLessThan(0.3);
    expect(new Set(errors)).toEqual(new Set([500, 502, 503]));
  });

  it("throttles above N calls in any sliding second", () => {
    const state = new FaultState({ throttleRps: 3 }, new Rng(1));
    expect([0, 100, 200, 300].map((t) => state.throttled(t))).toEqual([false, false, false, true]);
    expect(state.throttled(999)).toBe(true);
    // The call at 0 leaves the window at 1000: one slot frees up.
    expect(state.throttled(1000)).toBe(false);
    expect(state.throttled(1001)).toBe(true);
    expect(state.throttled(1300)).toBe(false);
  });

  it("rejects invalid faults", () => {
    expect(() => new FaultState({ errorRate: 1.5 }, new Rng(1))).toThrow();
    expect(() => new FaultState({ latencyMs: -1 }, new Rng(1))).toThrow();
  });
});

describe("faults over HTTP", () => {
  let sim: Simulator;
  let projectId: string;
  let rdsBackup: TruthBackup;
  let taurusBackup: TruthBackup;
  let dcsBackup: TruthBackup;

  beforeAll(async () => {
    sim = await startSimulator({ now: NOW, scale: "small" });
    projectId = sim.projects[0].projectId;
    const { backups } = sim.truth();
    const find = (filter: (b: TruthBackup) => boolean) => backups.find((b) => b.projectId === projectId && filter(b));
    rdsBackup = find((b) => b.service === "rds") as TruthBackup;
    taurusBackup = find(
      (b) => b.service === "taurusdb" && b.kind === "full" && b.rawStatus !== "DELETING",
    ) as TruthBackup;
    dcsBackup = find((b) => b.service === "dcs") as TruthBackup;
  });
  afterEach(() => {
    for (const service of ["taurusdb", "rds", "dcs"] as const) sim.setFaults(service, {});
    sim.resetCalls();
  });
  afterAll(() => sim.close());

  const instances = (service: "taurusdb" | "rds" | "dcs") =>
    signedGet(
      sim,
      service,
      projectId,
      `/${service === "dcs" ? "v2" : "v3"}/${projectId}/instances`,
    );

  it("applies the latency given at start and at runtime", async () => {
    const slow = await startSimulator({ now: NOW, instances: 10, faults: { dcs: { latencyMs: 60 } } });
    try {
      const p = slow.projects[0].projectId;
      let started = performance.now();
      expect((await signedGet(slow, "dcs", p, `/v2/${p}/instances`)).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(55);
      slow.setFaults("rds", { latencyMs: 80, jitterMs: 10 });
      started = performance.now();
      expect((await signedGet(slow, "rds", p, `/v3/${p}/instances`)).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    } finally {
      await slow.close();
    }
  });

  it("answers about the error rate with 500/502/503 and an error body", async () => {
    sim.setFaults("rds", { errorRate: 0.5 });
    const responses = [];
    for (let i = 0; i < 120; i++) responses.push(await instances("rds"));
    const failed = responses.filter((r) => r.status !== 200);
    expect(failed.length).toBeGreaterThan(30);
    expect(failed.length).toBeLessThan(90);
    for (const response of failed) {
      expect([500, 502, 503]).toContain(response.status);
      expect(response.json).toMatchObject({ error_code: expect.any(String), error_msg: expect.any(String) });
      expect(response.headers["x-request-id"]).toBeTruthy();
    }
    expect(failed.some((r) => (r.json as { error_code: string }).error_code === "DBS.108000")).toBe(true);
    expect(sim.calls().rds.total).toBe(120);
  });

  it("throttles with 429 APIGW.0308 above the rate", async () => {
    sim.setFaults("taurusdb", { throttleRps: 5 });
    const statuses = await Promise.all(Array.from({ length: 12 }, () => instances("taurusdb")));
    const throttled = statuses.filter((r) => r.status === 429);
    expect(statuses.filter((r) => r.status === 200)).toHaveLength(5);
    expect(throttled).toHaveLength(7);
    expect(throttled[0].json).toMatchObject({ error_code: "APIGW.0308" });
    expect(sim.calls().taurusdb.total).toBe(12);
  });

  it("takes a service down with 503 or connection resets", async () => {
    sim.setFaults("dcs", { down: "unavailable" });
    const down = await instances("dcs");
    expect(down.status).toBe(503);
    expect(down.json).toMatchObject({ error_code: "APIGW.0201" });
    expect((await instances("rds")).status).toBe(200);
    sim.setFaults("dcs", { down: "reset" });
    await expect(instances("dcs")).rejects.toMatchObject({ code: "ECONNRESET" });
    sim.setFaults("dcs", {});
    expect((await instances("dcs")).status).toBe(200);
    expect(sim.calls().dcs.operations.ListInstances).toBe(3);
  });

  it("serves the listed backup IDs malformed and the others intact", async () => {
    for (const service of ["taurusdb", "rds", "dcs"] as const)
      sim.setFaults(service, { malformedBackupIds: [rdsBackup.id, taurusBackup.id, dcsBackup.id] });
    const rds = await signedGet(sim, "rds", projectId, `/v3/${projectId}/backups`, [
      ["instance_id", rdsBackup.instanceId],
      ["limit", "100"],
    ]);
    const rdsRecords = (rds.json as { backups: Record<string, unknown>[] }).backups;
    const bad = rdsRecords.find((r) => r.id === rdsBackup.id);
    expect(bad?.size).toBe("abc");
    expect(bad && "status" in bad).toBe(false);
    expect(rdsRecords.filter((r) => r.id !== rdsBackup.id).every((r) => typeof r.size === "number" && r.status)).toBe(
      true,
    );
    const taurus = await signedGet(sim, "taurusdb", projectId, `/v3/${projectId}/backups`, [
      ["backup_id", taurusBackup.id],
    ]);
    expect((taurus.json as { backups: Record<string, unknown>[] }).backups[0]).toMatchObject({ size: "abc" });
    const perInstance = await signedGet(
      sim,
      "taurusdb",
      projectId,
      `/v3/${projectId}/instances/${taurusBackup.instanceId}/backups`,
    );
    const malformedThere = (perInstance.json as { backups: Record<string, unknown>[] }).backups.find(
      (r) => r.id === taurusBackup.id,
    );
    expect(malformedThere).toMatchObject({ size: "abc" });
    expect(malformedThere && "status" in malformedThere).toBe(false);
    const dcs = await signedGet(sim, "dcs", projectId, `/v2/${projectId}/instances/${dcsBackup.instanceId}/backups`, [
      ["limit", "1000"],
    ]);
    const dcsBad = (dcs.json as { backup_record_response: Record<string, unknown>[] }).backup_record_response.find(
      (r) => r.backup_id === dcsBackup.id,
    );
    expect(dcsBad).toMatchObject({ size: "abc" });
  });

  it("counts calls per service and operation, unknown APIs and rejected calls included", async () => {
    await instances("rds");
    await signedGet(sim, "rds", projectId, `/v3/${projectId}/backups`, [["instance_id", rdsBackup.instanceId]]);
    await signedGet(sim, "rds", projectId, `/v3/${projectId}/nothing-here`);
    await signedGet(sim, "rds", projectId, `/v3/${projectId}/instances`, [], new Date(NOW.getTime() - 3_600_000));
    const calls = sim.calls();
    expect(calls.rds).toEqual({
      total: 4,
      operations: { ListInstances: 2, ListBackups: 1, ListOffSiteInstances: 0, ListOffSiteBackups: 0, unknown: 1 },
    });
    expect(calls.taurusdb.total).toBe(0);
    sim.resetCalls();
    expect(sim.calls().rds.total).toBe(0);
  });
});
