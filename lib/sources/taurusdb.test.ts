import { describe, expect, it, vi } from "vitest";
import type { CloudRequest } from "../cloud/types";
import type { Instance } from "../inventory/model";
import { CALL_PRIORITY, readRecords } from "./paging";
import {
  fetchTaurusdb,
  fetchTaurusdbInstances,
  normaliseTaurusdbFullBackup,
  normaliseTaurusdbIncrementalBackup,
  normaliseTaurusdbInstance,
  normaliseTaurusdbInstanceBackup,
  type TaurusdbScope,
  taurusdbFullBackupListSchema,
  taurusdbFullBackupSchema,
  taurusdbIncrementalBackupListSchema,
  taurusdbIncrementalBackupSchema,
  taurusdbInstanceBackupListSchema,
  taurusdbInstanceBackupSchema,
  taurusdbInstanceSchema,
} from "./taurusdb";
import { context, FakeCloud, PROJECT, pageOf, readFixture } from "./testing/fake-cloud";
import { modelVariants } from "./testing/variants";

const P = PROJECT.projectId;

function instance(id: string, name: string, version = "8.0"): Instance {
  return {
    service: "taurusdb",
    region: PROJECT.region,
    projectId: P,
    id,
    name,
    engine: "gaussdb-mysql",
    engineVersion: version,
    status: "normal",
  };
}

function scopeOf(...instances: Instance[]): TaurusdbScope {
  return { project: PROJECT, instances: new Map(instances.map((i) => [i.id, i])), timeZones: new Map() };
}

/** Parses one documented example response: the envelope strictly, then its records one by one. */
function parseFixture<R>(
  name: string,
  envelope: { parse(body: unknown): { total: number; records: unknown[] } },
  record: Parameters<typeof readRecords<R>>[0]["record"],
) {
  const page = envelope.parse(readFixture(name));
  return { total: page.total, ...readRecords({ label: name, record, idKey: "id" }, page.records, 0) };
}

describe("TaurusDB example responses, parsed verbatim", () => {
  it("project-wide full-backup list", () => {
    const page = parseFixture("taurusdb-full-backups.json", taurusdbFullBackupListSchema, taurusdbFullBackupSchema);
    expect(page.total).toBe(1);
    expect(page.skipped).toEqual([]);
    expect(page.items).toHaveLength(1);
    expect(normaliseTaurusdbFullBackup(page.items[0], scopeOf())).toEqual({
      id: "1fe4feaab48f11e6654hfa163eba87e4b66u",
      service: "taurusdb",
      engine: "gaussdb-mysql",
      engineVersion: "8.0",
      region: "cn-north-4",
      projectId: P,
      instanceId: "43e4feaab48f11e89039fa163ebaa7e4br01",
      instanceName: "TaurusDB-gauss-e747",
      name: "TaurusDB-gauss-e747-20200705185048266",
      kind: "full",
      trigger: "auto",
      status: "completed",
      rawStatus: "COMPLETED",
      startedAt: "2018-08-06T04:41:14.000Z",
      endedAt: "2018-08-06T04:45:14.000Z",
      durationSeconds: 240,
      sizeBytes: 2803 * 1024 * 1024,
      description: null,
      details: {
        type: "auto",
        backupLevel: "2",
        takeUpTime: 2,
        datastore: { type: "GaussDB(for MySQL)", version: "8.0" },
      },
    });
  });

  it("per-instance full-backup list (zh-cn doc): total_count and size as strings, created in time_zone", () => {
    const page = parseFixture(
      "taurusdb-instance-backups.zh-cn.json",
      taurusdbInstanceBackupListSchema,
      taurusdbInstanceBackupSchema(null),
    );
    expect(page.total).toBe(1);
    expect(page.skipped).toEqual([]);
    expect(page.items).toHaveLength(1);
    const backup = normaliseTaurusdbInstanceBackup(
      page.items[0],
      "instance-123",
      scopeOf(instance("instance-123", "x", "8.0.22")),
    );
    expect(backup).toEqual({
      id: "backup-001",
      service: "taurusdb",
      engine: "gaussdb-mysql",
      engineVersion: "8.0.22",
      region: "cn-north-4",
      projectId: P,
      instanceId: "instance-123",
      instanceName: "prod-db",
      name: "daily-backup-20231101",
      kind: "full",
      trigger: null,
      status: "completed",
      rawStatus: "COMPLETED",
      startedAt: "2026-01-04T09:30:30.000Z",
      endedAt: null,
      durationSeconds: null,
      sizeBytes: 74464 * 1024,
      description: "每日自动备份",
      details: {
        backupType: "Db",
        backupLevel: "2",
        backupMethod: "Db",
        useDetail: "生产环境备份",
        updated: "2026-01-04T09:34:24.000Z",
        timeZone: "UTC+08:00",
      },
    });
  });

  it("incremental-backup list: fractional KB, no duration (its times are the log it holds), the instance named", () => {
    const page = parseFixture(
      "taurusdb-incremental-backups.json",
      taurusdbIncrementalBackupListSchema,
      taurusdbIncrementalBackupSchema,
    );
    expect(page.total).toBe(1);
    expect(page.skipped).toEqual([]);
    expect(page.items).toHaveLength(1);
    const id = "61a4ea66210545909d74a05c27a7179ein07";
    expect(normaliseTaurusdbIncrementalBackup(page.items[0], id, scopeOf(instance(id, "orders-db")))).toEqual({
      id: "f0d2aea28d26t4848b8c84ed3fea1822fbr07",
      service: "taurusdb",
      engine: "gaussdb-mysql",
      engineVersion: "8.0",
      region: "cn-north-4",
      projectId: P,
      instanceId: id,
      instanceName: "orders-db",
      name: "TaurusDB--20230728181555006",
      kind: "incremental",
      trigger: "auto",
      status: "completed",
      rawStatus: "",
      startedAt: "2022-07-07T04:41:14.000Z",
      endedAt: "2022-07-08T04:45:14.000Z",
      durationSeconds: null,
      sizeBytes: 112,
      description: null,
      details: { offsite: false },
    });
  });
});

