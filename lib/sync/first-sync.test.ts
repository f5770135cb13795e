import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVICES } from "../inventory/model";
import { startBed, type SyncBed } from "./testing/bed";
import type { SyncStatus } from "../inventory/model";

let bed: SyncBed;

beforeAll(async () => {
  // Every simulated call takes 20 ms, so the first sync is under way long enough to be watched.
  bed = await startBed({
    simulator: { faults: Object.fromEntries(SERVICES.map((service) => [service, { latencyMs: 20 }])) },
  });
});

afterAll(() => bed.close());

describe("the first sync", () => {
  it("is never before the scheduler starts", async () => {
    expect(await bed.scheduler.status()).toEqual({
      state: "never",
      lastSyncedAt: null,
      nextSyncAt: null,
      progress: null,
    });
  });

  it("lists everything, with progress, into the store", async () => {
    const started = bed.clock.now();
    bed.scheduler.start();
    const seen: SyncStatus[] = [];
    for (let status = await bed.scheduler.status(); ; status = await bed.scheduler.status()) {
      seen.push(status);
      if (status.state !== "syncing" && seen.length > 1) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await bed.settled();
    const during = seen.filter((status) => status.state === "syncing");
    expect(during.length).toBeGreaterThan(1);
    for (const status of during) {
      expect(status.progress).not.toBeNull();
      expect(status.progress?.callsDone).toBeLessThanOrEqual(status.progress?.callsPlanned ?? 0);
    }
    // Calls planned grow as lists tell their lengths; calls done never go back.
    const done = during.map((status) => status.progress?.callsDone ?? 0);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBeGreaterThan(done[0]);

    const after = await bed.scheduler.status();
    expect(after).toEqual({
      state: "idle",
      lastSyncedAt: expect.any(String),
      nextSyncAt: new Date(started + 60_000).toISOString(),
      progress: null,
    });

    const truth = bed.simulator.truth();
    const states = await bed.store.sourceStates();
    expect(states.length).toBe(bed.simulator.projects.length * SERVICES.length);
    for (const state of states) {
      const backups = truth.backups.filter((b) => b.service === state.service && b.projectId === state.projectId);
      const instances = truth.instances.filter((i) => i.service === state.service && i.projectId === state.projectId);
      expect(state, `${state.service} ${state.region}`).toMatchObject({
        complete: true,
        lastError: null,
        backups: backups.length,
        instances: instances.length,
        cursor: {
          lastCompleteMs: started,
          newestStartMs: backups.length > 0 ? Math.max(...backups.map((b) => Date.parse(b.startedAt))) : null,
        },
      });
    }
    // Every backup once, as the cloud lists it.
    const stored = (await Promise.all(truth.instances.map((i) => bed.store.instanceBackups(i.id)))).flat();
    expect(stored.map((backup) => backup.id).sort()).toEqual(truth.backups.map((backup) => backup.id).sort());
    for (const backup of stored) expect(backup).toMatchObject({ goneAt: null, firstSeenAt: new Date(started).toISOString() });
  });
});
