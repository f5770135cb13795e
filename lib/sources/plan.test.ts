import { describe, expect, it } from "vitest";
import type { Backup } from "../inventory/model";
import {
  CLOCK_SKEW_MS,
  matchesPlan,
  openWindow,
  pairedWindow,
  selectInstances,
  wantsKind,
  windowCanMatch,
} from "./plan";

const now = new Date("2026-01-10T12:00:00.700Z");
const at = (iso: string) => new Date(iso);

describe("pairedWindow (begin_time and end_time together)", () => {
  it("rounds outward to whole seconds", () => {
    const window = pairedWindow({ from: at("2026-01-01T00:00:00.900Z"), to: at("2026-01-02T00:00:00.100Z") }, now, {
      notAfterNow: false,
    });
    expect(window).toEqual({ begin: at("2026-01-01T00:00:00Z"), end: at("2026-01-02T00:00:01Z") });
  });

  it("keeps bounds that are whole seconds", () => {
    const plan = { from: at("2026-01-01T00:00:00Z"), to: at("2026-01-02T00:00:00Z") };
    expect(pairedWindow(plan, now, { notAfterNow: false })).toEqual({ begin: plan.from, end: plan.to });
  });

  it("pushes nothing without from (a start cannot be made up)", () => {
    expect(pairedWindow({ to: at("2026-01-02T00:00:00Z") }, now, { notAfterNow: false })).toBeUndefined();
    expect(pairedWindow({}, now, { notAfterNow: true })).toBeUndefined();
  });

  it("ends at now plus the gateway's clock-skew bound when to is open", () => {
    const window = pairedWindow({ from: at("2026-01-01T00:00:00Z") }, now, { notAfterNow: false });
    expect(window?.end).toEqual(new Date(Math.ceil((now.getTime() + CLOCK_SKEW_MS) / 1000) * 1000));
  });

  it("clamps the end to now, rounded down, for lists that refuse future times", () => {
    const open = pairedWindow({ from: at("2026-01-01T00:00:00Z") }, now, { notAfterNow: true });
    expect(open).toEqual({ begin: at("2026-01-01T00:00:00Z"), end: at("2026-01-10T12:00:00Z") });
    const future = pairedWindow({ from: at("2026-01-01T00:00:00Z"), to: at("2027-01-01T00:00:00Z") }, now, {
      notAfterNow: true,
    });
    expect(future?.end).toEqual(at("2026-01-10T12:00:00Z"));
    const past = pairedWindow({ from: at("2026-01-01T00:00:00Z"), to: at("2026-01-05T00:00:00Z") }, now, {
      notAfterNow: true,
    });
    expect(past?.end).toEqual(at("2026-01-05T00:00:00Z"));
  });

  it("pushes nothing when clamping leaves no valid window", () => {
    expect(pairedWindow({ from: at("2026-01-10T12:00:00.200Z") }, now, { notAfterNow: true })).toBeUndefined();
  });
});

describe("openWindow (independent bounds)", () => {
  it("rounds each given bound outward", () => {
    expect(openWindow({ from: at("2026-01-01T00:00:00.5Z") })).toEqual({ begin: at("2026-01-01T00:00:00Z") });
    expect(openWindow({ to: at("2026-01-01T00:00:00.5Z") })).toEqual({ end: at("2026-01-01T00:00:01Z") });
    expect(openWindow({})).toEqual({});
  });
});

describe("windowCanMatch", () => {
  it("is false for an empty window or one that opens after now", () => {
    expect(windowCanMatch({}, now)).toBe(true);
    expect(windowCanMatch({ from: at("2026-01-01T00:00:00Z"), to: at("2026-01-01T00:00:00Z") }, now)).toBe(false);
    expect(windowCanMatch({ from: at("2026-01-02T00:00:00Z"), to: at("2026-01-01T00:00:00Z") }, now)).toBe(false);
    expect(windowCanMatch({ from: at("2026-01-11T00:00:00Z") }, now)).toBe(false);
    expect(windowCanMatch({ from: now }, now)).toBe(true);
    expect(windowCanMatch({ to: at("2020-01-01T00:00:00Z") }, now)).toBe(true);
  });
});

describe("plan selection", () => {
  const full: Backup = {
    id: "b",
    service: "rds",
    engine: "mysql",
    engineVersion: null,
    region: "cn-north-4",
    projectId: "p",
    instanceId: "i1",
    instanceName: null,
    name: null,
    kind: "full",
    trigger: null,
    status: "completed",
    rawStatus: "COMPLETED",
    startedAt: "2026-01-05T00:00:00.000Z",
    endedAt: null,
    durationSeconds: null,
    sizeBytes: null,
    description: null,
    details: {},
  };

  it("keeps from <= startedAt < to", () => {
    expect(matchesPlan(full, {})).toBe(true);
    expect(matchesPlan(full, { from: at("2026-01-05T00:00:00Z") })).toBe(true);
    expect(matchesPlan(full, { from: at("2026-01-05T00:00:00.001Z") })).toBe(false);
    expect(matchesPlan(full, { to: at("2026-01-05T00:00:00Z") })).toBe(false);
    expect(matchesPlan(full, { to: at("2026-01-05T00:00:00.001Z") })).toBe(true);
  });

  it("keeps the plan's kinds and instances", () => {
    expect(matchesPlan(full, { kinds: ["incremental"] })).toBe(false);
    expect(matchesPlan(full, { kinds: ["full", "incremental"] })).toBe(true);
    expect(matchesPlan(full, { instanceIds: ["i2"] })).toBe(false);
    expect(matchesPlan(full, { instanceIds: ["i2", "i1"] })).toBe(true);
  });

  it("selects instances and kinds", () => {
    const instances = [{ id: "a" }, { id: "b" }, { id: "c" }];
    expect(selectInstances({}, instances)).toEqual(instances);
    expect(selectInstances({ instanceIds: ["c", "x"] }, instances)).toEqual([{ id: "c" }]);
    expect(selectInstances({ instanceIds: [] }, instances)).toEqual([]);
    expect(wantsKind({}, "differential")).toBe(true);
    expect(wantsKind({ kinds: [] }, "full")).toBe(false);
  });
});
