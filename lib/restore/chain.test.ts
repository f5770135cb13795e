import { describe, expect, it } from "vitest";
import type { Backup, Service } from "../inventory/model";
import { makeBackup } from "../testing/backups";
import { findRestorePoint, latestRecoveryPoint, prepareChains, recoveryWindows } from "./chain";
import type { ReachablePoint, RestorePlan, UnreachablePoint } from "./model";

const DAY = "2026-11-20";
const t = (time: string) => `${DAY}T${time}Z`;
const NOW = new Date("2026-11-22T00:00:00Z");

function full(id: string, start: string, end: string | null, extra: Partial<Backup> = {}): Backup {
  return makeBackup({ id, startedAt: t(start), endedAt: end === null ? null : t(end), ...extra });
}

function log(id: string, start: string, end: string | null, extra: Partial<Backup> = {}): Backup {
  return full(id, start, end, { kind: "incremental", trigger: "auto", ...extra });
}

/** A full backup 00:00–00:10, and two-hourly logs from 00:00 with a one-minute gap between them. */
function taurusChain(): Backup[] {
  return [
    full("F1", "00:00:00", "00:10:00"),
    log("L0", "00:00:00", "01:59:00"),
    log("L1", "02:00:00", "03:59:00"),
    log("L2", "04:00:00", "05:59:00"),
    log("L3", "06:00:00", "07:59:00"),
  ];
}

function find(backups: Backup[], at: string, service: Service = "taurusdb"): RestorePlan {
  return findRestorePoint(prepareChains(backups, service), new Date(at), NOW);
}

function reachable(plan: RestorePlan): ReachablePoint {
  if (!plan.reachable) throw new Error(`expected a reachable point, got ${plan.reason}: ${plan.explanation}`);
  return plan;
}

function unreachable(plan: RestorePlan): UnreachablePoint {
  if (plan.reachable) throw new Error(`expected an unreachable point: ${plan.explanation}`);
  return plan;
}

const ids = (backups: readonly Backup[]) => backups.map((backup) => backup.id);

describe("findRestorePoint: reachable points", () => {
  it("restores the full backup and the incrementals covering the rest, up to the last one's end", () => {
    const plan = reachable(find(taurusChain(), t("05:00:00")));
    expect(plan.base.id).toBe("F1");
    expect(plan.differential).toBeNull();
    expect(ids(plan.incrementals)).toEqual(["L0", "L1", "L2"]);
    expect(plan.restoreUntil).toBe(t("05:59:00.000"));
    expect(plan.at).toBe(t("05:00:00.000"));
    expect(plan.explanation).toContain("F1");
    expect(plan.explanation).toContain("3 incremental backups");
  });

  it("needs no incremental backup at exactly a full backup's end", () => {
    const plan = reachable(find(taurusChain(), t("00:10:00")));
    expect(plan.base.id).toBe("F1");
    expect(plan.incrementals).toEqual([]);
    expect(plan.restoreUntil).toBe(t("00:10:00.000"));
    expect(plan.explanation).toContain("exactly the requested point");
  });

  it("stops at an incremental boundary: the link ending exactly at the point is the last one", () => {
    const plan = reachable(find(taurusChain(), t("03:59:00")));
    expect(ids(plan.incrementals)).toEqual(["L0", "L1"]);
    expect(plan.restoreUntil).toBe(t("03:59:00.000"));
  });

  it("reads a gap within the tolerance as continuous, also for a point inside it", () => {
    const plan = reachable(find(taurusChain(), t("03:59:30")));
    expect(ids(plan.incrementals)).toEqual(["L0", "L1", "L2"]);
  });

  it("uses a link that started before the full backup ended", () => {
    const plan = reachable(
      find([full("F1", "00:00:00", "00:10:00"), log("L0", "00:05:00", "02:00:00")], t("01:00:00")),
    );
    expect(ids(plan.incrementals)).toEqual(["L0"]);
  });

  it("takes the fewest links when incrementals overlap: the one reaching furthest", () => {
    const backups = [
      full("F1", "00:00:00", "00:10:00"),
      log("short-a", "00:00:00", "01:00:00"),
      log("long", "00:05:00", "06:00:00"),
      log("short-b", "01:00:00", "02:00:00"),
      log("tail", "05:00:00", "09:00:00"),
    ];
    const plan = reachable(find(backups, t("08:00:00")));
    expect(ids(plan.incrementals)).toEqual(["long", "tail"]);
    expect(plan.restoreUntil).toBe(t("09:00:00.000"));
  });

  it("starts from the latest full backup before the point, not an older one", () => {
    const backups = [...taurusChain(), full("F2", "04:30:00", "04:40:00")];
    const plan = reachable(find(backups, t("05:00:00")));
    expect(plan.base.id).toBe("F2");
    expect(ids(plan.incrementals)).toEqual(["L2"]);
  });

  it("ignores failed and running full backups as bases", () => {
    const backups = [
      ...taurusChain(),
      full("F2-failed", "04:30:00", "04:35:00", { status: "failed" }),
      full("F3-running", "04:50:00", null, { status: "in_progress" }),
    ];
    expect(reachable(find(backups, t("05:00:00"))).base.id).toBe("F1");
  });

  it("RDS: restores a differential on top of its full base, then the logs after it", () => {
    const backups = [
      full("F1", "00:00:00", "00:10:00", { service: "rds" }),
      log("L0", "00:00:00", "02:00:00", { service: "rds" }),
      // The logs break between 02:00 and 05:00; the differential bridges the gap.
      full("D1", "06:00:00", "06:10:00", { service: "rds", kind: "differential", trigger: null }),
      log("L1", "05:00:00", "07:00:00", { service: "rds" }),
      log("L2", "07:00:30", "09:00:00", { service: "rds" }),
    ];
    const plan = reachable(find(backups, t("08:00:00"), "rds"));
    expect(plan.base.id).toBe("F1");
    expect(plan.differential?.id).toBe("D1");
    expect(ids(plan.incrementals)).toEqual(["L1", "L2"]);
    expect(plan.explanation).toContain("differential backup D1");
    // Exactly at the differential's end: the full and the differential alone.
    const atDifferential = reachable(find(backups, t("06:10:00"), "rds"));
    expect(atDifferential.differential?.id).toBe("D1");
    expect(atDifferential.incrementals).toEqual([]);
  });

  it("RDS: a differential's base is the latest completed full backup that had ended when it started", () => {
    const backups = [
      full("F1", "00:00:00", "00:10:00", { service: "rds" }),
      full("F2-failed", "03:00:00", "03:10:00", { service: "rds", status: "failed" }),
      full("D1", "06:00:00", "06:10:00", { service: "rds", kind: "differential" }),
    ];
    const plan = reachable(find(backups, t("06:10:00"), "rds"));
    expect(plan.base.id).toBe("F1");
    expect(plan.differential?.id).toBe("D1");
  });

  it("DCS: a backup's end is reachable exactly", () => {
    const backups = [
      full("B1", "01:00:00", "01:00:05", { service: "dcs" }),
      full("B2", "13:00:00", "13:00:07", { service: "dcs" }),
    ];
    const plan = reachable(find(backups, t("13:00:07"), "dcs"));
    expect(plan.base.id).toBe("B2");
    expect(plan.incrementals).toEqual([]);
  });
});

