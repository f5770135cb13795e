import { describe, expect, it } from "vitest";
import { canonicalTimeZone, localDate, startOfDay } from "./days";

const ms = (iso: string) => Date.parse(iso);
const iso = (time: number) => new Date(time).toISOString();

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