describe("TaurusDB normalisation rules", () => {
  const full = {
    id: "b1",
    begin_time: "2026-01-01T10:00:00+0800",
    end_time: "2026-01-01T10:05:00+0800",
    status: "COMPLETED",
    type: "manual",
    size: 1,
    instance_id: "i1",
  };

  it("takes the trigger from type, and the instance name and version from the instance list when absent", () => {
    const record = taurusdbFullBackupSchema.parse(full);
    const backup = normaliseTaurusdbFullBackup(record, scopeOf(instance("i1", "listed", "8.0.30")));
    expect(backup).toMatchObject({
      trigger: "manual",
      instanceName: "listed",
      engineVersion: "8.0.30",
      sizeBytes: 1_048_576,
    });
    const other = normaliseTaurusdbFullBackup(taurusdbFullBackupSchema.parse({ ...full, type: "snapshot" }), scopeOf());
    expect(other).toMatchObject({
      trigger: null,
      instanceName: null,
      engineVersion: null,
      details: { type: "snapshot" },
    });
  });

  it("reads an empty or missing end_time as a running backup without an end", () => {
    for (const end of [{ end_time: "" }, { end_time: undefined }]) {
      const record = taurusdbFullBackupSchema.parse({ ...full, ...end, status: "BUILDING", size: 0 });
      expect(normaliseTaurusdbFullBackup(record, scopeOf())).toMatchObject({
        status: "in_progress",
        rawStatus: "BUILDING",
        endedAt: null,
        durationSeconds: null,
        sizeBytes: 0,
      });
    }
  });

  it("maps AVAILABLE and FAILED", () => {
    const status = (raw: string) =>
      normaliseTaurusdbFullBackup(taurusdbFullBackupSchema.parse({ ...full, status: raw }), scopeOf()).status;
    expect(status("AVAILABLE")).toBe("completed");
    expect(status("FAILED")).toBe("failed");
    expect(status("SOMETHING_NEW")).toBe("unknown");
  });

  it("requires a readable start; a size given as a string is no size", () => {
    expect(taurusdbFullBackupSchema.safeParse({ ...full, begin_time: "2026-01-01 10:00:00" }).success).toBe(false);
    expect(taurusdbFullBackupSchema.parse({ ...full, size: "1" }).size).toBeNull();
  });

  it("marks cross-region incremental backups offsite; an incremental without an end is in progress", () => {
    const record = taurusdbIncrementalBackupSchema.parse({
      id: "inc",
      begin_time: "2026-01-01T10:00:00+0800",
      end_time: "",
      size: 10,
      backup_type: "OffSiteLog",
    });
    expect(normaliseTaurusdbIncrementalBackup(record, "i1", scopeOf())).toMatchObject({
      instanceId: "i1",
      status: "in_progress",
      endedAt: null,
      sizeBytes: 10_240,
      details: { backupType: "OffSiteLog", offsite: true },
    });
  });

  it("reads per-instance records in their own time zone and size unit", () => {
    const record = taurusdbInstanceBackupSchema(null).parse({
      id: "b",
      size: 2.5,
      size_unit: "MB",
      status: "FAILED",
      created: "2026-01-04 17:30:30",
      updated: "",
      time_zone: "UTC-03:00",
    });
    expect(record).toMatchObject({ startedAt: "2026-01-04T20:30:30.000Z", updatedAt: null, sizeBytes: 2_621_440 });
  });

  it("reads a per-instance record without a time zone in its instance's, and skips it with neither", () => {
    const record = { id: "b", status: "COMPLETED", created: "2026-01-04 17:30:30", updated: "2026-01-04 17:40:30" };
    expect(taurusdbInstanceBackupSchema("UTC+01:00").parse(record)).toMatchObject({
      startedAt: "2026-01-04T16:30:30.000Z",
      updatedAt: "2026-01-04T16:40:30.000Z",
    });
    const page = readRecords({ label: "list", record: taurusdbInstanceBackupSchema(null), idKey: "id" }, [record], 0);
    expect(page.skipped).toEqual([
      {
        list: "list",
        id: "b",
        reason:
          'created: expected yyyy-mm-dd hh:mm:ss in a time_zone such as UTC+08:00, got "2026-01-04 17:30:30" in no time zone',
      },
    ]);
    const unreadableZone = readRecords(
      { label: "list", record: taurusdbInstanceBackupSchema(null), idKey: "id" },
      [{ ...record, time_zone: "Asia/Shanghai" }],
      0,
    );
    expect(unreadableZone.skipped[0].reason).toContain('in "Asia/Shanghai"');
  });

  it("reads a per-instance size in an unknown unit as no size, not as a reason to skip", () => {
    const record = { id: "b", status: "COMPLETED", created: "2026-01-04 17:30:30", size: "1", size_unit: "PB" };
    expect(taurusdbInstanceBackupSchema("UTC+08:00").parse(record)).toMatchObject({ sizeBytes: null });
  });

  it("refuses a per-instance envelope whose total_count is not a count", () => {
    expect(taurusdbInstanceBackupListSchema.safeParse({ backups: [], total_count: "one" }).success).toBe(false);
    expect(taurusdbInstanceBackupListSchema.parse({ backups: [], total_count: 3 })).toEqual({ total: 3, records: [] });
    expect(taurusdbFullBackupListSchema.safeParse({ backups: [], total_count: "1" }).success).toBe(false);
  });
});