describe("findRestorePoint: unreachable points, each reason", () => {
  it("in_future: a point after now, with the latest restorable point", () => {
    const plan = unreachable(
      findRestorePoint(prepareChains(taurusChain(), "taurusdb"), new Date(t("10:00:00")), new Date(t("09:00:00"))),
    );
    expect(plan.reason).toBe("in_future");
    expect(plan.nearest).toEqual({ before: t("07:59:00.000"), after: null });
  });

  it("no_full_before: the point precedes the first full backup's end; the next point is that end", () => {
    const plan = unreachable(find(taurusChain(), t("00:05:00")));
    expect(plan.reason).toBe("no_full_before");
    expect(plan.nearest).toEqual({ before: null, after: t("00:10:00.000") });
    expect(plan.explanation).toContain(t("00:10:00.000"));
  });

  it("no_full_before: an instance with incrementals but no successful full backup", () => {
    const backups = [full("F1", "00:00:00", "00:03:00", { status: "failed" }), log("L0", "00:00:00", "01:59:00")];
    const plan = unreachable(find(backups, t("01:00:00")));
    expect(plan.reason).toBe("no_full_before");
    expect(plan.nearest).toEqual({ before: null, after: null });
    expect(plan.explanation).toContain("no successful full backup");
  });

  it("chain_gap: the next incremental starts more than the tolerance after the previous one ended", () => {
    const backups = [
      full("F1", "00:00:00", "00:10:00"),
      log("L0", "00:00:00", "01:59:00"),
      log("L1", "02:00:00", "03:59:00"),
      log("L3", "06:00:00", "07:59:00"),
      full("F2", "12:00:00", "12:10:00"),
    ];
    const plan = unreachable(find(backups, t("05:00:00")));
    expect(plan.reason).toBe("chain_gap");
    expect(plan.nearest).toEqual({ before: t("03:59:00.000"), after: t("12:10:00.000") });
    expect(plan.explanation).toContain(t("06:00:00"));
    // A point after the gap, still before the next full backup, is not reachable either.
    expect(unreachable(find(backups, t("07:00:00"))).reason).toBe("chain_gap");
    // Just within the tolerance of the chain's end still is.
    expect(reachable(find(backups, t("03:59:00"))).restoreUntil).toBe(t("03:59:00.000"));
  });

  it("chain_gap: offsite incrementals do not bridge a gap in the instance's own chain", () => {
    const backups = [
      full("F1", "00:00:00", "00:10:00"),
      log("L0", "00:00:00", "01:59:00"),
      log("OFF", "00:00:00", "11:59:00", { details: { offsite: true } }),
      log("L3", "06:00:00", "07:59:00"),
    ];
    expect(unreachable(find(backups, t("05:00:00"))).reason).toBe("chain_gap");
    expect(recoveryWindows(prepareChains(backups, "taurusdb"))).toEqual([
      { from: t("00:10:00.000"), until: t("01:59:00.000") },
    ]);
  });

  it("no_full_before: an offsite copy of a full backup is no start point in the instance's own region", () => {
    const backups = [full("COPY", "00:00:00", "00:10:00", { service: "rds", details: { offsite: true } })];
    expect(unreachable(find(backups, t("00:10:00"), "rds")).reason).toBe("no_full_before");
    expect(latestRecoveryPoint(prepareChains(backups, "rds"))).toBeNull();
  });

  it("failed_link: a failed incremental is where the chain stops", () => {
    const backups = taurusChain().map((backup) =>
      backup.id === "L2" ? { ...backup, status: "failed" as const } : backup,
    );
    const plan = unreachable(find(backups, t("05:00:00")));
    expect(plan.reason).toBe("failed_link");
    expect(plan.explanation).toContain("L2");
    expect(plan.nearest).toEqual({ before: t("03:59:00.000"), after: null });
    // Before the failed link, the chain still reaches.
    expect(reachable(find(backups, t("03:00:00"))).incrementals).toHaveLength(2);
  });

  it("no_incremental_support: DCS between two backups, with both neighbours", () => {
    const backups = [
      full("B1", "01:00:00", "01:00:05", { service: "dcs" }),
      full("B2", "13:00:00", "13:00:07", { service: "dcs" }),
    ];
    const plan = unreachable(find(backups, t("06:00:00"), "dcs"));
    expect(plan.reason).toBe("no_incremental_support");
    expect(plan.nearest).toEqual({ before: t("01:00:05.000"), after: t("13:00:07.000") });
    expect(plan.explanation).toContain("DCS keeps full backups only");
  });

  it("after_latest_backup: past the newest restorable point, naming the incremental still running", () => {
    const backups = [...taurusChain(), log("L4", "08:00:00", null, { status: "in_progress" })];
    const plan = unreachable(find(backups, t("08:30:00")));
    expect(plan.reason).toBe("after_latest_backup");
    expect(plan.explanation).toContain("L4");
    expect(plan.explanation).toContain("still running");
    expect(plan.nearest).toEqual({ before: t("07:59:00.000"), after: null });
    expect(unreachable(find(taurusChain(), t("09:00:00"))).explanation).toContain("no later backup has finished");
  });
});

