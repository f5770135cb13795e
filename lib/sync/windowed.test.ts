import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listsToRead } from "../../bench/bounds";
import type { TruthBackup } from "../simulator";
import { WINDOW_MARGIN_MS } from "./cycle";
import { startBed, type SyncBed } from "./testing/bed";

/** The cycles after the first sync: the instance lists and each backup list from its window, one page each. */

const INTERVAL_MS = 60_000;

let bed: SyncBed;
let running: TruthBackup;

/**
 * The fewest calls of a cycle in which nothing new fits on more than one page: one per list the adapters read
 * (the benchmark's count of them, bench/bounds.ts), whatever each holds.
 */
function callsPerList(): number {
  return listsToRead(bed.simulator.truth(), bed.simulator.projects).length;
}

beforeAll(async () => {
  bed = await startBed();
  const { backups } = bed.simulator.truth();
  const newest = Math.max(...backups.filter((b) => b.service === "rds").map((b) => Date.parse(b.startedAt)));
  // A full backup that started a day before the newest: far outside the window of the cycles after the first.
  const candidate = backups.find(
    (b) =>
      b.service === "rds" &&
      b.kind === "full" &&
      b.status === "completed" &&
      Date.parse(b.startedAt) < newest - 86_400_000 - WINDOW_MARGIN_MS,
  );
  if (!candidate) throw new Error("the dataset has no old completed RDS full backup");
  running = candidate;
  // At the first sync it is still running: BUILDING, without an end time.
  bed.cloud.edit = (records) =>
    records.map((record) => {
      if (record.id !== running.id) return record;
      const { end_time: _end, ...rest } = record;
      return { ...rest, status: "BUILDING" };
    });
  bed.scheduler.start();
  await bed.settled();
});

afterAll(() => bed.close());

describe("windowed cycles", () => {
  it("stored the running backup as running", async () => {
    const stored = (await bed.store.instanceBackups(running.instanceId)).find((b) => b.id === running.id);
    expect(stored).toMatchObject({ status: "in_progress", endedAt: null });
  });

  it("reach back to a backup that started before the window and see it end", async () => {
    bed.cloud.edit = null;
    const before = await bed.store.sourceStates();
    bed.simulator.resetCalls();
    await bed.advance(INTERVAL_MS);
    const stored = (await bed.store.instanceBackups(running.instanceId)).find((b) => b.id === running.id);
    expect(stored).toMatchObject({ status: "completed", endedAt: running.endedAt, rawStatus: "COMPLETED" });
    // It was a windowed cycle: no source was listed completely.
    const after = await bed.store.sourceStates();
    for (const state of after) {
      const earlier = before.find((s) => s.service === state.service && s.projectId === state.projectId);
      expect(state.lastReconcileAt).toBe(earlier?.lastReconcileAt);
      expect(state.cursor.lastCompleteMs).toBe(earlier?.cursor.lastCompleteMs);
      expect(state.lastAttemptAt).not.toBe(earlier?.lastAttemptAt);
    }
  });

  it("ask each list once when nothing new came", async () => {
    bed.simulator.resetCalls();
    await bed.advance(INTERVAL_MS);
    expect(bed.calls()).toBe(callsPerList());
    const states = await bed.store.sourceStates();
    expect(states.reduce((sum, state) => sum + (state.lastCalls ?? 0), 0)).toBe(callsPerList());
    const truth = bed.simulator.truth();
    for (const state of states)
      expect(state.backups).toBe(
        truth.backups.filter((b) => b.service === state.service && b.projectId === state.projectId).length,
      );
  });
});

/** The moving cloud's retention: a backup older than that leaves its lists. */
const MOVING_DAYS = 3;
const keyOf = (backup: { service: string; id: string }) => `${backup.service} ${backup.id}`;

describe("windowed cycles on a cloud that moves", () => {
  let moving: SyncBed;

  beforeAll(async () => {
    moving = await startBed({ simulator: { still: false, days: MOVING_DAYS } });
    moving.scheduler.start();
    await moving.settled();
  });

  afterAll(() => moving.close());

  it("take each new log backup with one page per list, and keep exactly what the cloud lists", async () => {
    // Two 5-minute log intervals, one sync interval apart each: one new log backup per instance that makes them.
    for (let cycle = 0; cycle < 10; cycle++) {
      moving.simulator.resetCalls();
      await moving.advance(INTERVAL_MS);
      expect(moving.calls(), `cycle ${cycle}`).toBe(listsToRead(moving.simulator.truth(), moving.simulator.projects).length);
    }
    // Every backup the cloud lists is stored; what is stored beyond that has just passed the retention and left
    // the lists: only the next complete listing can say it is gone.
    const truth = moving.simulator.truth(new Date(moving.clock.now()));
    const retentionEdge = moving.clock.now() - MOVING_DAYS * 86_400_000;
    for (const listedInstance of truth.instances) {
      const stored = await moving.store.instanceBackups(listedInstance.id);
      const listed = new Set(truth.backups.filter((b) => b.instanceId === listedInstance.id).map(keyOf));
      const storedKeys = new Set(stored.map(keyOf));
      for (const key of listed) expect(storedKeys.has(key), key).toBe(true);
      for (const backup of stored.filter((b) => !listed.has(keyOf(b))))
        expect(Date.parse(backup.startedAt), backup.id).toBeLessThan(retentionEdge + 11 * INTERVAL_MS);
    }
    const instance = truth.instances.find((i) => i.service === "taurusdb" && i.backups > 0);
    const stored = await moving.store.instanceBackups(instance?.id ?? "");
    const newest = Math.max(...stored.filter((b) => b.kind === "incremental").map((b) => Date.parse(b.startedAt)));
    // The newest stored log backup is at most one 5-minute interval (plus its listing delay) behind the clock.
    expect(moving.clock.now() - newest).toBeLessThanOrEqual(10 * 60_000);
  });
});
