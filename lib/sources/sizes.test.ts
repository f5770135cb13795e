import { describe, expect, it } from "vitest";
import { BYTES_PER_KB, BYTES_PER_MB, bytesPerUnit, toBytes } from "./sizes";

describe("sizes", () => {
  it("uses binary units", () => {
    expect(BYTES_PER_KB).toBe(1024);
    expect(BYTES_PER_MB).toBe(1_048_576);
  });
  it("converts each service's unit to whole bytes", () => {
    expect(toBytes(2803, BYTES_PER_MB)).toBe(2_939_158_528); // TaurusDB full list, MB
    expect(toBytes(74464.0, BYTES_PER_KB)).toBe(76_251_136); // TaurusDB per-instance list, KB
    expect(toBytes(0.109375, BYTES_PER_KB)).toBe(112); // TaurusDB incremental, fractional KB
    expect(toBytes(0.1, BYTES_PER_KB)).toBe(102); // 102.4 rounds to the nearest byte
    expect(toBytes(0.5005, BYTES_PER_KB)).toBe(513); // 512.512
    expect(toBytes(2803, BYTES_PER_KB)).toBe(2_870_272); // RDS, KB
    expect(toBytes(880232, 1)).toBe(880_232); // DCS, bytes
  });
  it("knows size_unit values, in any case", () => {
    expect(bytesPerUnit("KB")).toBe(1024);
    expect(bytesPerUnit("kb")).toBe(1024);
    expect(bytesPerUnit("B")).toBe(1);
    expect(bytesPerUnit("MB")).toBe(1_048_576);
    expect(bytesPerUnit("GB")).toBe(1_073_741_824);
    expect(bytesPerUnit("TB")).toBe(1_099_511_627_776);
    expect(bytesPerUnit("KiB")).toBeUndefined();
    expect(bytesPerUnit("")).toBeUndefined();
  });
});
