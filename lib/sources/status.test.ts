import { describe, expect, it } from "vitest";
import { normaliseStatus } from "./status";

describe("normaliseStatus", () => {
  it.each([
    ["COMPLETED", "completed"],
    ["AVAILABLE", "completed"],
    ["succeed", "completed"],
    ["FAILED", "failed"],
    ["failed", "failed"],
    ["BUILDING", "in_progress"],
    ["backuping", "in_progress"],
    ["waiting", "pending"],
    ["DELETING", "deleting"],
    ["expired", "expired"],
    ["deleted", "deleted"],
    ["Completed", "completed"],
    ["RESTORING", "unknown"],
    ["", "unknown"],
    ["toString", "unknown"],
    ["constructor", "unknown"],
  ])("%j → %s", (raw, expected) => {
    expect(normaliseStatus(raw)).toBe(expected);
  });
});