describe("recovery windows", () => {
  it("are disjoint spans from each start point through its chain", () => {
    const backups = [
      full("F1", "00:00:00", "00:10:00"),
      log("L0", "00:00:00", "01:59:00"),
      full("F2", "01:00:00", "01:10:00"),
      log("L3", "06:00:00", "07:59:00"),
      full("F3", "10:00:00", "10:10:00"),
    ];
    expect(recoveryWindows(prepareChains(backups, "taurusdb"))).toEqual([
      { from: t("00:10:00.000"), until: t("01:59:00.000") },
      { from: t("10:10:00.000"), until: t("10:10:00.000") },
    ]);
    expect(latestRecoveryPoint(prepareChains(backups, "taurusdb"))).toBe(t("10:10:00.000"));
  });

  it("DCS: one point per successful backup; none without one", () => {
    const backups = [
      full("B1", "01:00:00", "01:00:05", { service: "dcs" }),
      full("B2", "13:00:00", "13:00:07", { service: "dcs", status: "failed" }),
      log("ignored", "01:00:00", "20:00:00", { service: "dcs" }),
    ];
    expect(recoveryWindows(prepareChains(backups, "dcs"))).toEqual([
      { from: t("01:00:05.000"), until: t("01:00:05.000") },
    ]);
    expect(latestRecoveryPoint(prepareChains([], "dcs"))).toBeNull();
  });

  it("honour a custom tolerance", () => {
    const backups = taurusChain();
    expect(recoveryWindows(prepareChains(backups, "taurusdb", { toleranceMs: 30_000 }))).toEqual([
      { from: t("00:10:00.000"), until: t("01:59:00.000") },
    ]);
  });
});
