import { describe, expect, it } from "vitest";
import { canonicalTimeZone, countByDay, localDate, startOfDay, WindowTooLongError } from "./days";

const ms = (iso: string) => Date.parse(iso);
const iso = (time: number) => new Date(time).toISOString();

interface Event {
  at: string;
  group: string;
}

function count(events: Event[], timeZone: string, window: { from?: string; to?: string } = {}, maxDays = 3660) {
  return countByDay({
    items: events,
    timeOf: (event) => ms(event.at),
    groupOf: (event) => event.group,
    groupOrder: ["completed", "failed"],
    timeZone,
    from: window.from === undefined ? undefined : ms(window.from),
    to: window.to === undefined ? undefined : ms(window.to),
    maxDays,
  });
}

const totals = (result: ReturnType<typeof count>) => result.days.map((day) => [day.date, day.total]);

describe("calendar days in a time zone", () => {
  it("Europe/Berlin: the day DST ends (2026-10-25) lasts 25 hours, the day it starts (2026-03-29) 23", () => {
    expect(iso(startOfDay("2026-10-25", "Europe/Berlin"))).toBe("2026-10-24T22:00:00.000Z");
    expect(iso(startOfDay("2026-10-26", "Europe/Berlin"))).toBe("2026-10-25T23:00:00.000Z");
    expect(iso(startOfDay("2026-03-29", "Europe/Berlin"))).toBe("2026-03-28T23:00:00.000Z");
    expect(iso(startOfDay("2026-03-30", "Europe/Berlin"))).toBe("2026-03-29T22:00:00.000Z");
    expect(localDate(ms("2026-10-24T21:59:59.999Z"), "Europe/Berlin")).toBe("2026-10-24");
    expect(localDate(ms("2026-10-24T22:00:00Z"), "Europe/Berlin")).toBe("2026-10-25");
  });

  it("Asia/Shanghai: days start at 16:00 UTC the day before, all year", () => {
    expect(iso(startOfDay("2026-11-21", "Asia/Shanghai"))).toBe("2026-11-20T16:00:00.000Z");
    expect(iso(startOfDay("2026-07-01", "Asia/Shanghai"))).toBe("2026-06-30T16:00:00.000Z");
    expect(localDate(ms("2026-11-20T15:59:59Z"), "Asia/Shanghai")).toBe("2026-11-20");
    expect(localDate(ms("2026-11-20T16:00:00Z"), "Asia/Shanghai")).toBe("2026-11-21");
  });

  it("a day whose midnight is skipped starts at its first instant (America/Santiago, 2026-09-06)", () => {
    const start = startOfDay("2026-09-06", "America/Santiago");
    expect(localDate(start, "America/Santiago")).toBe("2026-09-06");
    expect(localDate(start - 60_000, "America/Santiago")).toBe("2026-09-05");
    expect(iso(start)).toBe("2026-09-06T04:00:00.000Z");
  });

  it("names zones canonically and refuses unknown ones", () => {
    expect(canonicalTimeZone("asia/shanghai")).toBe("Asia/Shanghai");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(() => canonicalTimeZone("Mars/Olympus")).toThrow(RangeError);
  });
});

describe("countByDay", () => {
  it("counts across the Berlin DST change: the repeated hour and the 25th hour fall on 2026-10-25", () => {
    const events = [
      { at: "2026-10-24T21:30:00Z", group: "completed" }, // 23:30 CEST on the 24th
      { at: "2026-10-24T22:30:00Z", group: "completed" }, // 00:30 CEST on the 25th
      { at: "2026-10-25T00:30:00Z", group: "failed" }, // 02:30 CEST
      { at: "2026-10-25T01:30:00Z", group: "completed" }, // 02:30 CET, the repeated hour
      { at: "2026-10-25T22:59:59Z", group: "completed" }, // 23:59:59 CET
      { at: "2026-10-25T23:00:00Z", group: "completed" }, // 00:00 on the 26th
    ];
    const result = count(events, "Europe/Berlin");
    expect(totals(result)).toEqual([
      ["2026-10-24", 1],
      ["2026-10-25", 4],
      ["2026-10-26", 1],
    ]);
    expect(result.days[1].counts).toEqual({ completed: 3, failed: 1 });
    expect(result.groups).toEqual(["completed", "failed"]);
  });

  it("the same instants are other days in UTC and in Asia/Shanghai", () => {
    const events = [
      { at: "2026-11-20T15:59:59Z", group: "completed" },
      { at: "2026-11-20T16:00:00Z", group: "completed" },
    ];
    expect(totals(count(events, "UTC"))).toEqual([["2026-11-20", 2]]);
    expect(totals(count(events, "Asia/Shanghai"))).toEqual([
      ["2026-11-20", 1],
      ["2026-11-21", 1],
    ]);
  });

  it("covers every day of a given window, zeros included, each day listing every group", () => {
    const result = count([{ at: "2026-11-21T10:00:00Z", group: "failed" }], "Asia/Shanghai", {
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

  it("without a window, runs from the earliest to the latest item; with only one bound, to the other end", () => {
    const events = [
      { at: "2026-11-22T10:00:00Z", group: "completed" },
      { at: "2026-11-18T10:00:00Z", group: "completed" },
    ];
    expect(count(events, "UTC").days.map((day) => day.date)).toEqual([
      "2026-11-18",
      "2026-11-19",
      "2026-11-20",
      "2026-11-21",
      "2026-11-22",
    ]);
    expect(totals(count(events, "UTC", { from: "2026-11-21T00:00:00Z" }))).toEqual([
      ["2026-11-21", 0],
      ["2026-11-22", 1],
    ]);
    expect(count(events, "UTC", { to: "2026-11-19T00:00:00Z" }).days.map((day) => day.total)).toEqual([1]);
  });

  it("is empty without items or bounds, and for an empty window", () => {
    expect(count([], "UTC")).toEqual({ days: [], groups: [] });
    expect(count([], "UTC", { from: "2026-11-20T00:00:00Z", to: "2026-11-20T00:00:00Z" }).days).toEqual([]);
    expect(count([], "UTC", { from: "2026-11-20T05:00:00Z" }).days).toEqual([
      { date: "2026-11-20", total: 0, counts: {} },
    ]);
  });

  it("puts groups in the given order, unknown ones after in code-unit order", () => {
    const events = ["zeta", "failed", "alpha", "completed"].map((group) => ({ at: "2026-11-20T00:00:00Z", group }));
    expect(count(events, "UTC").groups).toEqual(["completed", "failed", "alpha", "zeta"]);
  });

  it("keeps years before 100 as they are", () => {
    const result = count([{ at: "0050-03-01T12:00:00Z", group: "completed" }], "UTC", {
      from: "0050-02-28T00:00:00Z",
      to: "0050-03-02T00:00:00Z",
    });
    expect(totals(result)).toEqual([
      ["0050-02-28", 0],
      ["0050-03-01", 1],
    ]);
  });

  it("refuses a window touching more days than allowed", () => {
    expect(() => count([], "UTC", { from: "2026-11-01T00:00:00Z", to: "2026-11-05T00:00:00Z" }, 3)).toThrow(
      WindowTooLongError,
    );
    expect(count([], "UTC", { from: "2026-11-01T00:00:00Z", to: "2026-11-04T00:00:00Z" }, 3).days).toHaveLength(3);
  });
});
