import { describe, expect, it } from "vitest";
import type { Instance } from "../inventory/model";
import {
  dcsBackupRecordListSchema,
  dcsBackupRecordSchema,
  dcsInstanceSchema,
  fetchDcs,
  fetchDcsInstances,
  normaliseDcsBackup,
  normaliseDcsInstance,
} from "./dcs";
import { readRecords } from "./paging";
import { context, FakeCloud, PROJECT, pageOf, readFixture } from "./testing/fake-cloud";
import { modelVariants } from "./testing/variants";

const P = PROJECT.projectId;

const redis: Instance = {
  service: "dcs",
  region: PROJECT.region,
  projectId: P,
  id: "5560df16-cebf-4473-95c4-d1b573c16e79",
  name: "session-cache",
  engine: "redis",
  engineVersion: "5.0",
  status: "RUNNING",
};

describe("DCS example response, parsed verbatim", () => {
  it("reads `{}` placeholders as absent, ISO times with milliseconds, bytes, and the restorable flag", () => {
    const page = dcsBackupRecordListSchema.parse(readFixture("dcs-backup-records.json"));
    expect(page.total).toBe(1);
    const listing = readRecords({ label: "DCS", record: dcsBackupRecordSchema, idKey: "backup_id" }, page.records, 0);
    expect(listing.skipped).toEqual([]);
    expect(listing.items).toHaveLength(1);
    expect(normaliseDcsBackup(listing.items[0], redis)).toEqual({
      id: "4631832a-14c6-45b0-a0b3-3abd8f591ad1",
      service: "dcs",
      engine: "redis",
      engineVersion: "5.0",
      region: "cn-north-4",
      projectId: P,
      instanceId: "5560df16-cebf-4473-95c4-d1b573c16e79",
      instanceName: "session-cache",
      name: "backup_20190510163116",
      kind: "full",
      trigger: "manual",
      status: "completed",
      rawStatus: "succeed",
      startedAt: "2019-05-10T08:31:16.166Z",
      endedAt: "2019-05-10T08:32:30.546Z",
      durationSeconds: 74,
      sizeBytes: 880_232,
      description: "001",
      details: {
        backupType: "manual",
        backupFormat: "aof",
        progress: 100,
        restorable: true,
        executionAt: "2019-05-11T08:31:16.166Z",
        updatedAt: "2019-05-10T08:32:30.546Z",
      },
    });
  });
});

describe("DCS normalisation rules", () => {
  const record = {
    backup_id: "b1",
    backup_type: "auto",
    created_at: "2026-01-05 00:00:00",
    updated_at: "2026-01-05 00:02:00",
    status: "succeed",
    size: 10,
  };
  const normalise = (extra: Record<string, unknown>) =>
    normaliseDcsBackup(dcsBackupRecordSchema.parse({ ...record, ...extra }), redis);

  it("reads yyyy-mm-dd hh:mm:ss times as UTC", () => {
    expect(normalise({})).toMatchObject({
      trigger: "auto",
      startedAt: "2026-01-05T00:00:00.000Z",
      endedAt: "2026-01-05T00:02:00.000Z",
      durationSeconds: 120,
    });
  });

  it.each([
    ["waiting", "pending", null],
    ["backuping", "in_progress", null],
    ["succeed", "completed", "2026-01-05T00:02:00.000Z"],
    ["failed", "failed", "2026-01-05T00:02:00.000Z"],
    ["expired", "expired", null],
    ["deleted", "deleted", null],
  ])("status %s → %s, ended at updated_at only once finished", (status, expected, endedAt) => {
    expect(normalise({ status })).toMatchObject({ status: expected, rawStatus: status, endedAt });
  });

  it("keeps a real error code, period and text progress; FALSE is not restorable", () => {
    expect(
      normalise({
        status: "failed",
        error_code: "dcs.08.0002",
        period: "02:00-03:00",
        progress: "n/a",
        is_support_restore: "FALSE",
        updated_at: "",
      }),
    ).toMatchObject({
      endedAt: null,
      details: {
        errorCode: "dcs.08.0002",
        period: "02:00-03:00",
        progress: "n/a",
        restorable: false,
        backupType: "auto",
      },
    });
  });

  it("reads an optional field of another shape as null: an object placeholder, a boolean flag, a size as text", () => {
    expect(normalise({ error_code: { code: 1 }, is_support_restore: true, size: "10" })).toMatchObject({
      sizeBytes: null,
      details: { backupType: "auto", updatedAt: "2026-01-05T00:02:00.000Z" },
    });
    expect(normalise({ error_code: { code: 1 }, is_support_restore: true }).details).not.toHaveProperty("errorCode");
  });

  it("requires the ID, a readable start and the status", () => {
    expect(dcsBackupRecordSchema.safeParse({ ...record, created_at: "20260105000000" }).success).toBe(false);
    expect(dcsBackupRecordSchema.safeParse({ ...record, backup_id: null }).success).toBe(false);
    expect(dcsBackupRecordSchema.safeParse({ ...record, status: undefined }).success).toBe(false);
  });

  it("keeps an undocumented status as unknown, with the status sent", () => {
    expect(normalise({ status: "restoring" })).toMatchObject({ status: "unknown", rawStatus: "restoring" });
  });

  it("reads a 204 (null body) as no records, and refuses other envelopes", () => {
    expect(dcsBackupRecordListSchema.parse(null)).toEqual({ total: 0, records: [] });
    expect(dcsBackupRecordListSchema.safeParse({ total_num: 1 }).success).toBe(false);
    expect(dcsBackupRecordListSchema.safeParse({ backup_record_response: [] }).success).toBe(false);
  });

  it("normalises instances: the engine lower-cased", () => {
    const parsed = dcsInstanceSchema.parse({
      instance_id: "d1",
      name: "cache",
      engine: "Memcached",
      status: "RUNNING",
      capacity: 2,
    });
    expect(normaliseDcsInstance(parsed, PROJECT)).toEqual({
      service: "dcs",
      region: "cn-north-4",
      projectId: P,
      id: "d1",
      name: "cache",
      engine: "memcached",
      engineVersion: null,
      status: "RUNNING",
    });
  });
});

