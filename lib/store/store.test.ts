import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  listing,
  RDS_SOURCE,
  sourceBackup,
  sourceInstance,
  STORE_ENGINES,
  type StoreEngine,
  TAURUS_SOURCE,
} from "../testing/store";

/** The shared suite every BackupStore implementation passes (lib/store/README.md). */

type Created = Awaited<ReturnType<StoreEngine["create"]>>;

describe.each(STORE_ENGINES)("$name store: the write path", (engine) => {
  let created: Created;
  let store: Created["store"];
  beforeEach(async () => {
    created = await engine.create();
    store = created.store;
  });
  afterEach(async () => {
    await store.close();
    await created.cleanUp();
  });

  const b1 = sourceBackup(RDS_SOURCE, { id: "b1", startedAt: "2026-11-01T00:00:00.000Z", instanceId: "i-1" });
  const b2 = sourceBackup(RDS_SOURCE, { id: "b2", startedAt: "2026-11-02T00:00:00.000Z", instanceId: "i-1" });
  const b3 = sourceBackup(RDS_SOURCE, { id: "b3", startedAt: "2026-11-03T00:00:00.000Z", instanceId: "i-2" });

  it("inserts a first listing and records the source's state", async () => {
    const applied = await store.applyListing(
      listing(RDS_SOURCE, "2026-11-04T00:00:00.000Z", [b1, b2, b3], {
        instances: [sourceInstance(RDS_SOURCE, "i-1"), sourceInstance(RDS_SOURCE, "i-2")],
        skipped: 1,
        skippedReason: "backup x: no start time",
      }),
    );
    expect(applied).toEqual({ inserted: 3, updated: 0, gone: 0, returned: 0 });
    const [state] = await store.sourceStates();
    expect(state).toEqual({
      ...RDS_SOURCE,
      cursor: { newestStartMs: Date.parse(b3.startedAt), lastCompleteMs: Date.parse("2026-11-04T00:00:00.000Z") },
      lastSuccessAt: "2026-11-04T00:00:01.500Z",
      lastAttemptAt: "2026-11-04T00:00:00.000Z",
      lastError: null,
      consecutiveFailures: 0,
      lastDurationMs: 1500,
      lastCalls: 3,
      lastReconcileAt: "2026-11-04T00:00:01.500Z",
      complete: true,
      backups: 3,
      instances: 2,
      skipped: 1,
      skippedReason: "backup x: no start time",
    });
    expect(await store.instances()).toEqual([sourceInstance(RDS_SOURCE, "i-1"), sourceInstance(RDS_SOURCE, "i-2")]);
  });

  it("keeps every field of a backup, and its history", async () => {
    const odd = sourceBackup(RDS_SOURCE, {
      id: "odd",
      startedAt: "2026-11-01T00:00:00.123Z",
      endedAt: null,
      durationSeconds: null,
      sizeBytes: null,
      trigger: null,
      name: null,
      instanceName: null,
      engineVersion: null,
      description: "x\u0000y, \"quoted\" Ünïcode 😀",
      status: "in_progress",
      rawStatus: "BUILDING",
      details: { offsite: true, nested: { list: [1, "two", null] } },
    });
    await store.applyListing(listing(RDS_SOURCE, "2026-11-04T00:00:00.000Z", [odd], { complete: false }));
    expect(await store.instanceBackups("i-1")).toEqual([
      {
        ...odd,
        firstSeenAt: "2026-11-04T00:00:00.000Z",
        lastSeenAt: "2026-11-04T00:00:00.000Z",
        goneAt: null,
      },
    ]);
  });

  it("updates a backup listed again: its fields replaced, first seen kept, last seen moved", async () => {
    const running = { ...b1, status: "in_progress" as const, endedAt: null, durationSeconds: null };
    await store.applyListing(listing(RDS_SOURCE, "2026-11-04T00:00:00.000Z", [running], { complete: false }));
    const applied = await store.applyListing(
      listing(RDS_SOURCE, "2026-11-05T00:00:00.000Z", [b1, b2], { complete: false }),
    );
    expect(applied).toEqual({ inserted: 1, updated: 1, gone: 0, returned: 0 });
    const [stored] = await store.instanceBackups("i-1");
    expect(stored).toEqual({
      ...b1,
      firstSeenAt: "2026-11-04T00:00:00.000Z",
      lastSeenAt: "2026-11-05T00:00:00.000Z",
      goneAt: null,
    });
  });

  it("keeps one row per ID when a listing names a backup twice (the last wins)", async () => {
    const renamed = { ...b1, name: "renamed" };
    const applied = await store.applyListing(listing(RDS_SOURCE, "2026-11-04T00:00:00.000Z", [b1, renamed]));
    expect(applied.inserted).toBe(1);
    expect((await store.instanceBackups("i-1")).map((backup) => backup.name)).toEqual(["renamed"]);
  });

  it("marks what a complete listing no longer names as gone, and brings it back when listed again", async () => {
    await store.applyListing(listing(RDS_SOURCE, "2026-11-04T00:00:00.000Z", [b1, b2, b3]));
    // An incremental listing (not complete) says nothing about what it does not name.
    expect(await store.applyListing(listing(RDS_SOURCE, "2026-11-04T01:00:00.000Z", [b3], { complete: false })))
      .toEqual({ inserted: 0, updated: 1, gone: 0, returned: 0 });
    expect(await store.instanceBackups("i-1")).toHaveLength(2);

    expect(await store.applyListing(listing(RDS_SOURCE, "2026-11-05T00:00:00.000Z", [b3]))).toEqual({
      inserted: 0,
      updated: 1,
      gone: 2,
      returned: 0,
    });
    expect(await store.instanceBackups("i-1")).toEqual([]);
    expect((await store.sourceStates())[0].backups).toBe(1);

    expect(await store.applyListing(listing(RDS_SOURCE, "2026-11-06T00:00:00.000Z", [b1, b3]))).toEqual({
      inserted: 0,
      updated: 2,
      gone: 0,
      returned: 1,
    });
    const [back] = await store.instanceBackups("i-1");
    expect(back).toMatchObject({ id: "b1", firstSeenAt: "2026-11-04T00:00:00.000Z", goneAt: null });
  });

  it("does not judge gone what started at or after listedBefore", async () => {
    await store.applyListing(listing(RDS_SOURCE, "2026-11-04T00:00:00.000Z", [b1, b2, b3]));
    const applied = await store.applyListing(
      listing(RDS_SOURCE, "2026-11-05T00:00:00.000Z", [], { listedBefore: new Date(b2.startedAt) }),
    );
    expect(applied.gone).toBe(1);
    expect((await store.instanceBackups("i-1")).map((backup) => backup.id)).toEqual(["b2"]);
  });

  it("touches only the listing's own source", async () => {
    const taurus = sourceBackup(TAURUS_SOURCE, { id: "b1", startedAt: "2026-11-01T00:00:00.000Z", instanceId: "t-1" });
    await store.applyListing(listing(TAURUS_SOURCE, "2026-11-04T00:00:00.000Z", [taurus]));
    await store.applyListing(listing(RDS_SOURCE, "2026-11-04T00:00:00.000Z", [b1]));
    // Same ID, another service: two backups. A complete RDS listing leaves TaurusDB's alone.
    await store.applyListing(listing(RDS_SOURCE, "2026-11-05T00:00:00.000Z", []));
    expect(await store.instanceBackups("t-1")).toHaveLength(1);
    expect(await store.instanceBackups("i-1")).toHaveLength(0);
    await expect(
      store.applyListing(listing(RDS_SOURCE, "2026-11-05T00:00:00.000Z", [taurus])),
    ).rejects.toThrow(/in a listing of rds/);
  });

  it("replaces the source's instances when given, keeps them when not", async () => {
    await store.applyListing(
      listing(RDS_SOURCE, "2026-11-04T00:00:00.000Z", [], {
        instances: [sourceInstance(RDS_SOURCE, "i-1"), sourceInstance(RDS_SOURCE, "i-2")],
      }),
    );
    await store.applyListing(listing(RDS_SOURCE, "2026-11-04T01:00:00.000Z", [], { instances: null }));
    expect(await store.instances()).toHaveLength(2);
    await store.applyListing(
      listing(RDS_SOURCE, "2026-11-04T02:00:00.000Z", [], {
        instances: [sourceInstance(RDS_SOURCE, "i-2", { status: "FROZEN" })],
      }),
    );
    expect(await store.instances()).toEqual([sourceInstance(RDS_SOURCE, "i-2", { status: "FROZEN" })]);
  });

  it("rolls a failed listing back whole: the last good state stays", async () => {
    await store.applyListing(
      listing(RDS_SOURCE, "2026-11-04T00:00:00.000Z", [b1, b2], { instances: [sourceInstance(RDS_SOURCE, "i-1")] }),
    );
    const broken = { ...b3, endedAt: "not a time" };
    await expect(store.applyListing(listing(RDS_SOURCE, "2026-11-05T00:00:00.000Z", [b3, broken]))).rejects.toThrow(
      /endedAt/,
    );
    // A failure inside the transaction, after rows were staged and merged: a second instance of one ID.
    const clash = sourceInstance(RDS_SOURCE, "i-9", { projectId: "p-other" });
    await expect(
      store.applyListing(
        listing(RDS_SOURCE, "2026-11-05T00:00:00.000Z", [b3], { instances: [sourceInstance(RDS_SOURCE, "i-2"), clash] }),
      ),
    ).rejects.toThrow(/another source/);
    expect((await store.instanceBackups("i-1")).map((backup) => backup.goneAt)).toEqual([null, null]);
    expect(await store.instanceBackups("i-2")).toEqual([]);
    expect(await store.instances()).toEqual([sourceInstance(RDS_SOURCE, "i-1")]);
    const [state] = await store.sourceStates();
    expect(state.lastAttemptAt).toBe("2026-11-04T00:00:00.000Z");
    expect(state.backups).toBe(2);
    // The store goes on writing after a rollback.
    expect((await store.applyListing(listing(RDS_SOURCE, "2026-11-06T00:00:00.000Z", [b1, b2, b3]))).inserted).toBe(1);
  });

  it("records failures without touching the rows, and a success resets them", async () => {
    await store.applyListing(listing(RDS_SOURCE, "2026-11-04T00:00:00.000Z", [b1]));
    const error = { code: "APIGW.0301", message: "Incorrect IAM authentication information", httpStatus: 401, requestId: "r-1" };
    await store.recordFailure({ source: RDS_SOURCE, attemptAt: new Date("2026-11-05T00:00:00.000Z"), error, calls: 1, durationMs: 80 });
    await store.recordFailure({ source: RDS_SOURCE, attemptAt: new Date("2026-11-05T00:01:00.000Z"), error, calls: 1, durationMs: 70 });
    let [state] = await store.sourceStates();
    expect(state).toMatchObject({
      lastError: error,
      consecutiveFailures: 2,
      lastAttemptAt: "2026-11-05T00:01:00.000Z",
      lastSuccessAt: "2026-11-04T00:00:01.500Z",
      lastDurationMs: 70,
      lastCalls: 1,
      backups: 1,
      complete: true,
    });
    expect(await store.instanceBackups("i-1")).toHaveLength(1);
    await store.applyListing(listing(RDS_SOURCE, "2026-11-05T00:02:00.000Z", [], { complete: false }));
    [state] = await store.sourceStates();
    expect(state).toMatchObject({ lastError: null, consecutiveFailures: 0, complete: true, backups: 1 });
  });

  it("records a failure of a source never synced", async () => {
    const error = { code: "timeout", message: "no answer within 10000 ms", httpStatus: null, requestId: null };
    await store.recordFailure({ source: TAURUS_SOURCE, attemptAt: new Date("2026-11-05T00:00:00.000Z"), error, calls: 2, durationMs: 10_000 });
    expect(await store.sourceStates()).toEqual([
      {
        ...TAURUS_SOURCE,
        cursor: { newestStartMs: null, lastCompleteMs: null },
        lastSuccessAt: null,
        lastAttemptAt: "2026-11-05T00:00:00.000Z",
        lastError: error,
        consecutiveFailures: 1,
        lastDurationMs: 10_000,
        lastCalls: 2,
        lastReconcileAt: null,
        complete: false,
        backups: 0,
        instances: 0,
        skipped: 0,
        skippedReason: null,
      },
    ]);
  });

  it("purges gone backups gone before a time, and nothing current", async () => {
    await store.applyListing(listing(RDS_SOURCE, "2026-11-04T00:00:00.000Z", [b1, b2, b3]));
    await store.applyListing(listing(RDS_SOURCE, "2026-11-05T00:00:00.000Z", [b2, b3]));
    await store.applyListing(listing(RDS_SOURCE, "2026-11-06T00:00:00.000Z", [b3]));
    expect(await store.purgeGone(new Date("2026-11-05T00:00:00.000Z"))).toBe(0);
    expect(await store.purgeGone(new Date("2026-11-05T12:00:00.000Z"))).toBe(1);
    expect(await store.purgeGone(new Date("2026-12-01T00:00:00.000Z"))).toBe(1);
    expect((await store.applyListing(listing(RDS_SOURCE, "2026-12-02T00:00:00.000Z", [b1, b3]))).inserted).toBe(1);
  });

  it("drops every row of a source", async () => {
    await store.applyListing(
      listing(RDS_SOURCE, "2026-11-04T00:00:00.000Z", [b1, b3], { instances: [sourceInstance(RDS_SOURCE, "i-1")] }),
    );
    const taurus = sourceBackup(TAURUS_SOURCE, { id: "t", startedAt: "2026-11-01T00:00:00.000Z", instanceId: "t-1" });
    await store.applyListing(listing(TAURUS_SOURCE, "2026-11-04T00:00:00.000Z", [taurus]));
    await store.dropSource(RDS_SOURCE);
    expect((await store.sourceStates()).map((state) => state.service)).toEqual(["taurusdb"]);
    expect(await store.instances()).toEqual([]);
    expect(await store.instanceBackups("i-1")).toEqual([]);
    expect(await store.instanceBackups("t-1")).toHaveLength(1);
  });

  it("serialises concurrent writes: each listing one transaction, in order", async () => {
    const many = Array.from({ length: 20 }, (_, index) =>
      store.applyListing(
        listing(
          RDS_SOURCE,
          new Date(Date.parse("2026-11-04T00:00:00.000Z") + index * 60_000).toISOString(),
          [sourceBackup(RDS_SOURCE, { id: `c${index}`, startedAt: "2026-11-01T00:00:00.000Z" })],
          { complete: false },
        ),
      ),
    );
    expect((await Promise.all(many)).map((applied) => applied.inserted)).toEqual(Array(20).fill(1));
    const [state] = await store.sourceStates();
    expect(state.lastAttemptAt).toBe("2026-11-04T00:19:00.000Z");
    expect(state.backups).toBe(20);
  });

  it("keeps everything across close and reopen", async () => {
    await store.applyListing(
      listing(RDS_SOURCE, "2026-11-04T00:00:00.000Z", [b1, b2, b3], { instances: [sourceInstance(RDS_SOURCE, "i-1")] }),
    );
    const before = { states: await store.sourceStates(), backups: await store.instanceBackups("i-1") };
    await store.close();
    store = await created.reopen();
    expect(await store.sourceStates()).toEqual(before.states);
    expect(await store.instanceBackups("i-1")).toEqual(before.backups);
    expect(await store.instances()).toEqual([sourceInstance(RDS_SOURCE, "i-1")]);
  });
});