describe("TaurusDB records of the official models: every field present, every optional field null or absent", () => {
  const FIXTURE = "models-taurusdb.json";
  const FORMS = ["present", "nulls", "absent"] as const;
  const full = modelVariants(FIXTURE, "Backups", ["id", "begin_time", "status", "instance_id"]);
  const perInstance = modelVariants(FIXTURE, "BackupV3", ["id", "status", "created"]);
  const incremental = modelVariants(FIXTURE, "IncrementalBackups", ["id", "begin_time"]);
  const instances = modelVariants(FIXTURE, "MysqlInstanceListInfo", ["id"]);
  const ID = "45021bf73a244312a3f2af95092feeecin07";
  const listed = instance(ID, "orders-db-prod-01", "8.0");
  const scope = scopeOf(listed);

  it.each(FORMS)("lists an instance with its optional fields %s", (form) => {
    const record = taurusdbInstanceSchema.parse(instances[form]);
    const complete = form === "present";
    expect(record.time_zone).toBe(complete ? "UTC+08:00" : null);
    expect(normaliseTaurusdbInstance(record, PROJECT)).toEqual({
      service: "taurusdb",
      region: PROJECT.region,
      projectId: P,
      id: ID,
      name: complete ? "orders-db-prod-01" : null,
      engine: "gaussdb-mysql",
      engineVersion: complete ? "8.0" : null,
      status: complete ? "ACTIVE" : null,
    });
  });

  it.each(FORMS)("lists a project-wide record with its optional fields %s", (form) => {
    const complete = form === "present";
    expect(normaliseTaurusdbFullBackup(taurusdbFullBackupSchema.parse(full[form]), scope)).toEqual({
      id: "1fe4feaab48f11e6654hfa163eba87e4b66u",
      service: "taurusdb",
      engine: "gaussdb-mysql",
      engineVersion: "8.0",
      region: PROJECT.region,
      projectId: P,
      instanceId: ID,
      instanceName: "orders-db-prod-01",
      name: complete ? "orders-db-prod-01-20260104183000123" : null,
      kind: "full",
      trigger: complete ? "auto" : null,
      status: "completed",
      rawStatus: "COMPLETED",
      startedAt: "2026-01-04T10:30:00.000Z",
      endedAt: complete ? "2026-01-04T10:35:30.000Z" : null,
      durationSeconds: complete ? 330 : null,
      sizeBytes: complete ? 2803 * 1024 * 1024 : null,
      description: complete ? "Nightly backup" : null,
      details: complete
        ? { type: "auto", backupLevel: "2", takeUpTime: 5, datastore: { type: "gaussdb-mysql", version: "8.0" } }
        : {},
    });
  });

  it.each(FORMS)("lists a per-instance record with its optional fields %s", (form) => {
    const complete = form === "present";
    // Without its own time zone, a record is read in its instance's (the instance list's `time_zone`).
    const record = taurusdbInstanceBackupSchema("UTC+08:00").parse(perInstance[form]);
    expect(normaliseTaurusdbInstanceBackup(record, ID, scope)).toEqual({
      id: "1fe4feaab48f11e6654hfa163eba87e4b66u",
      service: "taurusdb",
      engine: "gaussdb-mysql",
      engineVersion: "8.0",
      region: PROJECT.region,
      projectId: P,
      instanceId: ID,
      instanceName: "orders-db-prod-01",
      name: complete ? "orders-db-prod-01-20260104183000123" : null,
      kind: complete ? "differential" : "full",
      trigger: null,
      status: "completed",
      rawStatus: "COMPLETED",
      startedAt: "2026-01-04T10:30:00.000Z",
      endedAt: null,
      durationSeconds: null,
      sizeBytes: complete ? 2_870_272 * 1024 : null,
      description: complete ? "Nightly backup" : null,
      details: complete
        ? {
            backupType: "Db",
            backupLevel: "2",
            backupMethod: "Db",
            updated: "2026-01-04T10:35:30.000Z",
            timeZone: "UTC+08:00",
            backupMode: "differential",
          }
        : {},
    });
  });

  it.each(FORMS)("lists an incremental record with its optional fields %s", (form) => {
    const complete = form === "present";
    const record = taurusdbIncrementalBackupSchema.parse(incremental[form]);
    expect(normaliseTaurusdbIncrementalBackup(record, ID, scope)).toMatchObject({
      id: "f0d2aea28d26t4848b8c84ed3fea1822fbr07",
      instanceId: ID,
      instanceName: "orders-db-prod-01",
      name: complete ? "TaurusDB--20260104181555006" : null,
      kind: "incremental",
      trigger: "auto",
      status: complete ? "completed" : "in_progress",
      rawStatus: "",
      startedAt: "2026-01-04T10:10:00.000Z",
      endedAt: complete ? "2026-01-04T10:15:00.000Z" : null,
      sizeBytes: complete ? 112 : null,
      details: complete ? { backupType: "Log", offsite: false } : { offsite: false },
    });
  });
});