describe("DCS records of the official models: every field present, every optional field null or absent", () => {
  const backups = modelVariants("models-dcs.json", "BackupRecordResponse", ["backup_id", "created_at", "status"]);
  const instances = modelVariants("models-dcs.json", "InstanceListInfo", ["instance_id"]);
  const readBackup = (record: unknown) => normaliseDcsBackup(dcsBackupRecordSchema.parse(record), redis);

  it("reads every field of a complete backup record", () => {
    expect(readBackup(backups.present)).toEqual({
      id: "4631832a-14c6-45b0-a0b3-3abd8f591ad1",
      service: "dcs",
      engine: "redis",
      engineVersion: "5.0",
      region: "cn-north-4",
      projectId: P,
      instanceId: "5560df16-cebf-4473-95c4-d1b573c16e79",
      instanceName: "session-cache",
      name: "backup_20260104183000",
      kind: "full",
      trigger: "auto",
      status: "completed",
      rawStatus: "succeed",
      startedAt: "2026-01-04T10:30:00.166Z",
      endedAt: "2026-01-04T10:31:14.546Z",
      durationSeconds: 74,
      sizeBytes: 880_232,
      description: "Nightly",
      details: {
        backupType: "auto",
        backupFormat: "rdb",
        progress: 100,
        restorable: true,
        period: "02:00-03:00",
        executionAt: "2026-01-04T10:30:00.166Z",
        updatedAt: "2026-01-04T10:31:14.546Z",
      },
    });
  });

  it.each(["nulls", "absent"] as const)("lists a backup record with its optional fields %s", (form) => {
    expect(readBackup(backups[form])).toEqual({
      ...readBackup(backups.present),
      instanceId: redis.id,
      name: null,
      trigger: null,
      endedAt: null,
      durationSeconds: null,
      sizeBytes: null,
      description: null,
      details: {},
    });
  });

  it.each(["present", "nulls", "absent"] as const)("lists an instance with its optional fields %s", (form) => {
    const instance = normaliseDcsInstance(dcsInstanceSchema.parse(instances[form]), PROJECT);
    expect(instance).toEqual(
      form === "present"
        ? {
            service: "dcs",
            region: PROJECT.region,
            projectId: P,
            id: "5560df16-cebf-4473-95c4-d1b573c16e79",
            name: "session-cache-prod-01",
            engine: "redis",
            engineVersion: "6.0",
            status: "RUNNING",
          }
        : {
            service: "dcs",
            region: PROJECT.region,
            projectId: P,
            id: "5560df16-cebf-4473-95c4-d1b573c16e79",
            name: null,
            engine: "unknown",
            engineVersion: null,
            status: null,
          },
    );
  });
});

// ---- Fetching, against a scripted cloud ----

function instanceRecord(n: number) {
  return { instance_id: `dcs${n}`, name: `cache-${n}`, engine: "Redis", engine_version: "6.0", status: "RUNNING" };
}

function backupRecord(n: number, instanceId: string) {
  return {
    backup_id: `${instanceId}-b${n}`,
    backup_name: `b${n}`,
    instance_id: instanceId,
    backup_type: "auto",
    created_at: "2026-01-05T00:00:00.000Z",
    updated_at: "2026-01-05T00:01:00.000Z",
    status: "succeed",
    size: 100,
    period: {},
    error_code: {},
  };
}

