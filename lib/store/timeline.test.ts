import { afterAll, describe, expect, it } from "vitest";
import type { BackupStatus } from "../inventory/model";
import { makeBackup } from "../testing/backups";
import { fillStore, STORE_ENGINES } from "../testing/store";
import type { FromStore, BackupStore } from "./types";
import type { Timeline } from "../timeline/model";

/**
 * The timeline's rules (docs/api.md, `GET /api/timeline`): calendar days in the zone asked, 23- and 25-hour days
 * around DST changes, every day of the window listed, groups in the model's order. Each on a small inventory.
 */

interface Event {
  at: string;
  status: BackupStatus;
}

const totals = (result: FromStore<Timeline>) => result.days.map((day) => [day.date, day.total]);

describe.each(STORE_ENGINES)("$name store: backups per day", (engine) => {
  const opened: { store: BackupStore; cleanUp: () => Promise<void> }[] = [];
  afterAll(async () => {
    for (const { store, cleanUp } of opened) {
      await store.close();
      await cleanUp();
    }
  });

  /** The timeline by status of a store holding one backup per event. */
  async function count(events: Event[], tz: string, window: { from?: string; to?: string } = {}) {
    const created = await engine.create();
    opened.push(created);
    await fillStore(
      created.store,
      events.map((event, index) =>
        makeBackup({ id: `b${index}`, startedAt: new Date(event.at).toISOString(), status: event.status }),
      ),
    );
    const bounds = {
      from: window.from === undefined ? undefined : new Date(window.from).toISOString(),
      to: window.to === undefined ? undefined : new Date(window.to).toISOString(),
    };
    return created.store.timeline({ presence: "current", groupBy: "status", tz, ...bounds });
  }

  it("counts across the Berlin DST change: the repeated hour and the 25th hour fall on 2026-10-25", async () => {
    const events: Event[] = [
      { at: "2026-10-24T21:30:00Z", status: "completed" }, // 23:30 CEST on the 24th
      { at: "2026-10-24T22:30:00Z", status: "completed" }, // 00:30 CEST on the 25th
      { at: "2026-10-25T00:30:00Z", status: "failed" }, // 02:30 CEST
      { at: "2026-10-25T01:30:00Z", status: "completed" }, // 02:30 CET, the repeated hour
      { at: "2026-10-25T22:59:59Z", status: "completed" }, // 23:59:59 CET
      { at: "2026-10-25T23:00:00Z", status: "completed" }, // 00:00 on the 26th
    ];
    const result = await count(events, "Europe/Berlin");
    expect(totals(result)).toEqual([
      ["2026-10-24", 1],
      ["2026-10-25", 4],
      ["2026-10-26", 1],
    ]);
    expect(result.days[1].counts).toEqual({ completed: 3, failed: 1 });
    expect(result.groups).toEqual(["completed", "failed"]);
    expect(result.total).toBe(6);
  });

  it("counts the short day DST starts on (Berlin, 2026-03-29, 23 hours)", async () => {
    const events: Event[] = [
      { at: "2026-03-28T22:59:59Z", status: "completed" }, // 23:59:59 CET on the 28th
      { at: "2026-03-28T23:00:00Z", status: "completed" }, // 00:00 CET on the 29th
      { at: "2026-03-29T21:59:59Z", status: "completed" }, // 23:59:59 CEST on the 29th
      { at: "2026-03-29T22:00:00Z", status: "completed" }, // 00:00 CEST on the 30th
    ];
    expect(totals(await count(events, "Europe/Berlin"))).toEqual([
      ["2026-03-28", 1],
      ["2026-03-29", 2],
      ["2026-03-30", 1],
    ]);
  });

  it("the same instants are other days in UTC and in Asia/Shanghai", async () => {
    const events: Event[] = [
      { at: "2026-11-20T15:59:59Z", status: "completed" },
      { at: "2026-11-20T16:00:00Z", status: "completed" },
    ];
    expect(totals(await count(events, "UTC"))).toEqual([["2026-11-20", 2]]);
    expect(totals(await count(events, "Asia/Shanghai"))).toEqual([
      ["2026-11-20", 1],
      ["2026-11-21", 1],
    ]);
  });

  it("covers every day of a given window, zeros included, each day listing every group", async () => {
    const result = await count([{ at: "2026-11-21T10:00:00Z", status: "failed" }], "Asia/Shanghai", {
      from: "2026-11-18T16:00:00Z",
      to: "2026-11-22T16:00:00Z",
    });
    expect(result.days).toEqual([
      { date: "2026-11-19", total: 0, counts: { failed: 0 } },
      { date: "2026-11-20", total: 0, counts: { failed: 0 } },
      { date: "2026-11-21", total: 1, counts: { failed: 1 } },
      { date: "2026-11-22", total: 0, counts: { failed: 0 } },
    ]);
  });

  it("without a window, runs from the earliest to the latest backup; with only one bound, to the other end", async () => {
    const events: Event[] = [
      { at: "2026-11-22T10:00:00Z", status: "completed" },
      { at: "2026-11-18T10:00:00Z", status: "completed" },
    ];
    expect((await count(events, "UTC")).days.map((day) => day.date)).toEqual([
      "2026-11-18",
      "2026-11-19",
      "2026-11-20",
      "2026-11-21",
      "2026-11-22",
    ]);
    expect(totals(await count(events, "UTC", { from: "2026-11-21T00:00:00Z" }))).toEqual([
      ["2026-11-21", 0],
      ["2026-11-22", 1],
    ]);
    expect((await count(events, "UTC", { to: "2026-11-19T00:00:00Z" })).days.map((day) => day.total)).toEqual([1]);
  });

  it("is empty without backups or bounds, and for an empty window", async () => {
    expect(await count([], "UTC")).toMatchObject({ days: [], groups: [], total: 0 });
    expect((await count([], "UTC", { from: "2026-11-20T00:00:00Z", to: "2026-11-20T00:00:00Z" })).days).toEqual([]);
    expect((await count([], "UTC", { from: "2026-11-20T05:00:00Z" })).days).toEqual([
      { date: "2026-11-20", total: 0, counts: {} },
    ]);
  });

  it("keeps years before 100 as they are", async () => {
    const result = await count([{ at: "0050-03-01T12:00:00Z", status: "completed" }], "UTC", {
      from: "0050-02-28T00:00:00Z",
      to: "0050-03-02T00:00:00Z",
    });
    expect(totals(result)).toEqual([
      ["0050-02-28", 0],
      ["0050-03-01", 1],
    ]);
  });

  it("puts the groups in the model's order", async () => {
    const statuses: BackupStatus[] = ["unknown", "failed", "deleted", "completed"];
    const events = statuses.map((status) => ({ at: "2026-11-20T00:00:00Z", status }));
    expect((await count(events, "UTC")).groups).toEqual(["completed", "failed", "deleted", "unknown"]);
  });
});
