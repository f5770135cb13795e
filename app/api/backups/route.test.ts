import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Backup, BackupPage } from "@/lib/inventory/model";
import { SORT_FIELDS } from "@/lib/inventory/query";
import type { Simulator, TruthBackup } from "@/lib/simulator";
import { call, startTestCloud } from "@/lib/testing/cloud";
import { GET } from "./route";

let simulator: Simulator;
let truth: TruthBackup[];

beforeAll(async () => {
  simulator = await startTestCloud();
  truth = simulator.truth().backups;
});

afterAll(() => simulator.close());

async function page(search: string): Promise<BackupPage> {
  const response = await call(GET, `/api/backups?${search}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as BackupPage;
}

/** Every backup of a view, page after page. */
async function all(search: string): Promise<Backup[]> {
  const items: Backup[] = [];
  for (let number = 1; ; number++) {
    const { items: pageItems, total } = await page(`${search}&pageSize=1000&page=${number}`);
    items.push(...pageItems);
    if (items.length >= total || pageItems.length === 0) return items;
  }
}

const ids = (backups: readonly { id: string }[]) => backups.map((backup) => backup.id);
const sortedIds = (backups: readonly { id: string }[]) => ids(backups).sort();

describe("GET /api/backups on the simulator", () => {
  it("returns every backup the simulator holds, each exactly once, with the documented values", async () => {
    const backups = await all("");
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
    const { facets, total, partialFacets } = await page("service=rds&status=failed");
    const failed = truth.filter((backup) => backup.status === "failed");
    const count = (rows: TruthBackup[], key: (b: TruthBackup) => string) =>
      rows.reduce<Record<string, number>>((counts, row) => {
        counts[key(row)] = (counts[key(row)] ?? 0) + 1;
        return counts;
      }, {});
    expect(partialFacets).toEqual([]);
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

describe("fetching", () => {
  it("serves repeated and concurrent queries from one fan-out, and refresh=1 fetches again", async () => {
    await page("");
    simulator.resetCalls();
    await Promise.all([page("status=failed"), page("sort=name"), page("q=db")]);
    expect(simulator.calls().rds.total).toBe(0);
    await Promise.all([page("refresh=1"), page("refresh=1"), page("refresh=1")]);
    const once = simulator.calls();
    simulator.resetCalls();
    await page("refresh=1");
    expect(simulator.calls()).toEqual(once);
  });

  it("does not call a service or a kind the filter excludes", async () => {
    simulator.resetCalls();
    const narrowed = await page("service=dcs&refresh=1");
    expect(narrowed.partialFacets).toEqual(["service"]);
    expect(simulator.calls().taurusdb.total).toBe(0);
    expect(simulator.calls().rds.total).toBe(0);
    expect(simulator.calls().dcs.total).toBeGreaterThan(0);
    simulator.resetCalls();
    await page("service=taurusdb&kind=full&refresh=1");
    expect(simulator.calls().taurusdb.operations.ShowGaussMySqlIncrementalBackupList).toBe(0);
  });

  it("still returns the other services when one is down, and names the failed source", async () => {
    simulator.setFaults("dcs", { down: "unavailable" });
    try {
      const result = await page("refresh=1");
      const failed = result.sources.filter((source) => !source.ok);
      expect(failed.length).toBe(new Set(truth.map((b) => b.projectId)).size);
      expect(failed.every((source) => source.service === "dcs" && source.error?.httpStatus === 503)).toBe(true);
      expect(result.total).toBe(truth.filter((backup) => backup.service !== "dcs").length);
    } finally {
      simulator.setFaults("dcs", {});
    }
  });

  it("answers 502 with the sources when every source fails", async () => {
    for (const service of ["taurusdb", "rds", "dcs"] as const) simulator.setFaults(service, { down: "unavailable" });
    try {
      const response = await call(GET, "/api/backups?refresh=1");
      expect(response.status).toBe(502);
      const body = await response.json();
      expect(body.error.code).toBe("upstream_unavailable");
      expect(body.sources.length).toBeGreaterThan(0);
      expect(body.sources.every((source: { ok: boolean }) => !source.ok)).toBe(true);
    } finally {
      for (const service of ["taurusdb", "rds", "dcs"] as const) simulator.setFaults(service, {});
    }
  });

  it("answers 502 for a view whose only sources failed, even with a wider inventory cached", async () => {
    simulator.setFaults("dcs", { down: "unavailable" });
    try {
      expect((await page("refresh=1")).total).toBeGreaterThan(0);
      const response = await call(GET, "/api/backups?service=dcs");
      expect(response.status).toBe(502);
      const body = await response.json();
      expect(body.sources.map((source: { service: string }) => source.service)).toEqual(
        simulator.projects.map(() => "dcs"),
      );
      const other = await page("service=rds");
      expect(other.sources.every((source) => source.service === "rds" && source.ok)).toBe(true);
    } finally {
      simulator.setFaults("dcs", {});
    }
  });

  it("answers 200 with nothing for a region no project is configured in", async () => {
    const result = await page("region=eu-west-0");
    expect(result.total).toBe(0);
    expect(result.sources).toEqual([]);
  });

  it("is complete despite 5xx errors and throttling, thanks to retries", async () => {
    for (const service of ["taurusdb", "rds", "dcs"] as const)
      simulator.setFaults(service, { errorRate: 0.1, throttleRps: 40 });
    try {
      const result = await page("refresh=1");
      expect(result.sources.filter((source) => !source.ok)).toEqual([]);
      const backups = await all("");
      expect(sortedIds(backups)).toEqual(sortedIds(truth));
    } finally {
      for (const service of ["taurusdb", "rds", "dcs"] as const) simulator.setFaults(service, {});
    }
  });

  it("skips a record without a status, counts and names it in its source, and shows the rest", async () => {
    const broken = truth.find((backup) => backup.service === "rds" && backup.kind === "full");
    if (!broken) throw new Error("the dataset has no RDS full backup");
    simulator.setFaults("rds", { malformedBackupIds: [broken.id] });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const result = await page("refresh=1");
      const source = result.sources.find((s) => s.service === "rds" && s.projectId === broken.projectId);
      expect(source).toMatchObject({ ok: true, error: null, skipped: 1 });
      expect(source?.skippedReason).toBe(
        `RDS backup list of instance ${broken.instanceId}: record ${broken.id}: size: Invalid input: expected number, received string; status: Invalid input: expected string, received undefined`,
      );
      expect(result.sources.filter((s) => s !== source).every((s) => s.skipped === 0)).toBe(true);
      expect(result.total).toBe(truth.length - 1);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
      simulator.setFaults("rds", {});
    }
  });
});
