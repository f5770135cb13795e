import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredBackup } from "../store/types";
import type { TruthBackup } from "../simulator";
import { startBed, type SyncBed } from "./testing/bed";

/** Backups the cloud stops listing: gone at the next reconcile, current again when listed again, then forgotten. */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

async function presence(bed: SyncBed, backup: TruthBackup): Promise<StoredBackup | undefined> {
  const page = await bed.store.queryBackups({
    instance: [backup.instanceId],
    sort: "startedAt",
    order: "desc",
    page: 1,
    pageSize: 1000,
    presence: "all",
  });
  return page.items.find((item) => item.id === backup.id);
}

/** An old completed RDS backup, and a cloud that no longer lists it while `hidden` says so. */
function hideOne(bed: SyncBed): { backup: TruthBackup; hidden: { value: boolean } } {
  const backup = bed.simulator
    .truth()
    .backups.find((b) => b.service === "rds" && b.kind === "full" && b.status === "completed");
  if (!backup) throw new Error("no completed RDS full backup");
  const hidden = { value: false };
  bed.cloud.edit = (records) => (hidden.value ? records.filter((record) => record.id !== backup.id) : records);
  return { backup, hidden };
}

describe("gone and back again", () => {
  let bed: SyncBed;
  let target: ReturnType<typeof hideOne>;

  beforeAll(async () => {
    bed = await startBed();
    target = hideOne(bed);
    bed.scheduler.start();
    await bed.settled();
  });

  afterAll(() => bed.close());

  it("stays current through windowed cycles, which cannot tell", async () => {
    target.hidden.value = true;
    await bed.advance(60_000);
    expect(await presence(bed, target.backup)).toMatchObject({ goneAt: null });
  });

  it("is gone after the reconcile, with when", async () => {
    await bed.advance(HOUR_MS);
    const reconciledAt = new Date(bed.clock.now()).toISOString();
    expect(await presence(bed, target.backup)).toMatchObject({ goneAt: reconciledAt, status: "completed" });
    const truth = bed.simulator.truth().backups;
    const states = await bed.store.sourceStates();
    const source = states.find((s) => s.service === "rds" && s.projectId === target.backup.projectId);
    expect(source?.backups).toBe(
      truth.filter((b) => b.service === "rds" && b.projectId === target.backup.projectId).length - 1,
    );
    expect(bed.logs.some((line) => / 1 gone, 0 back/.test(line))).toBe(true);
  });

  it("is current again once listed again", async () => {
    target.hidden.value = false;
    await bed.advance(HOUR_MS);
    const back = await presence(bed, target.backup);
    expect(back).toMatchObject({ goneAt: null, lastSeenAt: new Date(bed.clock.now()).toISOString() });
    expect(bed.logs.some((line) => / 0 gone, 1 back/.test(line))).toBe(true);
  });
});

describe("HISTORY_DAYS", () => {
  let bed: SyncBed;
  let target: ReturnType<typeof hideOne>;

  beforeAll(async () => {
    bed = await startBed({ config: { historyDays: 1 } });
    target = hideOne(bed);
    bed.scheduler.start();
    await bed.settled();
    target.hidden.value = true;
    await bed.advance(HOUR_MS);
  });

  afterAll(() => bed.close());

  it("keeps a gone backup for the days it says", async () => {
    await bed.advance(DAY_MS - HOUR_MS);
    expect((await presence(bed, target.backup))?.goneAt).not.toBeNull();
  });

  it("forgets it after them", async () => {
    await bed.advance(2 * HOUR_MS);
    expect(await presence(bed, target.backup)).toBeUndefined();
    expect(bed.logs.some((line) => /forgot 1 backup\(s\) gone for more than 1 day\(s\)/.test(line))).toBe(true);
  });
});