/** Answers like DCS: 204 with no body for an instance without backup records. */
function dcsCloud(instances: unknown[], backups: Record<string, unknown[]>) {
  return new FakeCloud((request) => {
    const limit = Number(request.query?.limit);
    if (!(limit >= 1 && limit <= 1000)) return new Error(`limit ${limit} refused`);
    if (request.path === `/v2/${P}/instances`)
      return { instances: pageOf(instances, request), instance_num: instances.length };
    const match = new RegExp(`^/v2/${P}/instances/([^/]+)/backups$`).exec(request.path);
    if (!match) return new Error(`no such API: ${request.path}`);
    const records = backups[match[1]] ?? [];
    return records.length === 0
      ? null
      : { total_num: records.length, backup_record_response: pageOf(records, request) };
  });
}

const instancePage = (offset: number) => `/v2/${P}/instances?limit=1000&offset=${offset}`;
const backupCall = (id: string, offset: number, window = "") =>
  `/v2/${P}/instances/${id}/backups?${window}limit=1000&offset=${offset}`;

describe("fetchDcs", () => {
  const instances = Array.from({ length: 1001 }, (_, n) => instanceRecord(n));
  const backups = { dcs3: Array.from({ length: 2500 }, (_, n) => backupRecord(n, "dcs3")) };

  it("pages at 1000, reads 204 as no records, and names instances from the instance list", async () => {
    const cloud = dcsCloud(instances, backups);
    const result = await fetchDcs(context(cloud), {});
    const expected = [
      instancePage(0),
      instancePage(1000),
      ...instances.map((i) => backupCall(i.instance_id, 0)),
      backupCall("dcs3", 1000),
      backupCall("dcs3", 2000),
    ];
    expect(cloud.calls.toSorted()).toEqual(expected.toSorted());
    expect(result.calls).toBe(expected.length);
    expect(result.instances).toHaveLength(1001);
    expect(result.backups).toHaveLength(2500);
    expect(result.skipped).toEqual([]);
    expect(result.backups[0]).toMatchObject({ engine: "redis", engineVersion: "6.0", instanceName: "cache-3" });
  });

  it("pushes each bound of the window as yyyyMMddHHmmss UTC, rounded outward", async () => {
    const cloud = dcsCloud([instanceRecord(0)], {});
    await fetchDcs(context(cloud), {
      from: new Date("2026-01-01T10:20:30.400Z"),
      to: new Date("2026-01-02T00:00:00.001Z"),
    });
    expect(cloud.calls[1]).toBe(backupCall("dcs0", 0, "begin_time=20260101102030&end_time=20260102000001&"));
    const onlyTo = dcsCloud([instanceRecord(0)], {});
    await fetchDcs(context(onlyTo), { to: new Date("2026-01-02T00:00:00Z") });
    expect(onlyTo.calls[1]).toBe(backupCall("dcs0", 0, "end_time=20260102000000&"));
  });

  it("calls no backup list when the plan wants no full backups, and only the selected instances", async () => {
    const none = dcsCloud(instances, backups);
    expect(await fetchDcs(context(none), { kinds: ["incremental", "differential"] })).toMatchObject({
      backups: [],
      calls: 2,
    });
    const selected = dcsCloud(instances, backups);
    const result = await fetchDcs(context(selected), { instanceIds: ["dcs3"], kinds: ["full"] });
    expect(selected.calls.toSorted()).toEqual(
      [
        instancePage(0),
        instancePage(1000),
        backupCall("dcs3", 0),
        backupCall("dcs3", 1000),
        backupCall("dcs3", 2000),
      ].toSorted(),
    );
    expect(result.backups).toHaveLength(2500);
  });

  it("skips a record without a readable start, named by its backup_id, and lists its neighbours", async () => {
    const bad = { ...backupRecord(1, "dcs0"), created_at: "" };
    const cloud = dcsCloud([instanceRecord(0)], { dcs0: [backupRecord(0, "dcs0"), bad, backupRecord(2, "dcs0")] });
    const result = await fetchDcs(context(cloud), {});
    expect(result.backups.map((b) => b.id)).toEqual(["dcs0-b0", "dcs0-b2"]);
    expect(result.skipped).toEqual([
      {
        list: "DCS backup-record list of instance dcs0",
        id: "dcs0-b1",
        reason: 'created_at: expected a time as ISO 8601 UTC or yyyy-mm-dd hh:mm:ss, got ""',
      },
    ]);
  });

  it("fails when the instance list's envelope is wrong", async () => {
    const cloud = new FakeCloud(() => ({ instances: [], total_count: 0 }));
    await expect(fetchDcs(context(cloud), {})).rejects.toMatchObject({
      errorCode: "invalid_response",
      errorMsg:
        "DCS instance list (offset 0): unexpected response: instance_num: Invalid input: expected number, received undefined",
    });
  });
});

describe("fetchDcsInstances", () => {
  it("lists instances only", async () => {
    const cloud = dcsCloud([instanceRecord(0), instanceRecord(1)], {});
    const result = await fetchDcsInstances(context(cloud));
    expect(cloud.calls).toEqual([instancePage(0)]);
    expect(result).toMatchObject({ backups: [], calls: 1, skipped: [] });
    expect(result.instances.map((i) => i.name)).toEqual(["cache-0", "cache-1"]);
  });
});
