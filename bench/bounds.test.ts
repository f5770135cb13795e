import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Service } from "../lib/inventory/model";
import { type Simulator, startSimulator, type Truth, type TruthBackup, type TruthInstance } from "../lib/simulator";
import {
  callsOf,
  DEFAULT_PAGE_SIZES,
  fetchTimeBound,
  listsToRead,
  MAX_PAGE_SIZES,
  pagesOf,
  rateTimeBound,
  type ServiceCalls,
  totalCalls,
} from "./bounds";
import { runPeer } from "./peer";
import { fetchInventory } from "./warm";

const PROJECT = { region: "cn-north-4", projectId: "p1" };
const EMPTY_PROJECT = { region: "cn-east-3", projectId: "p2" };

function instance(service: Service, id: string): TruthInstance {
  return {
    service,
    region: PROJECT.region,
    projectId: PROJECT.projectId,
    id,
    name: id,
    engine: service === "taurusdb" ? "gaussdb-mysql" : service === "rds" ? "mysql" : "redis",
    engineVersion: "1",
    status: "ACTIVE",
    backups: 0,
    flexus: false,
    offsiteTo: null,
  };
}

/** `count` backups of an instance, each listed by `operations`. */
function backups(of: TruthInstance, count: number, operations: string[]): TruthBackup[] {
  return Array.from({ length: count }, (_, index) => ({
    service: of.service,
    region: of.region,
    projectId: of.projectId,
    instanceId: of.id,
    instanceName: of.name,
    engine: of.engine,
    engineVersion: of.engineVersion,
    id: `${of.id}-${operations.join("+")}-${index}`,
    name: "b",
    kind: "full",
    trigger: "auto",
    offsite: false,
    rawStatus: "COMPLETED",
    status: "completed",
    sizeBytes: 1,
    startedAt: "2026-11-22T00:00:00.000Z",
    endedAt: null,
    operations,
    optionalFields: "present",
  }));
}

describe("the fewest calls", () => {
  const taurus = instance("taurusdb", "t1");
  const rds = instance("rds", "r1");
  const quietRds = instance("rds", "r2");
  const flexusRds = { ...instance("rds", "r3"), flexus: true };
  const copiedRds = { ...instance("rds", "r4"), offsiteTo: EMPTY_PROJECT.projectId };
  const dcs = instance("dcs", "d1");
  const truth: Truth = {
    instances: [taurus, rds, quietRds, flexusRds, copiedRds, dcs],
    backups: [
      // 230 full backups in both TaurusDB lists, 3 more (DELETING) only in the per-instance one.
      ...backups(taurus, 230, ["ShowGaussMySqlBackupList", "ShowInstanceBackups"]),
      ...backups(taurus, 3, ["ShowInstanceBackups"]),
      ...backups(taurus, 120, ["ShowGaussMySqlIncrementalBackupList"]),
      ...backups(rds, 100, ["ListBackups"]),
      // Copies stored in the other project, listed there.
      ...backups({ ...copiedRds, projectId: EMPTY_PROJECT.projectId }, 150, ["ListOffSiteBackups"]),
      ...backups(dcs, 1001, ["ListBackupRecords"]),
    ],
  };
  const lists = listsToRead(truth, [PROJECT, EMPTY_PROJECT]);

  it("reads every list a complete inventory needs, an empty one included", () => {
    const size = (service: Service, kind: string) =>
      lists.filter((list) => list.service === service && list.kind === kind).map((list) => list.records);
    expect(size("taurusdb", "instances").sort()).toEqual([0, 1]);
    expect(size("taurusdb", "projectFull").sort()).toEqual([0, 230]);
    expect(size("taurusdb", "instanceFull")).toEqual([233]);
    expect(size("taurusdb", "incremental")).toEqual([120]);
    expect(size("rds", "backups").sort()).toEqual([0, 0, 0, 100]);
    expect(size("rds", "instances").sort()).toEqual([0, 3]);
    expect(size("rds", "flexusInstances").sort()).toEqual([0, 1]);
    expect(size("rds", "offsiteInstances").sort()).toEqual([0, 1]);
    expect(size("rds", "offsiteBackups")).toEqual([150]);
    expect(size("dcs", "backups")).toEqual([1001]);
    expect(size("dcs", "instances").sort()).toEqual([0, 1]);
  });

  it("pages each list at the largest page size, one call at least", () => {
    expect(pagesOf(0, 100)).toBe(1);
    expect(pagesOf(100, 100)).toBe(1);
    expect(pagesOf(101, 100)).toBe(2);
    const calls = callsOf(lists, MAX_PAGE_SIZES);
    // Instance lists 2; project-wide 3 + 1 (empty project); per instance 3; incremental ⌈120/50⌉ = 3.
    expect(calls.taurusdb).toEqual({ calls: 12, byRound: [4, 4, 4] });
    // Per project the instance list, the Flexus one and the offsite instances: 6; one page each for r1 (100),
    // r2, r3 and r4 (empty); r4's 150 copies in the other project: 2 pages.
    expect(calls.rds).toEqual({ calls: 12, byRound: [6, 5, 1] });
    // Instance lists 2; d1 ⌈1001/1000⌉ = 2 pages.
    expect(calls.dcs).toEqual({ calls: 4, byRound: [2, 1, 1] });
    expect(totalCalls(calls)).toBe(28);
  });

  it("pages with the default page sizes for the peer", () => {
    const calls = callsOf(lists, DEFAULT_PAGE_SIZES);
    // The incremental list by 10: 12 pages instead of 3; DCS backups by 10: 101 pages.
    expect(calls.taurusdb.calls).toBe(21);
    expect(calls.dcs.calls).toBe(2 + 101);
  });
});

