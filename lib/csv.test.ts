import { describe, expect, it } from "vitest";
import { csvFilename } from "./csv";

describe("csvFilename", () => {
  it("names the file after the UTC time, without milliseconds", () => {
    expect(csvFilename(new Date("2026-11-22T08:00:00.000Z"), "backups")).toBe("backups-20261122T080000Z.csv");
    expect(csvFilename(new Date("2026-11-22T09:05:07.999+01:00"), "backups")).toBe("backups-20261122T080507Z.csv");
  });
});
