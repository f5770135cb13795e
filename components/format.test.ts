import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatUtc,
  fromDateTimeLocalInput,
  NONE,
  toDateTimeLocalInput,
} from "./format";

describe("formatBytes", () => {
  it("uses binary multiples with three significant digits", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1024)).toBe("1.00 KB");
    expect(formatBytes(1536)).toBe("1.50 KB");
    expect(formatBytes(10 * 1024 * 1024)).toBe("10.0 MB");
    expect(formatBytes(123.4 * 1024 ** 3)).toBe("123 GB");
    expect(formatBytes(2 * 1024 ** 4)).toBe("2.00 TB");
  });

  it("moves up a unit rather than printing 1024 of one", () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe("1.00 MB");
  });

  it("shows a dash for an unknown size", () => {
    expect(formatBytes(null)).toBe(NONE);
    expect(formatBytes(-1)).toBe(NONE);
  });
});

describe("formatDuration", () => {
  it("shows the two largest units", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(0.4)).toBe("< 1 s");
    expect(formatDuration(42)).toBe("42 s");
    expect(formatDuration(725)).toBe("12 min 5 s");
    expect(formatDuration(720)).toBe("12 min");
    expect(formatDuration(2 * 3600 + 13 * 60 + 59)).toBe("2 h 13 min");
    expect(formatDuration(3600 + 5)).toBe("1 h");
    expect(formatDuration(3 * 86_400 + 4 * 3600 + 7)).toBe("3 d 4 h");
  });

  it("shows a dash for an unknown duration", () => {
    expect(formatDuration(null)).toBe(NONE);
  });
});

describe("times", () => {
  it("formats UTC the same on every machine", () => {
    expect(formatUtc("2026-11-22T08:00:05.120Z")).toBe("2026-11-22 08:00:05 UTC");
  });

  it("round-trips a datetime-local value through an instant", () => {
    const iso = fromDateTimeLocalInput("2026-03-29T02:30");
    expect(iso).not.toBeNull();
    expect(toDateTimeLocalInput(fromDateTimeLocalInput("2026-11-22T16:45") ?? undefined)).toBe("2026-11-22T16:45");
  });

  it("rejects what a datetime-local input would not produce", () => {
    expect(fromDateTimeLocalInput("")).toBeNull();
    expect(fromDateTimeLocalInput("yesterday")).toBeNull();
    expect(toDateTimeLocalInput(undefined)).toBe("");
  });

  it("groups thousands in counts", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
  });
});
