import { describe, expect, it } from "vitest";
import type { Locale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";
import {
  formatBytes,
  formatCount,
  formatDateTime,
  formatDuration,
  formatSpan,
  formatUtc,
  fromDateTimeLocalInput,
  NONE,
  toDateTimeLocalInput,
  formatAgo,
} from "./format";

/** A duration in the words of `locale`, as the I18nProvider's formatters give it. */
const duration = (seconds: number | null, locale: Locale) =>
  formatDuration(seconds, locale, MESSAGES[locale].labels.duration);

describe("formatBytes", () => {
  it("uses binary multiples with three significant digits", () => {
    expect(formatBytes(0, "en")).toBe("0 B");
    expect(formatBytes(999, "en")).toBe("999 B");
    expect(formatBytes(1024, "en")).toBe("1.00 KB");
    expect(formatBytes(1536, "en")).toBe("1.50 KB");
    expect(formatBytes(10 * 1024 * 1024, "en")).toBe("10.0 MB");
    expect(formatBytes(123.4 * 1024 ** 3, "en")).toBe("123 GB");
    expect(formatBytes(2 * 1024 ** 4, "en")).toBe("2.00 TB");
  });

  it("never writes four digits: from 1000 of a unit, the next unit", () => {
    expect(formatBytes(1003 * 1024 ** 2, "en")).toBe("0.98 GB");
    expect(formatBytes(5.49 * 1024 ** 3, "en")).toBe("5.49 GB");
    expect(formatBytes(1000, "en")).toBe("0.98 KB");
    expect(formatBytes(1023, "en")).toBe("1.00 KB");
    expect(formatBytes(1024 * 1024 - 1, "en")).toBe("1.00 MB");
    expect(formatBytes(999.4 * 1024, "en")).toBe("999 KB");
    expect(formatBytes(999.6 * 1024, "en")).toBe("0.98 MB");
    // Rounding up to the next power of ten takes one digit less.
    expect(formatBytes(99.96 * 1024, "en")).toBe("100 KB");
    expect(formatBytes(9.996 * 1024, "en")).toBe("10.0 KB");
    for (let exponent = 0; exponent < 60; exponent += 0.37)
      expect(formatBytes(2 ** exponent, "en"), `2^${exponent}`).toMatch(/^(\d{1,3}|\d\.\d{2}|\d{2}\.\d) [KMGTPE]?B$/);
  });

  it("keeps the units in Chinese and writes the number the locale's way", () => {
    expect(formatBytes(1536, "zh-CN")).toBe("1.50 KB");
    expect(formatBytes(999, "zh-CN")).toBe("999 B");
    expect(formatBytes(123.4 * 1024 ** 3, "zh-CN")).toBe("123 GB");
  });

  it("shows a dash for an unknown size", () => {
    expect(formatBytes(null, "en")).toBe(NONE);
    expect(formatBytes(-1, "zh-CN")).toBe(NONE);
  });
});

describe("formatDuration", () => {
  it("shows the two largest units", () => {
    expect(duration(0, "en")).toBe("0 s");
    expect(duration(0.4, "en")).toBe("< 1 s");
    expect(duration(42, "en")).toBe("42 s");
    expect(duration(725, "en")).toBe("12 min 5 s");
    expect(duration(720, "en")).toBe("12 min");
    expect(duration(2 * 3600 + 13 * 60 + 59, "en")).toBe("2 h 13 min");
    expect(duration(3600 + 5, "en")).toBe("1 h");
    expect(duration(3 * 86_400 + 4 * 3600 + 7, "en")).toBe("3 d 4 h");
  });

  it("names the units in Chinese", () => {
    expect(duration(0, "zh-CN")).toBe("0 秒");
    expect(duration(0.4, "zh-CN")).toBe("< 1 秒");
    expect(duration(725, "zh-CN")).toBe("12 分钟 5 秒");
    expect(duration(2 * 3600 + 13 * 60 + 59, "zh-CN")).toBe("2 小时 13 分钟");
    expect(duration(3 * 86_400 + 4 * 3600 + 7, "zh-CN")).toBe("3 天 4 小时");
  });

  it("groups the thousands of a long duration's count", () => {
    expect(duration(1234 * 86_400, "en")).toBe("1,234 d");
  });

  it("shows a dash for an unknown duration", () => {
    expect(duration(null, "en")).toBe(NONE);
    expect(duration(Number.NaN, "zh-CN")).toBe(NONE);
  });
});

describe("times", () => {
  it("formats UTC the same on every machine", () => {
    expect(formatUtc("2026-11-22T08:00:05.120Z")).toBe("2026-11-22 08:00:05 UTC");
  });

  it("writes an instant in the locale's words and the given time zone, on a 24-hour clock", () => {
    const iso = "2026-11-22T08:00:05.120Z";
    const shanghai = { timeZone: "Asia/Shanghai" };
    expect(formatDateTime(iso, "en", shanghai)).toBe("Nov 22, 2026, 16:00");
    expect(formatDateTime(iso, "en", { ...shanghai, withSeconds: true })).toBe("Nov 22, 2026, 16:00:05");
    expect(formatDateTime(iso, "zh-CN", shanghai)).toBe("2026年11月22日 16:00");
    expect(formatDateTime(iso, "zh-CN", { ...shanghai, withSeconds: true })).toBe("2026年11月22日 16:00:05");
    // Past midnight in Shanghai: the local day, not UTC's.
    expect(formatDateTime("2026-11-22T17:30:00Z", "zh-CN", shanghai)).toBe("2026年11月23日 01:30");
  });

  it("leaves an unreadable instant as it came", () => {
    expect(formatDateTime("not a time", "en")).toBe("not a time");
    expect(formatUtc("not a time")).toBe("not a time");
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
    expect(toDateTimeLocalInput("not a time")).toBe("");
  });

  it("groups thousands in counts", () => {
    expect(formatCount(1234567, "en")).toBe("1,234,567");
    expect(formatCount(1234567, "zh-CN")).toBe("1,234,567");
  });
});

describe("formatSpan", () => {
  // Plain spaces, whatever the runtime's ICU: the server's text must be the browser's.

  it("shows the clock times of a span within one day", () => {
    const span = formatSpan("2026-11-22T10:00:00Z", "2026-11-22T10:05:00Z", "en", { timeZone: "UTC" });
    expect(span).toBe("10:00 – 10:05");
    expect(formatSpan("2026-11-22T10:00:00Z", "2026-11-22T10:05:00Z", "zh-CN", { timeZone: "UTC" })).toBe(
      "10:00–10:05",
    );
  });

  it("adds the dates when the span crosses midnight in the time zone", () => {
    const start = "2026-11-22T15:55:00Z";
    const end = "2026-11-22T16:05:00Z";
    expect(formatSpan(start, end, "en", { timeZone: "UTC" })).toBe("15:55 – 16:05");
    expect(formatSpan(start, end, "en", { timeZone: "Asia/Shanghai" })).toBe("Nov 22, 23:55 – Nov 23, 00:05");
  });

  it("shows the two instants as they came when they cannot be a span", () => {
    expect(formatSpan("later", "2026-11-22T10:05:00Z", "en")).toBe("later – 2026-11-22T10:05:00Z");
    expect(formatSpan("2026-11-22T10:05:00Z", "2026-11-22T10:00:00Z", "en")).toBe(
      "2026-11-22T10:05:00Z – 2026-11-22T10:00:00Z",
    );
  });
});

describe("formatAgo", () => {
  const MINUTE = 60_000;
  it("says nothing under a minute, then minutes, hours and days, in each language", () => {
    expect(formatAgo(59_999, "en")).toBeNull();
    expect(formatAgo(2 * MINUTE + 5_000, "en")).toBe("2 minutes ago");
    expect(formatAgo(60 * MINUTE, "en")).toBe("1 hour ago");
    expect(formatAgo(25 * 60 * MINUTE, "en")).toBe("yesterday");
    expect(formatAgo(3 * 24 * 60 * MINUTE, "en")).toBe("3 days ago");
    expect(formatAgo(2 * MINUTE, "zh-CN")).toBe("2分钟前");
    expect(formatAgo(5 * 60 * MINUTE, "zh-CN")).toBe("5小时前");
  });
});
