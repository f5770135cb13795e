import { describe, expect, it } from "vitest";
import {
  ceilToSecond,
  durationSeconds,
  floorToSecond,
  formatCompactUtc,
  formatOffsetTime,
  isoFromLocalTime,
  isoFromOffsetTime,
  isoFromUtcTime,
  offsetMinutes,
  utcZoneMinutes,
} from "./time";

describe("isoFromOffsetTime", () => {
  it.each([
    ["2018-08-06T12:41:14+0800", "2018-08-06T04:41:14.000Z"],
    ["2018-08-06T12:41:14+08:00", "2018-08-06T04:41:14.000Z"],
    ["2018-08-06T12:41:14-0330", "2018-08-06T16:11:14.000Z"],
    ["2018-08-06T12:41:14-03:30", "2018-08-06T16:11:14.000Z"],
    ["2018-08-06T12:41:14+0000", "2018-08-06T12:41:14.000Z"],
    ["2018-08-06T12:41:14Z", "2018-08-06T12:41:14.000Z"],
    ["2019-05-10T08:31:16.166Z", "2019-05-10T08:31:16.166Z"],
    ["2019-05-10T08:31:16.1Z", "2019-05-10T08:31:16.100Z"],
    ["2019-05-10T08:31:16.123456789+0100", "2019-05-10T07:31:16.123Z"],
    // Crossing a day, a month and a year boundary.
    ["2021-01-01T02:00:00+0800", "2020-12-31T18:00:00.000Z"],
    ["2020-12-31T22:30:00-0330", "2021-01-01T02:00:00.000Z"],
    ["2020-02-29T12:00:00+0000", "2020-02-29T12:00:00.000Z"],
    ["2000-02-29T01:00:00+0800", "2000-02-28T17:00:00.000Z"],
    ["2026-12-31T23:30:00-0100", "2027-01-01T00:30:00.000Z"],
  ])("reads %s as %s", (input, expected) => {
    expect(isoFromOffsetTime(input)).toBe(expected);
  });

  it.each([
    "",
    "2018-08-06 12:41:14",
    "2018-08-06T12:41:14",
    "2018-08-06T12:41:14+8",
    "2018-08-06T12:41:14+0860",
    "2018-08-06T12:41:14+2400",
    "2018-08-06T24:00:00Z",
    "2018-08-06T12:60:00Z",
    "2018-08-06T12:41:60Z",
    "2021-02-29T00:00:00Z",
    "2018-13-01T00:00:00Z",
    "2018-04-31T00:00:00Z",
    "2018-00-10T00:00:00Z",
    "2018-08-00T00:00:00Z",
    "1900-02-29T00:00:00Z",
    "0099-08-06T12:41:14Z",
    "2018-08-06T12:41:14+0800 ",
    "20180806T124114Z",
  ])("refuses %j", (input) => {
    expect(isoFromOffsetTime(input)).toBeUndefined();
  });
});

describe("isoFromLocalTime (TaurusDB created/updated with time_zone)", () => {
  it.each([
    ["2026-01-04 17:30:30", "UTC+08:00", "2026-01-04T09:30:30.000Z"],
    ["2026-01-04 05:30:30", "UTC+08:00", "2026-01-03T21:30:30.000Z"],
    ["2026-01-04 17:30:30", "UTC-03:00", "2026-01-04T20:30:30.000Z"],
    ["2026-01-04 17:30:30", "UTC+05:30", "2026-01-04T12:00:30.000Z"],
    ["2026-01-04 17:30:30", "UTC", "2026-01-04T17:30:30.000Z"],
    ["2026-01-04 17:30:30", "UTC+00:00", "2026-01-04T17:30:30.000Z"],
  ])("reads %s in %s as %s", (value, zone, expected) => {
    expect(isoFromLocalTime(value, zone)).toBe(expected);
  });

  it.each([
    ["2026-01-04 17:30:30", "+08:00"],
    ["2026-01-04 17:30:30", "UTC+8"],
    ["2026-01-04 17:30:30", "GMT+08:00"],
    ["2026-01-04T17:30:30", "UTC+08:00"],
    ["2026-02-30 17:30:30", "UTC+08:00"],
    ["2026-01-04 17:30", "UTC+08:00"],
  ])("refuses %j in %j", (value, zone) => {
    expect(isoFromLocalTime(value, zone)).toBeUndefined();
  });
});

describe("isoFromUtcTime (DCS)", () => {
  it("reads ISO with milliseconds and Z", () => {
    expect(isoFromUtcTime("2019-05-10T08:31:16.166Z")).toBe("2019-05-10T08:31:16.166Z");
  });
  it("reads yyyy-mm-dd hh:mm:ss as UTC", () => {
    expect(isoFromUtcTime("2019-05-10 08:31:16")).toBe("2019-05-10T08:31:16.000Z");
  });
  it("refuses other shapes", () => {
    expect(isoFromUtcTime("20190510083116")).toBeUndefined();
    expect(isoFromUtcTime("2019-05-10")).toBeUndefined();
  });
});

describe("offsets and zones", () => {
  it("reads numeric offsets", () => {
    expect(offsetMinutes("Z")).toBe(0);
    expect(offsetMinutes("+0800")).toBe(480);
    expect(offsetMinutes("-0330")).toBe(-210);
    expect(offsetMinutes("+05:45")).toBe(345);
    expect(offsetMinutes("0800")).toBeUndefined();
  });
  it("reads time_zone values", () => {
    expect(utcZoneMinutes("UTC+08:00")).toBe(480);
    expect(utcZoneMinutes("UTC-03:00")).toBe(-180);
    expect(utcZoneMinutes("UTC")).toBe(0);
    expect(utcZoneMinutes("UTC+0800")).toBeUndefined();
  });
});

describe("request formats", () => {
  const date = new Date("2020-07-06T02:41:14.250Z");
  it("writes yyyy-mm-ddThh:mm:ss+0000 in UTC", () => {
    expect(formatOffsetTime(date)).toBe("2020-07-06T02:41:14+0000");
    expect(isoFromOffsetTime(formatOffsetTime(date))).toBe("2020-07-06T02:41:14.000Z");
  });
  it("writes yyyyMMddHHmmss in UTC", () => {
    expect(formatCompactUtc(date)).toBe("20200706024114");
    expect(formatCompactUtc(new Date("2017-07-18T23:59:59Z"))).toBe("20170718235959");
  });
  it("rounds to whole seconds", () => {
    expect(floorToSecond(date).toISOString()).toBe("2020-07-06T02:41:14.000Z");
    expect(ceilToSecond(date).toISOString()).toBe("2020-07-06T02:41:15.000Z");
    const whole = new Date("2020-07-06T02:41:14.000Z");
    expect(ceilToSecond(whole).toISOString()).toBe(whole.toISOString());
    expect(floorToSecond(whole).toISOString()).toBe(whole.toISOString());
  });
});

describe("durationSeconds", () => {
  it("is the whole seconds between start and end", () => {
    expect(durationSeconds("2018-08-06T04:41:14.000Z", "2018-08-06T04:45:14.000Z")).toBe(240);
    expect(durationSeconds("2019-05-10T08:31:16.166Z", "2019-05-10T08:32:30.546Z")).toBe(74);
  });
  it("is null without an end, or with an end before the start", () => {
    expect(durationSeconds("2018-08-06T04:41:14.000Z", null)).toBeNull();
    expect(durationSeconds("2018-08-06T04:41:14.000Z", "2018-08-06T04:41:13.000Z")).toBeNull();
  });
});
