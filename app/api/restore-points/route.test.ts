import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHAIN_TOLERANCE_SECONDS, type RestorePointAnswer } from "@/lib/restore/model";
import type { Simulator, TruthBackup } from "@/lib/simulator";
import { call } from "@/lib/testing/cloud";
import { startTestInventory, stopTestInventory } from "@/lib/testing/inventory";
import { GET } from "./route";

let simulator: Simulator;
let truth: TruthBackup[];

beforeAll(async () => {
  simulator = await startTestInventory({ seed: "restore-tests" });
  truth = simulator.truth().backups;
});

afterAll(() => stopTestInventory(simulator));

async function find(instance: string, at: string | number): Promise<RestorePointAnswer> {
  const iso = typeof at === "number" ? new Date(at).toISOString() : at;
  const response = await call(GET, `/api/restore-points?instance=${instance}&at=${encodeURIComponent(iso)}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as RestorePointAnswer;
}

const ms = (iso: string) => Date.parse(iso);

function completedFulls(instanceId: string): TruthBackup[] {
  return truth
    .filter((b) => b.instanceId === instanceId && b.kind === "full" && b.status === "completed" && b.endedAt)
    .sort((a, b) => ms(a.endedAt ?? "") - ms(b.endedAt ?? ""));
}

/** An instance of `service` with at least `count` completed full backups. */
function instanceWithFulls(service: TruthBackup["service"], count: number): string {
  const ids = [...new Set(truth.filter((b) => b.service === service).map((b) => b.instanceId))];
  const found = ids.find((id) => completedFulls(id).length >= count);
  if (!found) throw new Error(`no ${service} instance with ${count} completed full backups`);
  return found;
}

describe("GET /api/restore-points on the simulator", () => {
  it("reaches a point through the latest full backup before it and an unbroken run of log backups", async () => {
    const instanceId = instanceWithFulls("taurusdb", 3);
    const fulls = completedFulls(instanceId);
    const base = fulls[fulls.length - 2];
    const at = ms(base.endedAt ?? "") + 3 * 3_600_000 + 17_000;
    const answer = await find(instanceId, at);
    if (!answer.reachable) throw new Error(`unreachable: ${answer.explanation}`);
    const expectedBase = fulls.filter((full) => ms(full.endedAt ?? "") <= at).at(-1);
    expect(answer.base.id).toBe(expectedBase?.id);
    expect(answer.differential).toBeNull();
    expect(answer.instance).toMatchObject({ id: instanceId, service: "taurusdb" });
    const links = answer.incrementals;
    expect(links.length).toBeGreaterThan(0);
    const tolerance = CHAIN_TOLERANCE_SECONDS * 1000;
    expect(ms(links[0].startedAt)).toBeLessThanOrEqual(ms(answer.base.endedAt ?? "") + tolerance);
    for (let index = 1; index < links.length; index++)
      expect(ms(links[index].startedAt)).toBeLessThanOrEqual(ms(links[index - 1].endedAt ?? "") + tolerance);
    for (const link of links) {
      expect(link).toMatchObject({ instanceId, kind: "incremental", status: "completed" });
      expect(link.details.offsite ?? false).toBe(false);
    }
    expect(ms(answer.restoreUntil)).toBeGreaterThanOrEqual(at);
    expect(answer.restoreUntil).toBe(links.at(-1)?.endedAt);
    expect(answer.windows.some((window) => ms(window.from) <= at && at <= ms(window.until))).toBe(true);
  });

  it("answers DCS points between two backups as unreachable, with the neighbours as nearest points", async () => {
    const instanceId = instanceWithFulls("dcs", 2);
    const [first, second] = completedFulls(instanceId).slice(-2);
    const before = ms(first.endedAt ?? "");
    const after = ms(second.endedAt ?? "");
    const answer = await find(instanceId, Math.floor((before + after) / 2));
    expect(answer).toMatchObject({
      reachable: false,
      reason: "no_incremental_support",
      nearest: { before: new Date(before).toISOString(), after: new Date(after).toISOString() },
    });
    expect(answer.windows.every((window) => window.from === window.until)).toBe(true);
    expect(answer.windows.map((window) => window.from)).toEqual(
      completedFulls(instanceId).map((backup) => new Date(ms(backup.endedAt ?? "")).toISOString()),
    );
    const exact = await find(instanceId, after);
    expect(exact).toMatchObject({ reachable: true, base: { id: second.id }, incrementals: [] });
  });

  it("answers a point before the first full backup, one in the future and an unknown instance", async () => {
    const instanceId = instanceWithFulls("rds", 1);
    const first = completedFulls(instanceId)[0];
    const early = await find(instanceId, ms(first.startedAt) - 86_400_000);
    expect(early).toMatchObject({
      reachable: false,
      reason: "no_full_before",
      nearest: { before: null, after: first.endedAt },
    });
    const future = await find(instanceId, simulator.now().getTime() + 86_400_000);
    expect(future).toMatchObject({ reachable: false, reason: "in_future" });
    const unknown = await find("no-such-instance", simulator.now().getTime() - 3_600_000);
    expect(unknown).toMatchObject({ reachable: false, reason: "unknown_instance", instance: null });
    expect(unknown.sources.length).toBeGreaterThan(0);
  });

  it("stops at a failed RDS log backup", async () => {
    const failed = truth.find((link) => {
      if (link.service !== "rds" || link.kind !== "incremental" || link.status !== "failed") return false;
      // Its predecessor completed (the first failed log of a run: the one before it ended when it began), a base
      // ended well before it, no other base ends near it, and no other failed log lies between that base and it.
      const start = ms(link.startedAt);
      const bases = truth.filter(
        (b) => b.instanceId === link.instanceId && b.kind !== "incremental" && b.status === "completed" && b.endedAt,
      );
      const previousCompleted = truth.some(
        (b) =>
          b.instanceId === link.instanceId &&
          b.kind === "incremental" &&
          b.status === "completed" &&
          ms(b.endedAt ?? "") <= start &&
          ms(b.endedAt ?? "") > start - CHAIN_TOLERANCE_SECONDS * 1000,
      );
      const baseEnd = Math.max(...bases.map((b) => ms(b.endedAt ?? "")).filter((end) => end < start - 3_600_000));
      const failedBetween = truth.some(
        (b) =>
          b.instanceId === link.instanceId &&
          b.kind === "incremental" &&
          b.status === "failed" &&
          ms(b.startedAt) > baseEnd &&
          ms(b.startedAt) < start,
      );
      return (
        previousCompleted &&
        Number.isFinite(baseEnd) &&
        !failedBetween &&
        !bases.some((b) => Math.abs(ms(b.endedAt ?? "") - start) < 3 * 3_600_000)
      );
    });
    if (!failed) throw new Error("the dataset has no failed RDS log backup away from a full backup");
    const answer = await find(failed.instanceId, ms(failed.startedAt) + 60_000);
    expect(answer).toMatchObject({ reachable: false, reason: "failed_link" });
    if (answer.reachable) return;
    expect(answer.explanation).toContain(failed.id);
  });

  it("rejects invalid queries with the issues listed", async () => {
    const response = await call(GET, "/api/restore-points?at=soon");
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("invalid_query");
    expect(body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(["at", "instance"]);
  });
});
