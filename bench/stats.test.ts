import { describe, expect, it } from "vitest";
import { median, percentile } from "./stats";

describe("percentile (nearest rank)", () => {
  it("takes the value at rank ⌈p/100 · n⌉ of the sorted values", () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 90)).toBe(9);
    expect(median(values)).toBe(5);
    expect(median([3, 1, 2])).toBe(2);
    expect(percentile([7], 95)).toBe(7);
  });

  it("refuses an empty list", () => {
    expect(() => median([])).toThrow("no values");
  });
});
