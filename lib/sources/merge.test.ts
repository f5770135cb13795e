import { describe, expect, it } from "vitest";
import type { Backup } from "../inventory/model";
import { dedupeBackups, mergeBackup } from "./merge";

const base: Backup = {
  id: "b1",
  service: "taurusdb",
  engine: "gaussdb-mysql",
  engineVersion: "8.0",
  region: "cn-north-4",
  projectId: "p",
  instanceId: "i1",
  instanceName: "db",
  name: "backup",
  kind: "full",
  trigger: "auto",
  status: "in_progress",
  rawStatus: "BUILDING",
  startedAt: "2026-01-01T00:00:00.000Z",
  endedAt: null,
  durationSeconds: null,
  sizeBytes: null,
  description: null,
  details: { a: 1, shared: "primary" },
};

describe("mergeBackup", () => {
  it("keeps the primary's values, fills its nulls from the secondary and unites details", () => {
    const secondary: Backup = {
      ...base,
      name: "other name",
      trigger: null,
      endedAt: "2026-01-01T00:10:00.000Z",
      sizeBytes: 2048,
      description: "from the other list",
      details: { b: 2, shared: "secondary" },
    };
    expect(mergeBackup(base, secondary)).toEqual({
      ...base,
      endedAt: "2026-01-01T00:10:00.000Z",
      durationSeconds: 600,
      sizeBytes: 2048,
      description: "from the other list",
      details: { a: 1, b: 2, shared: "primary" },
    });
  });

  it("gives an incremental backup no duration when its end comes from the secondary", () => {
    const log = { ...base, kind: "incremental" as const };
    const merged = mergeBackup(log, { ...log, endedAt: "2026-01-01T00:05:00.000Z" });
    expect(merged).toMatchObject({ endedAt: "2026-01-01T00:05:00.000Z", durationSeconds: null });
  });
});

describe("dedupeBackups", () => {
  it("makes one row per ID, in first-seen order", () => {
    const other = { ...base, id: "b2" };
    const later = { ...base, sizeBytes: 10 };
    expect(dedupeBackups([base, other, later])).toEqual([{ ...base, sizeBytes: 10 }, other]);
  });
});