// ---- Fetching, against a scripted cloud ----

interface FullRecord {
  id: string;
  instance_id: string;
  begin_time: string;
  status: string;
  size: number;
  [key: string]: unknown;
}

interface Cloud {
  instances: unknown[];
  full: FullRecord[];
  incremental?: Record<string, unknown[]>;
  /** Per instance; by default the instance's records of `full`, as the per-instance list shows them. */
  perInstance?: Record<string, unknown[]>;
}

function instanceRecord(n: number) {
  return { id: `in${n}`, name: `db-${n}`, status: "normal", datastore: { type: "gaussdb-mysql", version: "8.0" } };
}

function fullRecord(n: number, instanceId: string, extra: Record<string, unknown> = {}): FullRecord {
  return {
    id: `full-${n}`,
    name: `backup-${n}`,
    begin_time: "2026-01-05T10:00:00+0800",
    end_time: "2026-01-05T10:10:00+0800",
    take_up_time: 10,
    status: "COMPLETED",
    type: "auto",
    size: 100,
    instance_id: instanceId,
    ...extra,
  };
}

/** A project-wide record (its times at +0800) as the per-instance list shows it. */
function asPerInstance(record: FullRecord) {
  return {
    id: record.id,
    instance_id: record.instance_id,
    name: record.name,
    size: `${record.size * 1024}.0`,
    size_unit: "KB",
    status: record.status,
    created: record.begin_time.slice(0, 19).replace("T", " "),
    backup_type: "Db",
    backup_level: "1",
    backup_method: "Db",
    time_zone: "UTC+08:00",
  };
}

function incrementalRecord(n: number, instanceId: string) {
  return {
    id: `inc-${instanceId}-${n}`,
    name: `inc-${n}`,
    begin_time: "2026-01-05T11:00:00+0800",
    end_time: "2026-01-05T11:05:00+0800",
    size: 1.5,
    backup_type: "Log",
    instance_id: instanceId,
  };
}

