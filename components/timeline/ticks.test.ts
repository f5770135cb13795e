import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatBytes } from "../format";
import { sizeTicks, timeTicks } from "./ticks";

const GB = 1024 ** 3;
const MB = 1024 ** 2;

describe("size ticks", () => {
  it("step by round binary amounts from zero past the largest size", () => {
    expect(sizeTicks(5.49 * GB)).toEqual([0, 2 * GB, 4 * GB, 6 * GB]);
    expect(sizeTicks(1 * GB).map((tick) => formatBytes(tick, "en"))).toEqual([
      "0 B",
      "256 MB",
      "512 MB",
      "768 MB",
      "1.00 GB",
    ]);
    expect(sizeTicks(1003 * MB).map((tick) => formatBytes(tick, "en"))).toEqual(["0 B", "500 MB", "0.98 GB", "1.46 GB"]);
  });

  it("never print the same label twice, down to a few bytes", () => {
    for (const max of [1, 2, 3, 7, 999, 1000, 1023, 1024, 1500, 0.11 * 1024, 40 * MB, 1.02 * GB, 3.3 * 1024 * GB]) {
      const labels = sizeTicks(max).map((tick) => formatBytes(tick, "en"));
      expect(new Set(labels).size, `${max}: ${labels.join(", ")}`).toBe(labels.length);
      expect(sizeTicks(max).at(-1)).toBeGreaterThanOrEqual(max);
    }
  });

  it("is a single zero tick without sizes", () => {
    expect(sizeTicks(0)).toEqual([0]);
  });
});

describe("time ticks", () => {
  const zone = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = "Europe/Berlin";
  });
  afterEach(() => {
    process.env.TZ = zone;
  });

  const timeZone = "Europe/Berlin";
  const day = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone });
  const hour = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  const dayAndHour = new Intl.DateTimeFormat("en", { dateStyle: "short", timeStyle: "short", timeZone });

  it("fall on local midnights, one label per day", () => {
    const { ticks, unit } = timeTicks(Date.parse("2026-11-20T13:00:00Z"), Date.parse("2026-11-26T09:00:00Z"));
    expect(unit).toBe("day");
    expect(ticks.map((tick) => new Date(tick).toISOString())).toEqual([
      "2026-11-20T23:00:00.000Z",
      "2026-11-21T23:00:00.000Z",
      "2026-11-22T23:00:00.000Z",
      "2026-11-23T23:00:00.000Z",
      "2026-11-24T23:00:00.000Z",
      "2026-11-25T23:00:00.000Z",
    ]);
    expect(ticks.map((tick) => day.format(tick))).toEqual(["Nov 21", "Nov 22", "Nov 23", "Nov 24", "Nov 25", "Nov 26"]);
  });

  it("skip days over a long span and stay on midnight across a DST change", () => {
    const { ticks } = timeTicks(Date.parse("2026-03-01T00:00:00Z"), Date.parse("2026-04-10T00:00:00Z"));
    expect(ticks.length).toBeLessThanOrEqual(7);
    for (const tick of ticks) expect(hour.format(tick)).toBe("00:00");
    const labels = ticks.map((tick) => day.format(tick));
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("are whole hours within two days", () => {
    const { ticks, unit } = timeTicks(Date.parse("2026-11-20T08:10:00Z"), Date.parse("2026-11-20T20:00:00Z"));
    expect(unit).toBe("time");
    // 09:10 to 21:00 in Berlin.
    expect(ticks.map((tick) => hour.format(tick))).toEqual(["10:00", "12:00", "14:00", "16:00", "18:00", "20:00"]);
  });

  it("never repeat a label, whatever the span", () => {
    const start = Date.parse("2026-11-20T05:37:00Z");
    for (const hours of [0.5, 1, 5, 23, 47, 49, 24 * 7, 24 * 30, 24 * 400]) {
      const { ticks, unit } = timeTicks(start, start + hours * 3_600_000);
      const format = { day, time: hour, dayTime: dayAndHour }[unit];
      const labels = ticks.map((tick) => format.format(tick));
      expect(new Set(labels).size, `${hours} h`).toBe(labels.length);
      expect(ticks.length, `${hours} h`).toBeLessThanOrEqual(7);
    }
  });
});