describe("the time bounds", () => {
  const calls = (taurusdb: number[], rds: number[], dcs: number[]): Record<Service, ServiceCalls> => {
    const of = (byRound: number[]) => ({ calls: byRound.reduce((a, b) => a + b, 0), byRound });
    return { taurusdb: of(taurusdb), rds: of(rds), dcs: of(dcs) };
  };

  it("is the chain of round trips when few calls are needed", () => {
    expect(fetchTimeBound(calls([2, 3, 1], [2, 2], [2, 2]), 50, 16)).toEqual({
      ms: 150,
      roundAwareMs: 150,
      limitedBy: "taurusdb",
    });
  });

  it("is the calls over the concurrency cap when many are needed, the largest over services", () => {
    // rds: 2 + 200 + 30 = 232 calls → ⌈232/16⌉ = 15 latencies; after round 1, 230 calls → 1 + 15 = 16.
    const bound = fetchTimeBound(calls([4, 20], [2, 200, 30], [4, 10]), 50, 16);
    expect(bound.ms).toBe(750);
    expect(bound.limitedBy).toBe("rds");
    expect(bound.roundAwareMs).toBe(800);
  });

  it("is each service's calls at the rate, the largest over services", () => {
    expect(rateTimeBound(calls([100, 167], [153], [79]), 20)).toEqual({ ms: 13_350, limitedBy: "taurusdb" });
  });
});

describe("against the simulator", () => {
  let simulator: Simulator;
  let truth: Truth;
  beforeAll(async () => {
    simulator = await startSimulator({ seed: "bounds-test", instances: 60, days: 3, still: true });
    truth = simulator.truth();
  });
  afterAll(() => simulator.close());

  it("the app's adapters make exactly the fewest calls, service by service", async () => {
    const fewest = callsOf(listsToRead(truth, simulator.projects), MAX_PAGE_SIZES);
    simulator.resetCalls();
    const { backups } = await fetchInventory(simulator, 0);
    expect(backups.length).toBe(truth.backups.length);
    const made = simulator.calls();
    expect({ taurusdb: made.taurusdb.total, rds: made.rds.total, dcs: made.dcs.total }).toEqual({
      taurusdb: fewest.taurusdb.calls,
      rds: fewest.rds.calls,
      dcs: fewest.dcs.calls,
    });
  });

  it("the peer makes the calls its page sizes imply and reads every backup", async () => {
    simulator.resetCalls();
    const peer = await runPeer(simulator);
    expect(peer.backups).toBe(truth.backups.length);
    const made = simulator.calls();
    expect(made.taurusdb.total + made.rds.total + made.dcs.total).toBe(
      totalCalls(callsOf(listsToRead(truth, simulator.projects), DEFAULT_PAGE_SIZES)),
    );
  });
});
