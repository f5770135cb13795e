import { describe, expect, it } from "vitest";
import { dayBounds, nextDate } from "./days";

describe("nextDate", () => {
  it("steps over month, year and leap-day ends", () => {
    expect(nextDate("2026-11-30")).toBe("2026-12-01");
    expect(nextDate("2026-12-31")).toBe("2027-01-01");
    expect(nextDate("2028-02-28")).toBe("2028-02-29");
    expect(nextDate("2027-02-28")).toBe("2027-03-01");
    expect(nextDate("0099-12-31")).toBe("0100-01-01");
  });
});

describe("dayBounds", () => {
  it("gives a local day's first instant and the next day's", () => {
    expect(dayBounds("2026-11-20", "Asia/Shanghai")).toEqual({
      from: "2026-11-19T16:00:00.000Z",
      to: "2026-11-20T16:00:00.000Z",
    });
    expect(dayBounds("2026-11-20", "UTC")).toEqual({
      from: "2026-11-20T00:00:00.000Z",
      to: "2026-11-21T00:00:00.000Z",
    });
  });

  it("keeps the 23 and 25 hour days around a DST change", () => {
    const spring = dayBounds("2026-03-29", "Europe/Berlin");
    expect(spring).toEqual({ from: "2026-03-28T23:00:00.000Z", to: "2026-03-29T22:00:00.000Z" });
    const autumn = dayBounds("2026-10-25", "Europe/Berlin");
    expect(Date.parse(autumn.to) - Date.parse(autumn.from)).toBe(25 * 3_600_000);
  });
});