/** Answers like TaurusDB, refusing a page size the API does not accept. */
function taurusdbCloud(data: Cloud): FakeCloud {
  const limitError = (request: CloudRequest, allowed: (limit: number) => boolean) =>
    allowed(Number(request.query?.limit)) ? undefined : new Error(`limit ${request.query?.limit} refused`);
  const upTo100 = (limit: number) => limit >= 1 && limit <= 100;
  return new FakeCloud((request) => {
    const path = request.path;
    if (path === `/v3/${P}/instances`)
      return (
        limitError(request, upTo100) ?? {
          instances: pageOf(data.instances, request),
          total_count: data.instances.length,
        }
      );
    if (path === `/v3/${P}/backups`) {
      const id = request.query?.instance_id;
      const records = id === undefined ? data.full : data.full.filter((r) => r.instance_id === id);
      return limitError(request, upTo100) ?? { backups: pageOf(records, request), total_count: records.length };
    }
    const incremental = new RegExp(`^/v3/${P}/instances/([^/]+)/incremental-backups$`).exec(path);
    if (incremental) {
      const records = data.incremental?.[incremental[1]] ?? [];
      return (
        limitError(request, (limit) => [10, 20, 50].includes(limit)) ?? {
          backups: pageOf(records, request),
          total_count: records.length,
        }
      );
    }
    const perInstance = new RegExp(`^/v3/${P}/instances/([^/]+)/backups$`).exec(path);
    if (perInstance) {
      const id = perInstance[1];
      const records = data.perInstance?.[id] ?? data.full.filter((r) => r.instance_id === id).map(asPerInstance);
      return limitError(request, upTo100) ?? { backups: pageOf(records, request), total_count: String(records.length) };
    }
    return new Error(`no such API: ${path}`);
  });
}

const instancePages = (n: number) =>
  Array.from(
    { length: Math.ceil(n / 100) || 1 },
    (_, page) => `/v3/${P}/instances?limit=100&offset=${page * 100}`,
  );
const perInstanceCall = (id: string, offset = 0) => `/v3/${P}/instances/${id}/backups?limit=100&offset=${offset}`;
const incrementalCall = (id: string, offset = 0, window?: { begin: string; end: string }) =>
  window
    ? `/v3/${P}/instances/${id}/incremental-backups?begin_time=${window.begin}&display_offsite_backup=true&end_time=${window.end}&limit=50&offset=${offset}`
    : `/v3/${P}/instances/${id}/incremental-backups?display_offsite_backup=true&limit=50&offset=${offset}`;

