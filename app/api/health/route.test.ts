import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SERVICES } from "@/lib/inventory/model";
import type { Simulator } from "@/lib/simulator";
import { call, startTestCloud } from "@/lib/testing/cloud";
import { GET } from "./route";

// A clock the test moves past the shortest sync interval (10 s) before each probe, so that every readiness probe
// asks the cloud afresh and a change of the faults shows at once. Faked before the route's modules load, since
// their caches read the clock they find then.
vi.hoisted(() => vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true }));

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startTestCloud({ instances: 12, days: 2 });
  process.env.SYNC_INTERVAL_SECONDS = "10";
});

afterAll(async () => {
  vi.useRealTimers();
  await simulator.close();
});

const totalCalls = () => SERVICES.reduce((sum, service) => sum + simulator.calls()[service].total, 0);

function setDown(services: readonly (typeof SERVICES)[number][]) {
  vi.setSystemTime(Date.now() + 11_000);
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

  it("adds readiness with ready=1: ready while at least one source answers", async () => {
    const sources = simulator.projects.length * SERVICES.length;
    setDown([]);
    const ready = await call(GET, "/api/health?ready=1");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ok", mode: "cloud", ready: { ok: true, sources, failing: 0 } });
    setDown(["rds"]);
    const partial = await call(GET, "/api/health?ready=1");
    expect(partial.status).toBe(200);
    expect((await partial.json()).ready).toEqual({ ok: true, sources, failing: simulator.projects.length });
  });

  it("answers 503 when no source answered, still alive", async () => {
    setDown(SERVICES);
    try {
      const response = await call(GET, "/api/health?ready=1");
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body).toMatchObject({ status: "ok", mode: "cloud", ready: { ok: false, failing: body.ready.sources } });
      expect((await call(GET, "/api/health")).status).toBe(200);
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
