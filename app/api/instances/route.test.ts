import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { InstanceList } from "@/lib/inventory/model";
import type { Simulator } from "@/lib/simulator";
import { call } from "@/lib/testing/cloud";
import { passSyncSpacing, startTestInventory, stopTestInventory } from "@/lib/testing/inventory";
import { GET } from "./route";

// The sync's clock is the system's: moved past the spacing of requested syncs where a test needs another one.
vi.hoisted(() => vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true }));

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startTestInventory({ seed: "instance-tests" });
});

afterAll(async () => {
  await stopTestInventory(simulator);
  vi.useRealTimers();
});

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
    expect(list.sources.every((source) => source.ok && source.complete)).toBe(true);
    expect(list.fetchedAt).not.toBeNull();
    expect(list.sync.state).toBe("idle");
  });

  it("answers from the store without a cloud call; refresh=1 syncs first", async () => {
    simulator.resetCalls();
    await call(GET, "/api/instances");
    await call(GET, "/api/instances");
    expect(simulator.calls().rds.total).toBe(0);
    const before = ((await (await call(GET, "/api/instances")).json()) as InstanceList).fetchedAt ?? "";
    await passSyncSpacing();
    const refreshed = (await (await call(GET, "/api/instances?refresh=1")).json()) as InstanceList;
    expect(simulator.calls().rds.operations.ListInstances).toBeGreaterThan(0);
    expect(refreshed.fetchedAt! > before).toBe(true);
    expect(refreshed.items).toHaveLength(simulator.truth().instances.length);
  });

  it("rejects unknown or invalid parameters", async () => {
    expect((await call(GET, "/api/instances?refresh=2")).status).toBe(400);
    expect((await call(GET, "/api/instances?service=rds")).status).toBe(400);
  });
});
