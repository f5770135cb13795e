import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVICES } from "@/lib/inventory/model";
import { getRuntime } from "@/lib/runtime";
import type { Simulator } from "@/lib/simulator";
import { startTestCloud } from "@/lib/testing/cloud";
import type { SyncStatus } from "@/lib/inventory/model";
import type { SyncOverview } from "@/lib/sync/types";
import { GET, POST } from "./route";

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startTestCloud({ instances: 12, days: 2 });
});

afterAll(async () => {
  const { store, sync } = await (await getRuntime()).inventory();
  await sync.stop();
  await store.close();
  await simulator.close();
});

const totalCalls = () => SERVICES.reduce((sum, service) => sum + simulator.calls()[service].total, 0);

function post(headers: Record<string, string> = {}, search = ""): Promise<Response> {
  return POST(new Request(`http://localhost/api/sync${search}`, { method: "POST", headers }));
}

async function overview(): Promise<SyncOverview> {
  const response = await GET(new Request("http://localhost/api/sync"));
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return (await response.json()) as SyncOverview;
}

describe("/api/sync", () => {
  it("GET tells every configured source, before any sync", async () => {
    const body = await overview();
    expect(body).toEqual({
      state: "never",
      lastSyncedAt: null,
      nextSyncAt: null,
      progress: null,
      role: "leader",
      sources: simulator.projects.flatMap((project) =>
        SERVICES.map((service) => ({
          service,
          region: project.region,
          projectId: project.projectId,
          lastSuccessAt: null,
          lastAttemptAt: null,
          lastError: null,
          lastDurationMs: null,
          lastCalls: null,
          lastReconcileAt: null,
          complete: false,
          backups: 0,
        })),
      ),
    });
  });

  it("refuses a POST from another site with 403, and starts nothing", async () => {
    const crossSite: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of crossSite) {
      const response = await post(headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.json()).toEqual({ error: { code: "forbidden", message: expect.any(String) } });
    }
    expect(totalCalls()).toBe(0);
    expect((await overview()).state).toBe("never");
  });

  it("POST starts a sync and answers 202 at once; GET shows each source once it is done", async () => {
    const response = await post({ origin: "http://localhost", "sec-fetch-site": "same-origin" });
    expect(response.status).toBe(202);
    const status = (await response.json()) as SyncStatus;
    expect(status.state).toBe("syncing");
    await expect.poll(async () => (await overview()).state, { timeout: 30_000 }).toBe("idle");
    const body = await overview();
    const truth = simulator.truth();
    expect(body.lastSyncedAt).not.toBeNull();
    for (const source of body.sources)
      expect(source, `${source.service} ${source.region}`).toMatchObject({
        lastSuccessAt: expect.any(String),
        lastAttemptAt: expect.any(String),
        lastError: null,
        lastCalls: expect.any(Number),
        lastReconcileAt: expect.any(String),
        complete: true,
        backups: truth.backups.filter((b) => b.service === source.service && b.projectId === source.projectId)
          .length,
      });
  });

  it("a POST right after a sync joins it instead of calling the cloud again", async () => {
    const before = totalCalls();
    const response = await post();
    expect(response.status).toBe(202);
    expect(((await response.json()) as SyncStatus).state).toBe("idle");
    expect(totalCalls()).toBe(before);
  });

  it("rejects parameters on both methods", async () => {
    expect((await GET(new Request("http://localhost/api/sync?refresh=1"))).status).toBe(400);
    const response = await post({}, "?wait=1");
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("invalid_query");
  });
});
