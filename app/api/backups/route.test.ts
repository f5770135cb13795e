import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type BackupPage, SERVICES, type StoredBackup } from "@/lib/inventory/model";
import { SORT_FIELDS } from "@/lib/inventory/query";
import type { Simulator, TruthBackup } from "@/lib/simulator";
import { call } from "@/lib/testing/cloud";
import {
  passReconcileInterval,
  passSyncSpacing,
  startTestInventory,
  stopTestInventory,
  syncAgain,
} from "@/lib/testing/inventory";
import { GET } from "./route";

// The sync's clock is the system's: moved past the spacing of requested syncs where a test needs another one.
vi.hoisted(() => vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true }));

let simulator: Simulator;
let truth: TruthBackup[];

beforeAll(async () => {
  simulator = await startTestInventory();
  truth = simulator.truth().backups;
});

afterAll(async () => {
  await stopTestInventory(simulator);
  vi.useRealTimers();
});

async function page(search: string): Promise<BackupPage> {
  const response = await call(GET, `/api/backups?${search}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as BackupPage;
}

/** Every backup of a view, page after page. */
async function all(search: string): Promise<StoredBackup[]> {
  const items: StoredBackup[] = [];
  for (let number = 1; ; number++) {
    const { items: pageItems, total } = await page(`${search}&pageSize=1000&page=${number}`);
    items.push(...pageItems);
    if (items.length >= total || pageItems.length === 0) return items;
  }
}

const ids = (backups: readonly { id: string }[]) => backups.map((backup) => backup.id);
const sortedIds = (backups: readonly { id: string }[]) => ids(backups).sort();

const totalCalls = () => SERVICES.reduce((sum, service) => sum + simulator.calls()[service].total, 0);

describe("GET /api/backups on the simulator", () => {
  it("returns every backup the simulator holds, each exactly once, with the documented values", async () => {
    const backups = await all("");
    for (const backup of backups)
      expect(backup, backup.id).toMatchObject({ firstSeenAt: expect.any(String), lastSeenAt: expect.any(String), goneAt: null });
    expect(backups.length).toBe(truth.length);
    expect(new Set(ids(backups)).size).toBe(backups.length);
    const byId = new Map(backups.map((backup) => [backup.id, backup]));
    for (const expected of truth) {
      const actual = byId.get(expected.id);
      expect(actual, expected.id).toBeDefined();
      expect({
        service: actual?.service,
        region: actual?.region,
        projectId: actual?.projectId,
        instanceId: actual?.instanceId,
        instanceName: actual?.instanceName,
        engine: actual?.engine,
        engineVersion: actual?.engineVersion,
        name: actual?.name,
        kind: actual?.kind,
        trigger: actual?.trigger,
        status: actual?.status,
        rawStatus: actual?.rawStatus,
        sizeBytes: actual?.sizeBytes,
        startedAt: actual?.startedAt,
        endedAt: actual?.endedAt,
        durationSeconds: actual?.durationSeconds,
        offsite: actual?.details.offsite ?? false,
      }).toEqual({
        service: expected.service,
        region: expected.region,
        projectId: expected.projectId,
        instanceId: expected.instanceId,
        instanceName: expected.instanceName,
        engine: expected.engine,
        engineVersion: expected.engineVersion,
        name: expected.name,
        kind: expected.kind,
        trigger: expected.trigger,
        status: expected.status,
        rawStatus: expected.rawStatus ?? "",
        sizeBytes: expected.sizeBytes,
        startedAt: new Date(expected.startedAt).toISOString(),
        endedAt: expected.endedAt === null ? null : new Date(expected.endedAt).toISOString(),
        // A log backup's two times are the span of log it holds, not a duration.
        durationSeconds:
          expected.endedAt === null || expected.kind === "incremental"
            ? null
            : Math.round((Date.parse(expected.endedAt) - Date.parse(expected.startedAt)) / 1000),
        offsite: expected.offsite,
      });
    }
  });

  it("skips nothing although every third record sends its optional fields as null or leaves them out", async () => {
    const forms = new Set(truth.map((backup) => `${backup.service}/${backup.optionalFields}`));
    for (const service of ["taurusdb", "rds", "dcs"])
      for (const form of ["present", "null", "absent"]) expect(forms).toContain(`${service}/${form}`);
    const { sources, total } = await page("");
    expect(total).toBe(truth.length);
    expect(sources.map((source) => [source.ok, source.skipped, source.skippedReason])).toEqual(
      sources.map(() => [true, 0, null]),
    );
  });

  it("covers every service, kind and status of the dataset", async () => {
    const { facets } = await page("");
    expect(Object.keys(facets.service).sort()).toEqual(["dcs", "rds", "taurusdb"]);
    expect(Object.keys(facets.kind).sort()).toEqual(["differential", "full", "incremental"]);
    expect(Object.keys(facets.status)).toEqual(expect.arrayContaining(["completed", "failed", "in_progress"]));
  });

  const instanceOf = () => truth.find((backup) => backup.service === "rds")?.instanceId ?? "";
  const FILTERS: [string, () => string, (backup: TruthBackup) => boolean][] = [
    ["service", () => "service=rds,dcs", (b) => b.service === "rds" || b.service === "dcs"],
    ["engine", () => "engine=postgresql", (b) => b.engine === "postgresql"],
    ["region", () => `region=${truth[0].region}`, (b) => b.region === truth[0].region],
    ["instance", () => `instance=${instanceOf()}`, (b) => b.instanceId === instanceOf()],
    ["status", () => "status=failed,in_progress", (b) => b.status === "failed" || b.status === "in_progress"],
    ["kind", () => "kind=incremental", (b) => b.kind === "incremental"],
    ["trigger", () => "trigger=manual", (b) => b.trigger === "manual"],
    [
      "q",
      () => "q=PROD",
      (b) => `${b.id}\n${b.name}\n${b.instanceId}\n${b.instanceName}`.toLowerCase().includes("prod"),
    ],
  ];

  for (const [name, search, keep] of FILTERS)
    it(`filters by ${name} exactly as the simulator's truth says`, async () => {
      const expected = truth.filter(keep);
      expect(expected.length).toBeGreaterThan(0);
      const backups = await all(search());
      expect(sortedIds(backups)).toEqual(sortedIds(expected));
    });

  it("keeps from <= startedAt < to, the bounds given with offsets", async () => {
    const times = truth.map((backup) => Date.parse(backup.startedAt)).sort((a, b) => a - b);
    const from = new Date(times[Math.floor(times.length / 3)]);
    const to = new Date(times[Math.floor((2 * times.length) / 3)]);
    const withOffset = (date: Date) =>
      new Date(date.getTime() + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "+08:00");
    const expected = truth.filter(
      (b) => Date.parse(b.startedAt) >= from.getTime() && Date.parse(b.startedAt) < to.getTime(),
    );
    const search = new URLSearchParams({ from: withOffset(from), to: to.toISOString() });
    const backups = await all(search.toString());
    expect(sortedIds(backups)).toEqual(sortedIds(expected));
    expect(backups.some((backup) => backup.startedAt === from.toISOString())).toBe(true);
    expect(backups.some((backup) => backup.startedAt === to.toISOString())).toBe(false);
  });

  it("sorts by size in both orders, ties by service then id ascending, nulls last", async () => {
    for (const order of ["asc", "desc"] as const) {
      const backups = await all(`sort=sizeBytes&order=${order}`);
      const expected = [...truth].sort((a, b) => {
        const bySize = order === "asc" ? a.sizeBytes - b.sizeBytes : b.sizeBytes - a.sizeBytes;
        return bySize || a.service.localeCompare(b.service) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      });
      expect(ids(backups)).toEqual(ids(expected));
    }
  });

  it("sorts by every documented field without error and by startedAt desc by default", async () => {
    const first = await page("pageSize=5");
    const times = first.items.map((backup) => backup.startedAt);
    expect(times).toEqual([...times].sort().reverse());
    for (const sort of SORT_FIELDS)
      expect((await page(`sort=${sort}&order=asc&pageSize=3`)).items).toHaveLength(3);
  });

  it("pages: sizes, the last partial page and a page past the end", async () => {
    const total = truth.length;
    const one = await page("pageSize=1&page=2");
    expect(one.items).toHaveLength(1);
    expect(one).toMatchObject({ page: 2, pageSize: 1, total });
    const lastPage = Math.ceil(total / 7);
    expect((await page(`pageSize=7&page=${lastPage}`)).items).toHaveLength(total - 7 * (lastPage - 1));
    const past = await page(`pageSize=7&page=${lastPage + 1}`);
    expect(past.items).toEqual([]);
    expect(past.total).toBe(total);
  });

  it("counts facets over every filter except their own", async () => {
    const { facets, total } = await page("service=rds&status=failed");
    const failed = truth.filter((backup) => backup.status === "failed");
    const count = (rows: TruthBackup[], key: (b: TruthBackup) => string) =>
      rows.reduce<Record<string, number>>((counts, row) => {
        counts[key(row)] = (counts[key(row)] ?? 0) + 1;
        return counts;
      }, {});
    expect(facets.service).toEqual(count(failed, (b) => b.service));
    expect(facets.status).toEqual(
      count(
        truth.filter((b) => b.service === "rds"),
        (b) => b.status,
      ),
    );
    expect(total).toBe(failed.filter((b) => b.service === "rds").length);
  });

  it("rejects invalid queries with the issues listed", async () => {
    const response = await call(GET, "/api/backups?pageSize=0&service=s3&from=yesterday");
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("invalid_query");
    expect(body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      "from",
      "pageSize",
      "service",
    ]);
  });
});

