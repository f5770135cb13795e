import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SERVICES } from "@/lib/inventory/model";
import type { Simulator } from "@/lib/simulator";
import { call } from "@/lib/testing/cloud";
import { startTestInventory, stopTestInventory, syncAgain } from "@/lib/testing/inventory";
import { GET } from "./route";

// The sync's clock is the system's: moved past the spacing of requested syncs where a test needs another one.
vi.hoisted(() => vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true }));

let simulator: Simulator;

const ALL_DOWN = Object.fromEntries(SERVICES.map((service) => [service, { down: "unavailable" as const }]));

beforeAll(async () => {
  // A new store whose first sync fails everywhere: nothing to answer with yet.
  simulator = await startTestInventory({ instances: 12, days: 2, faults: ALL_DOWN });
});

afterAll(async () => {
  await stopTestInventory(simulator);
  vi.useRealTimers();
});

const totalCalls = () => SERVICES.reduce((sum, service) => sum + simulator.calls()[service].total, 0);

function setDown(services: readonly (typeof SERVICES)[number][]) {
  for (const service of SERVICES)
    simulator.setFaults(service, services.includes(service) ? { down: "unavailable" } : {});
}

describe("GET /api/health", () => {
  it("answers liveness exactly as docs/api.md says, without calling the cloud", async () => {
    const before = totalCalls();
    const response = await call(GET, "/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", mode: "cloud" });
    expect(totalCalls()).toBe(before);
  });

  it("answers 503 with ready=1 while no source of a new store has finished a sync, still alive", async () => {
    const before = totalCalls();
    const response = await call(GET, "/api/health?ready=1");
    expect(response.status).toBe(503);
    const sources = simulator.projects.length * SERVICES.length;
    expect(await response.json()).toEqual({
      status: "ok",
      mode: "cloud",
      ready: { ok: false, sources, failing: sources },
    });
    expect((await call(GET, "/api/health")).status).toBe(200);
    expect(totalCalls()).toBe(before);
  });

  it("is ready once a source has synced, and stays ready with what it stored while sources fail", async () => {
    const sources = simulator.projects.length * SERVICES.length;
    setDown([]);
    await syncAgain();
    const ready = await call(GET, "/api/health?ready=1");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ok", mode: "cloud", ready: { ok: true, sources, failing: 0 } });
    setDown(SERVICES);
    try {
      await syncAgain();
      const failing = await call(GET, "/api/health?ready=1");
      expect(failing.status).toBe(200);
      expect((await failing.json()).ready).toEqual({ ok: true, sources, failing: sources });
    } finally {
      setDown([]);
    }
  });

  it("rejects unknown and invalid parameters", async () => {
    for (const search of ["ready=2", "ready=yes", "x=1", "ready=1&ready=1"]) {
      const response = await call(GET, `/api/health?${search}`);
      expect(response.status, search).toBe(400);
      expect((await response.json()).error.code).toBe("invalid_query");
    }
  });
});
