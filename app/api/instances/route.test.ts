import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InstanceList } from "@/lib/inventory/model";
import type { Simulator } from "@/lib/simulator";
import { call, startTestCloud } from "@/lib/testing/cloud";
import { GET } from "./route";

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startTestCloud({ seed: "instance-tests" });
});

afterAll(() => simulator.close());

describe("GET /api/instances", () => {
  it("lists every instance of every service and project with the documented fields", async () => {
    const response = await call(GET, "/api/instances");
    expect(response.status).toBe(200);
    const list = (await response.json()) as InstanceList;
    const truth = simulator.truth().instances;
    expect(list.items.map((instance) => instance.id).sort()).toEqual(truth.map((instance) => instance.id).sort());
    const expected = truth[0];
    expect(list.items.find((instance) => instance.id === expected.id)).toEqual({
      service: expected.service,
      region: expected.region,
      projectId: expected.projectId,
      id: expected.id,
      name: expected.name,
      engine: expected.engine,
      engineVersion: expected.engineVersion,
      status: expected.status,
    });
    expect(list.sources.every((source) => source.ok)).toBe(true);
  });

  it("calls only the instance lists, once per cache period", async () => {
    simulator.resetCalls();
    await call(GET, "/api/instances?refresh=1");
    await call(GET, "/api/instances");
    const calls = simulator.calls();
    expect(calls.rds.operations.ListBackups).toBe(0);
    expect(calls.dcs.operations.ListBackupRecords).toBe(0);
    expect(calls.taurusdb.operations.ShowGaussMySqlBackupList).toBe(0);
    expect(calls.rds.operations.ListInstances).toBeGreaterThan(0);
    const afterFirst = calls.rds.operations.ListInstances;
    await call(GET, "/api/instances");
    expect(simulator.calls().rds.operations.ListInstances).toBe(afterFirst);
  });

  it("rejects unknown or invalid parameters", async () => {
    expect((await call(GET, "/api/instances?refresh=2")).status).toBe(400);
    expect((await call(GET, "/api/instances?service=rds")).status).toBe(400);
  });
});