describe("the kept inventory", () => {
  it("answers every query from the store, with when each source last synced", async () => {
    simulator.resetCalls();
    const answers = await Promise.all([page(""), page("status=failed"), page("sort=name"), page("q=db&page=2")]);
    expect(totalCalls()).toBe(0);
    const { sources, fetchedAt, sync } = answers[0];
    expect(sources).toHaveLength(simulator.projects.length * SERVICES.length);
    for (const source of sources)
      expect(source).toMatchObject({ ok: true, error: null, complete: true, lastSyncedAt: expect.any(String) });
    expect(fetchedAt).toBe(sources.map((source) => source.lastSyncedAt).sort()[0]);
    expect(sync).toMatchObject({ state: "idle", lastSyncedAt: fetchedAt, progress: null });
    expect(sources.reduce((sum, source) => sum + source.backups, 0)).toBe(truth.length);
  });

  it("syncs for refresh=1 and answers once it has finished; refreshes close together share one sync", async () => {
    const before = (await page("")).fetchedAt ?? "";
    await passSyncSpacing();
    simulator.resetCalls();
    const refreshed = await Promise.all([page("refresh=1"), page("refresh=1&status=failed"), page("refresh=1")]);
    const calls = totalCalls();
    expect(calls).toBeGreaterThan(0);
    for (const answer of refreshed) expect(answer.fetchedAt! > before).toBe(true);
    expect(refreshed[0].sync.state).toBe("idle");
    await page("refresh=1");
    expect(totalCalls()).toBe(calls);
  });

  it("still returns every stored backup when a service is down, and names the failed sources", async () => {
    simulator.setFaults("dcs", { down: "unavailable" });
    try {
      await passSyncSpacing();
      const result = await page("refresh=1");
      const failed = result.sources.filter((source) => !source.ok);
      expect(failed.length).toBe(simulator.projects.length);
      for (const source of failed) {
        expect(source.service).toBe("dcs");
        expect(source.error?.httpStatus).toBe(503);
        // What it stored before stays, with when it last synced.
        expect(source.lastSyncedAt).not.toBeNull();
        expect(source.complete).toBe(true);
      }
      expect(result.total).toBe(truth.length);
      const dcs = await page("service=dcs");
      expect(dcs.total).toBe(truth.filter((backup) => backup.service === "dcs").length);
      expect(dcs.sources.every((source) => source.service === "dcs" && !source.ok)).toBe(true);
    } finally {
      simulator.setFaults("dcs", {});
      await syncAgain();
    }
    expect((await page("")).sources.every((source) => source.ok)).toBe(true);
  });

  it("answers 200 with what it stored, not 502, when every source fails now", async () => {
    for (const service of SERVICES) simulator.setFaults(service, { down: "unavailable" });
    try {
      await passSyncSpacing();
      const result = await page("refresh=1");
      expect(result.sources.every((source) => !source.ok && source.lastSyncedAt !== null)).toBe(true);
      expect(result.total).toBe(truth.length);
    } finally {
      for (const service of SERVICES) simulator.setFaults(service, {});
      await syncAgain();
    }
  });

  it("answers 200 with nothing for a region no project is configured in", async () => {
    const result = await page("region=eu-west-0");
    expect(result.total).toBe(0);
    expect(result.sources).toEqual([]);
    expect(result.fetchedAt).toBeNull();
  });

  it("keeps every backup through a complete listing despite 5xx errors and throttling, thanks to retries", async () => {
    for (const service of SERVICES) simulator.setFaults(service, { errorRate: 0.1, throttleRps: 40 });
    try {
      await passReconcileInterval();
      const result = await page("refresh=1");
      expect(result.sources.filter((source) => !source.ok)).toEqual([]);
      const backups = await all("");
      expect(sortedIds(backups)).toEqual(sortedIds(truth));
      expect((await page("presence=gone")).total).toBe(0);
    } finally {
      for (const service of SERVICES) simulator.setFaults(service, {});
    }
  });

  /** The newest RDS full backup of the dataset: inside the window every windowed sync asks for. */
  const newestRdsFull = () =>
    truth
      .filter((backup) => backup.service === "rds" && backup.kind === "full")
      .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))[0];

  it("counts and names a record without a status in its source, keeping the copy it stored", async () => {
    const broken = newestRdsFull();
    simulator.setFaults("rds", { malformedBackupIds: [broken.id] });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await passSyncSpacing();
      const result = await page("refresh=1");
      const source = result.sources.find((s) => s.service === "rds" && s.projectId === broken.projectId);
      expect(source).toMatchObject({ ok: true, error: null, skipped: 1 });
      expect(source?.skippedReason).toBe(
        `RDS backup list of instance ${broken.instanceId}: record ${broken.id}: size: Invalid input: expected number, received string; status: Invalid input: expected string, received undefined`,
      );
      expect(result.sources.filter((s) => s !== source).every((s) => s.skipped === 0)).toBe(true);
      expect(result.total).toBe(truth.length);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
      simulator.setFaults("rds", {});
    }
  });

  it("shows a backup the cloud no longer lists as gone after a complete listing, and current again once listed", async () => {
    const vanished = newestRdsFull();
    simulator.setFaults("rds", { malformedBackupIds: [vanished.id] });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await passReconcileInterval();
      await page("refresh=1");
    } finally {
      warn.mockRestore();
      simulator.setFaults("rds", {});
    }
    const gone = await page("presence=gone");
    expect(ids(gone.items)).toEqual([vanished.id]);
    expect(gone.items[0].goneAt).not.toBeNull();
    expect(gone.items[0].lastSeenAt < gone.items[0].goneAt!).toBe(true);
    expect(gone.facets.service).toEqual({ rds: 1 });
    expect((await page("")).total).toBe(truth.length - 1);
    expect((await page("presence=all")).total).toBe(truth.length);
    expect((await page(`presence=all&instance=${vanished.instanceId}&kind=full`)).items.map((b) => b.id)).toContain(
      vanished.id,
    );
    await syncAgain();
    expect((await page("presence=gone")).total).toBe(0);
    const back = (await all("")).find((backup) => backup.id === vanished.id);
    expect(back?.goneAt).toBeNull();
  });

  it("rejects a presence it does not know", async () => {
    const response = await call(GET, "/api/backups?presence=deleted");
    expect(response.status).toBe(400);
    expect((await response.json()).error.issues).toEqual([
      { path: "presence", message: '"deleted" is not one of current, gone, all' },
    ]);
  });
});
