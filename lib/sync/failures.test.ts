import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBed, type SyncBed } from "./testing/bed";

const INTERVAL_MS = 60_000;
const HOUR_MS = 3_600_000;

describe("a source that fails", () => {
  let bed: SyncBed;

  beforeAll(async () => {
    bed = await startBed();
    bed.scheduler.start();
    await bed.settled();
  });

  afterAll(() => bed.close());

  it("keeps what it stored and shows the failure, while the other sources sync on", async () => {
    const before = await bed.store.sourceStates();
    bed.simulator.setFaults("rds", { down: "unavailable" });
    await bed.advance(INTERVAL_MS);
    const after = await bed.store.sourceStates();
    for (const state of after) {
      const earlier = before.find((s) => s.service === state.service && s.projectId === state.projectId);
      expect(state.backups, `${state.service} ${state.region}`).toBe(earlier?.backups);
      if (state.service === "rds") {
        expect(state).toMatchObject({
          lastError: { code: "APIGW.0201", httpStatus: 503 },
          consecutiveFailures: 1,
          lastSuccessAt: earlier?.lastSuccessAt,
          complete: true,
        });
      } else expect(state).toMatchObject({ lastError: null, consecutiveFailures: 0 });
    }
    const rds = after.find((state) => state.service === "rds" && state.backups > 0);
    expect(rds).toBeDefined();
    const instance = bed.simulator.truth().instances.find((i) => i.projectId === rds?.projectId && i.service === "rds");
    expect((await bed.store.instanceBackups(instance?.id ?? "")).length).toBe(instance?.backups);
  });

  it("is tried again at the next interval and clears its failure", async () => {
    bed.simulator.setFaults("rds", {});
    await bed.advance(INTERVAL_MS);
    for (const state of await bed.store.sourceStates())
      expect(state, `${state.service} ${state.region}`).toMatchObject({ lastError: null, consecutiveFailures: 0 });
  });
});

describe("keys the cloud refuses", () => {
  let bed: SyncBed;

  beforeAll(async () => {
    bed = await startBed({ sk: "not-the-secret-key-0123456789abcdef" });
    bed.scheduler.start();
    await bed.settled();
  });

  afterAll(() => bed.close());

  it("fail every source with the gateway's answer, after at most two calls", async () => {
    const states = await bed.store.sourceStates();
    expect(states.length).toBe(bed.simulator.projects.length * 3);
    for (const state of states)
      expect(state).toMatchObject({ lastError: { code: "APIGW.0301", httpStatus: 401 }, complete: false, backups: 0 });
    expect(bed.calls()).toBeLessThanOrEqual(2);
    expect(await bed.scheduler.status()).toMatchObject({
      state: "idle",
      lastSyncedAt: null,
      nextSyncAt: new Date(bed.clock.now() + HOUR_MS).toISOString(),
    });
  });

  it("are not tried again before the reconcile interval, on schedule or on request", async () => {
    bed.simulator.resetCalls();
    await bed.advance(INTERVAL_MS);
    await bed.scheduler.requestSync({ wait: true });
    await bed.advance(HOUR_MS - 2 * INTERVAL_MS);
    expect(bed.calls()).toBe(0);
    await bed.advance(INTERVAL_MS);
    expect(bed.calls()).toBeGreaterThan(0);
    expect(bed.calls()).toBeLessThanOrEqual(2);
    for (const state of await bed.store.sourceStates()) expect(state.consecutiveFailures).toBe(2);
  });
});

describe("requested syncs", () => {
  let bed: SyncBed;
  /** The calls of one windowed cycle of every source. */
  let cycleCalls: number;

  beforeAll(async () => {
    bed = await startBed();
    bed.scheduler.start();
    // A request while the first sync runs joins it.
    const joined = await bed.scheduler.requestSync({ wait: true });
    expect(joined.state).toBe("idle");
    await bed.settled();
  });

  afterAll(() => bed.close());

  it("joined the first sync: one listing of each source", async () => {
    const states = await bed.store.sourceStates();
    expect(bed.calls()).toBe(states.reduce((sum, state) => sum + (state.lastCalls ?? 0), 0));
    const runs = bed.logs.filter((line) => line.includes(": complete listing, "));
    expect(runs.length).toBe(states.length);
  });

  it("start a sync of every source at once; simultaneous ones are one sync", async () => {
    await bed.advance(INTERVAL_MS / 10);
    bed.simulator.resetCalls();
    const [first, second] = await Promise.all([
      bed.scheduler.requestSync({ wait: true }),
      bed.scheduler.requestSync({ wait: true }),
    ]);
    expect(first.state).toBe("idle");
    expect(second.state).toBe("idle");
    const states = await bed.store.sourceStates();
    for (const state of states) expect(state.lastAttemptAt).toBe(new Date(bed.clock.now()).toISOString());
    cycleCalls = bed.calls();
    expect(cycleCalls).toBe(states.reduce((sum, state) => sum + (state.lastCalls ?? 0), 0));
  });

  it("join the last one within a tenth of the interval, then call again", async () => {
    bed.simulator.resetCalls();
    for (let index = 0; index < 50; index++) await bed.scheduler.requestSync({ wait: true });
    await bed.advance(INTERVAL_MS / 10 - 1);
    await bed.scheduler.requestSync({ wait: true });
    expect(bed.calls()).toBe(0);
    await bed.advance(1);
    await bed.scheduler.requestSync({ wait: true });
    expect(bed.calls()).toBe(cycleCalls);
  });
});