describe("fetchTaurusdb", () => {
  const instances = Array.from({ length: 120 }, (_, n) => instanceRecord(n));
  const full = Array.from({ length: 230 }, (_, n) => fullRecord(n, `in${n % 120}`));
  const incremental = { in0: Array.from({ length: 60 }, (_, n) => incrementalRecord(n, "in0")) };

  it("pages every list at its largest page size, the project-wide full list once for all instances", async () => {
    const cloud = taurusdbCloud({ instances, full, incremental });
    const result = await fetchTaurusdb(context(cloud), {});
    const expected = [
      ...instancePages(120),
      `/v3/${P}/backups?limit=100&offset=0`,
      `/v3/${P}/backups?limit=100&offset=100`,
      `/v3/${P}/backups?limit=100&offset=200`,
      ...instances.map((i) => perInstanceCall(i.id)),
      ...instances.map((i) => incrementalCall(i.id)),
      incrementalCall("in0", 50),
    ];
    expect(cloud.calls.toSorted()).toEqual(expected.toSorted());
    expect(result.calls).toBe(expected.length);
    expect(result.instances).toHaveLength(120);
    expect(result.instances[7]).toEqual({
      service: "taurusdb",
      region: "cn-north-4",
      projectId: P,
      id: "in7",
      name: "db-7",
      engine: "gaussdb-mysql",
      engineVersion: "8.0",
      status: "normal",
    });
    // Every full backup is in both lists: still one row each.
    expect(result.backups).toHaveLength(230 + 60);
    expect(result.skipped).toEqual([]);
    // The instance list and the full list start together; the other pages and instances go in parallel.
    expect(cloud.calls.slice(0, 2).toSorted()).toEqual([`/v3/${P}/backups?limit=100&offset=0`, instancePages(120)[0]]);
    expect(cloud.maxInFlight).toBeGreaterThanOrEqual(240);
    const incrementalBackup = result.backups.find((b) => b.id === "inc-in0-59");
    expect(incrementalBackup).toMatchObject({ instanceName: "db-0", kind: "incremental", sizeBytes: 1536 });
    const fullBackup = result.backups.find((b) => b.id === "full-121");
    expect(fullBackup).toMatchObject({
      instanceId: "in1",
      instanceName: "db-1",
      trigger: "auto",
      endedAt: "2026-01-05T02:10:00.000Z",
      sizeBytes: 100 * 1_048_576,
      details: { type: "auto", backupType: "Db", backupMethod: "Db" },
    });
  });

  it("ranks its calls for a slot: instance pages, incremental lists' first pages, other first pages, later pages", async () => {
    const cloud = taurusdbCloud({ instances, full, incremental });
    await fetchTaurusdb(context(cloud), {});
    const priorityOf = (call: string) => cloud.requests[cloud.calls.indexOf(call)].priority;
    expect(instancePages(120).map(priorityOf)).toEqual([CALL_PRIORITY.instanceList, CALL_PRIORITY.instanceList]);
    expect(priorityOf(incrementalCall("in7"))).toBe(CALL_PRIORITY.longListFirstPage);
    expect(priorityOf(perInstanceCall("in7"))).toBe(CALL_PRIORITY.firstPage);
    expect(priorityOf(`/v3/${P}/backups?limit=100&offset=0`)).toBe(CALL_PRIORITY.firstPage);
    expect(priorityOf(`/v3/${P}/backups?limit=100&offset=200`)).toBe(CALL_PRIORITY.laterPage);
    expect(priorityOf(incrementalCall("in0", 50))).toBe(CALL_PRIORITY.laterPage);
  });

  it("calls no incremental list when the plan excludes incremental backups, and no full list without full", async () => {
    const fullOnly = taurusdbCloud({ instances, full, incremental });
    const fullResult = await fetchTaurusdb(context(fullOnly), { kinds: ["full"] });
    expect(fullOnly.calls.filter((c) => c.includes("incremental"))).toEqual([]);
    expect(fullResult.calls).toBe(2 + 3 + 120);
    expect(fullResult.backups).toHaveLength(230);
    expect(fullResult.backups.every((b) => b.kind === "full")).toBe(true);

    const incrementalOnly = taurusdbCloud({ instances, full, incremental });
    const incrementalResult = await fetchTaurusdb(context(incrementalOnly), { kinds: ["incremental"] });
    const instanceList = `/v3/${P}/instances?`;
    expect(incrementalOnly.calls.filter((c) => !c.includes("incremental") && !c.startsWith(instanceList))).toEqual([]);
    expect(incrementalResult.calls).toBe(2 + 120 + 1);
    expect(incrementalResult.backups).toHaveLength(60);

    const differentialOnly = taurusdbCloud({ instances, full, incremental });
    const differentialResult = await fetchTaurusdb(context(differentialOnly), { kinds: ["differential"] });
    expect(differentialOnly.calls.filter((c) => c.includes("incremental"))).toEqual([]);
    expect(differentialResult.calls).toBe(2 + 3 + 120);
    expect(differentialResult.backups).toEqual([]);
  });

  it("makes an automated backup the per-instance list calls differential one differential row", async () => {
    const records = [fullRecord(1, "in1"), fullRecord(2, "in1"), fullRecord(3, "in1", { type: "manual" })];
    const perInstance = {
      in1: records.map((record, n) => ({
        ...asPerInstance(record),
        backup_mode: n === 1 ? "differential" : "completed",
      })),
    };
    const cloud = taurusdbCloud({ instances: [instanceRecord(1)], full: records, perInstance });
    const all = await fetchTaurusdb(context(cloud), {});
    expect(all.backups.map((b) => [b.id, b.kind, b.trigger])).toEqual([
      ["full-1", "full", "auto"],
      ["full-2", "differential", "auto"],
      ["full-3", "full", "manual"],
    ]);
    expect(all.backups[1]).toMatchObject({
      endedAt: "2026-01-05T02:10:00.000Z",
      details: { type: "auto", backupMode: "differential", backupMethod: "Db" },
    });
    const cloudAgain = () => taurusdbCloud({ instances: [instanceRecord(1)], full: records, perInstance });
    const differential = await fetchTaurusdb(context(cloudAgain()), { kinds: ["differential"] });
    expect(differential.backups.map((b) => b.id)).toEqual(["full-2"]);
    const fullOnly = await fetchTaurusdb(context(cloudAgain()), { kinds: ["full"] });
    expect(fullOnly.backups.map((b) => b.id)).toEqual(["full-1", "full-3"]);
  });

  it("asks only for the selected instances, through the full list's instance_id filter", async () => {
    const cloud = taurusdbCloud({ instances, full, incremental });
    const result = await fetchTaurusdb(context(cloud), { instanceIds: ["in0", "in5", "gone", "in5"] });
    expect(cloud.calls.toSorted()).toEqual(
      [
        ...instancePages(120),
        `/v3/${P}/backups?instance_id=in0&limit=100&offset=0`,
        `/v3/${P}/backups?instance_id=in5&limit=100&offset=0`,
        `/v3/${P}/backups?instance_id=gone&limit=100&offset=0`,
        perInstanceCall("in0"),
        perInstanceCall("in5"),
        incrementalCall("in0"),
        incrementalCall("in0", 50),
        incrementalCall("in5"),
      ].toSorted(),
    );
    expect(new Set(result.backups.map((b) => b.instanceId))).toEqual(new Set(["in0", "in5"]));
    expect(result.backups).toHaveLength(2 + 2 + 60);
  });

  it("pushes the window down, rounded outward, the full list's end clamped to now", async () => {
    const now = new Date("2026-01-10T00:00:00.500Z");
    const cloud = taurusdbCloud({ instances: [instanceRecord(1)], full: [] });
    await fetchTaurusdb(context(cloud, now), {
      from: new Date("2026-01-01T00:00:00.250Z"),
      to: new Date("2026-02-01T00:00:00Z"),
    });
    expect(cloud.calls.toSorted()).toEqual(
      [
        instancePages(1)[0],
        `/v3/${P}/backups?begin_time=2026-01-01T00:00:00+0000&end_time=2026-01-10T00:00:00+0000&limit=100&offset=0`,
        // The per-instance list has no time filter.
        perInstanceCall("in1"),
        incrementalCall("in1", 0, { begin: "2026-01-01T00:00:00+0000", end: "2026-02-01T00:00:00+0000" }),
      ].toSorted(),
    );
  });

  it("keeps exactly the plan's window from what the lists return", async () => {
    const records = [
      fullRecord(1, "in1", { begin_time: "2026-01-05T08:00:00+0800" }), // 00:00Z: the window's start, kept
      fullRecord(2, "in1", { begin_time: "2026-01-05T07:59:59+0800" }), // before it
      fullRecord(3, "in1", { begin_time: "2026-01-06T08:00:00+0800" }), // the window's end, left out
    ];
    const cloud = taurusdbCloud({ instances: [instanceRecord(1)], full: records });
    const result = await fetchTaurusdb(context(cloud), {
      from: new Date("2026-01-05T00:00:00Z"),
      to: new Date("2026-01-06T00:00:00Z"),
      kinds: ["full"],
    });
    expect(result.backups.map((b) => b.id)).toEqual(["full-1"]);
  });

  it("calls no backup list for a window that opens in the future or is empty", async () => {
    for (const plan of [
      { from: new Date("2026-02-01T00:00:00Z") },
      { from: new Date("2026-01-05T00:00:00Z"), to: new Date("2026-01-05T00:00:00Z") },
    ]) {
      const cloud = taurusdbCloud({ instances, full, incremental });
      const result = await fetchTaurusdb(context(cloud), plan);
      expect(cloud.calls).toEqual(instancePages(120));
      expect(result.backups).toEqual([]);
    }
  });

  it("merges a backup seen in both full lists into one row, and keeps one only the per-instance list shows", async () => {
    const cloud = taurusdbCloud({
      instances: [instanceRecord(1)],
      full: [fullRecord(1, "in1", { size: 0 })],
      perInstance: {
        in1: [
          {
            id: "full-1",
            instance_id: "in1",
            name: "backup-1",
            size: "512.0",
            size_unit: "KB",
            status: "COMPLETED",
            created: "2026-01-05 10:00:00",
            updated: "2026-01-05 10:10:00",
            backup_type: "Db",
            backup_level: "1",
            backup_method: "Db",
            time_zone: "UTC+08:00",
          },
          {
            id: "full-9",
            instance_id: "in1",
            name: "before-upgrade",
            size: "2048.0",
            size_unit: "KB",
            status: "DELETING",
            created: "2026-01-04 09:00:00",
            updated: "2026-01-09 09:00:00",
            backup_type: "Db",
            time_zone: "UTC+08:00",
          },
        ],
      },
    });
    const result = await fetchTaurusdb(context(cloud), { kinds: ["full"] });
    expect(cloud.calls.toSorted()).toEqual(
      [instancePages(1)[0], `/v3/${P}/backups?limit=100&offset=0`, perInstanceCall("in1")].toSorted(),
    );
    expect(result.calls).toBe(3);
    expect(result.backups.map((b) => b.id)).toEqual(["full-1", "full-9"]);
    expect(result.backups[0]).toEqual({
      id: "full-1",
      service: "taurusdb",
      engine: "gaussdb-mysql",
      engineVersion: "8.0",
      region: "cn-north-4",
      projectId: P,
      instanceId: "in1",
      instanceName: "db-1",
      name: "backup-1",
      kind: "full",
      trigger: "auto",
      status: "completed",
      rawStatus: "COMPLETED",
      startedAt: "2026-01-05T02:00:00.000Z",
      endedAt: "2026-01-05T02:10:00.000Z",
      durationSeconds: 600,
      // The project-wide list's 0 MB, made precise by the per-instance list's KB.
      sizeBytes: 512 * 1024,
      description: null,
      details: {
        type: "auto",
        takeUpTime: 10,
        backupType: "Db",
        backupLevel: "1",
        backupMethod: "Db",
        updated: "2026-01-05T02:10:00.000Z",
        timeZone: "UTC+08:00",
      },
    });
    expect(result.backups[1]).toMatchObject({
      status: "deleting",
      rawStatus: "DELETING",
      trigger: null,
      instanceName: "db-1",
      startedAt: "2026-01-04T01:00:00.000Z",
      endedAt: null,
      sizeBytes: 2048 * 1024,
    });
  });

  it("makes one row of a backup that two pages both returned", async () => {
    const records = Array.from({ length: 150 }, (_, n) => fullRecord(n, "in1"));
    // The list shifted between the two page calls: record 99 is served again at offset 100.
    const shifted = [...records.slice(0, 100), records[99], ...records.slice(100)];
    const cloud = new FakeCloud((request) => {
      if (request.path.endsWith("/instances")) return { instances: [instanceRecord(1)], total_count: 1 };
      if (request.path.endsWith("/in1/backups")) return { backups: [], total_count: "0" };
      return { backups: pageOf(request.query?.offset === 0 ? records : shifted, request), total_count: 150 };
    });
    const result = await fetchTaurusdb(context(cloud), { kinds: ["full"] });
    expect(result.backups).toHaveLength(150);
    expect(new Set(result.backups.map((b) => b.id)).size).toBe(150);
  });

  it("skips records without what a row needs, logs once per list, and lists every other backup", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const cloud = taurusdbCloud({
      instances: [instanceRecord(1), { name: "no-id", status: "normal" }],
      full: [
        fullRecord(1, "in1"),
        fullRecord(2, "in1", { begin_time: "yesterday" }),
        { ...fullRecord(3, "in1"), id: "" },
        fullRecord(4, "in1", { status: null }),
        fullRecord(5, "in1"),
      ],
      perInstance: { in1: [{ id: "full-1", status: "COMPLETED", created: "2026-01-05 10:00:00" }] },
    });
    try {
      const result = await fetchTaurusdb(context(cloud), { kinds: ["full"] });
      expect(result.backups.map((b) => b.id).sort()).toEqual(["full-1", "full-5"]);
      expect(result.instances.map((i) => i.id)).toEqual(["in1"]);
      expect(result.skipped).toEqual([
        {
          list: "TaurusDB instance list",
          id: "index 1",
          reason: "id: Invalid input: expected string, received undefined",
        },
        {
          list: "TaurusDB full-backup list",
          id: "full-2",
          reason: 'begin_time: expected a time as yyyy-mm-ddThh:mm:ss±hhmm, got "yesterday"',
        },
        { list: "TaurusDB full-backup list", id: "index 2", reason: "id: must not be empty" },
        {
          list: "TaurusDB full-backup list",
          id: "full-4",
          reason: "status: Invalid input: expected string, received null",
        },
        {
          list: "TaurusDB backup list of instance in1",
          id: "full-1",
          reason:
            'created: expected yyyy-mm-dd hh:mm:ss in a time_zone such as UTC+08:00, got "2026-01-05 10:00:00" in no time zone',
        },
      ]);
      // One line per list that skipped records, not one per record.
      expect(warn).toHaveBeenCalledTimes(3);
      expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
        expect.stringContaining("1 record(s) skipped, the first: TaurusDB instance list: record index 1:"),
        expect.stringContaining("3 record(s) skipped, the first: TaurusDB full-backup list: record full-2:"),
        expect.stringContaining("1 record(s) skipped, the first: TaurusDB backup list of instance in1: record full-1:"),
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it("fails when a list answers with an unexpected envelope", async () => {
    const cloud = new FakeCloud((request) =>
      request.path.endsWith("/instances") ? { instances: [], total_count: 0 } : { backup: [], total_count: 0 },
    );
    await expect(fetchTaurusdb(context(cloud), {})).rejects.toMatchObject({
      errorCode: "invalid_response",
      errorMsg:
        "TaurusDB full-backup list (offset 0): unexpected response: backups: Invalid input: expected array, received undefined",
    });
  });
});

describe("fetchTaurusdbInstances", () => {
  it("lists instances only", async () => {
    const cloud = taurusdbCloud({ instances: Array.from({ length: 250 }, (_, n) => instanceRecord(n)), full: [] });
    const result = await fetchTaurusdbInstances(context(cloud));
    expect(cloud.calls.toSorted()).toEqual(instancePages(250).toSorted());
    expect(result).toMatchObject({ backups: [], calls: 3, skipped: [] });
    expect(result.instances).toHaveLength(250);
  });
});
