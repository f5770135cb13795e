import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Instance } from "../inventory/model";
import { readRecords } from "./paging";
import {
  fetchRds,
  fetchRdsInstances,
  normaliseRdsBackup,
  normaliseRdsInstance,
  normaliseRdsOffsiteBackup,
  rdsBackupListSchema,
  rdsBackupSchema,
  rdsInstanceSchema,
  rdsListing,
  rdsOffsiteBackupSchema,
  rdsOffsiteInstanceSchema,
} from "./rds";
import { context, FakeCloud, PROJECT, pageOf, readFixture } from "./testing/fake-cloud";
import { modelVariants } from "./testing/variants";

const P = PROJECT.projectId;

function instanceOf(id: string, engine: string, version: string | null = null): Instance {
  return {
    service: "rds",
    region: PROJECT.region,
    projectId: P,
    id,
    name: `name-of-${id}`,
    engine,
    engineVersion: version,
    status: "ACTIVE",
  };
}

function parseFixture(name: string) {
  const page = rdsBackupListSchema.parse(readFixture(name));
  return { total: page.total, ...readRecords({ label: "RDS", record: rdsBackupSchema, idKey: "id" }, page.records, 0) };
}

describe("RDS example responses, parsed verbatim", () => {
  it("MySQL", () => {
    const page = parseFixture("rds-backups-mysql.json");
    expect(page).toMatchObject({ total: 1, skipped: [] });
    expect(page.items).toHaveLength(1);
    const instance = instanceOf("a48e43ff268f4c0e879652d65e63d0fbin01", "mysql", "5.6");
    const backup = normaliseRdsBackup(page.items[0], instance);
    // The JSON the API sends lists the fields in the model's order.
    expect(Object.keys(backup)).toEqual([
      "id",
      "service",
      "engine",
      "engineVersion",
      "region",
      "projectId",
      "instanceId",
      "instanceName",
      "name",
      "kind",
      "trigger",
      "status",
      "rawStatus",
      "startedAt",
      "endedAt",
      "durationSeconds",
      "sizeBytes",
      "description",
      "details",
    ]);
    expect(backup).toEqual({
      id: "43e4feaab48f11e89039fa163ebaa7e4br01",
      service: "rds",
      engine: "mysql",
      engineVersion: "5.6",
      region: "cn-north-4",
      projectId: P,
      instanceId: "a48e43ff268f4c0e879652d65e63d0fbin01",
      instanceName: "name-of-a48e43ff268f4c0e879652d65e63d0fbin01",
      name: "xxxx.xxx",
      kind: "full",
      trigger: "auto",
      status: "completed",
      rawStatus: "COMPLETED",
      startedAt: "2018-08-06T04:41:14.000Z",
      endedAt: "2018-08-06T04:43:14.000Z",
      durationSeconds: 120,
      sizeBytes: 2803 * 1024,
      description: null,
      details: { type: "auto", datastore: { type: "MySQL", version: "5.6" }, associatedWithDdm: false },
    });
  });

  it("PostgreSQL: an incremental backup, its instance ID sent with a trailing blank", () => {
    const page = parseFixture("rds-backups-postgresql.json");
    expect(page).toMatchObject({ total: 1, skipped: [] });
    expect(page.items).toHaveLength(1);
    const instance = instanceOf("a48e43ff268f4c0e879652d65e63d0fbin03", "postgresql", "9.6");
    expect(normaliseRdsBackup(page.items[0], instance)).toEqual({
      id: "43e4feaab48f11e89039fa163ebaa7e4br03",
      service: "rds",
      engine: "postgresql",
      engineVersion: "9.6",
      region: "cn-north-4",
      projectId: P,
      instanceId: "a48e43ff268f4c0e879652d65e63d0fbin03",
      instanceName: "name-of-a48e43ff268f4c0e879652d65e63d0fbin03",
      name: "xxxx.xxx",
      kind: "incremental",
      trigger: "auto",
      status: "completed",
      rawStatus: "COMPLETED",
      startedAt: "2018-08-06T04:41:14.000Z",
      endedAt: "2018-08-06T04:43:14.000Z",
      durationSeconds: null,
      sizeBytes: 2803 * 1024,
      description: null,
      details: { type: "incremental", datastore: { type: "PostgreSQL", version: "9.6" }, associatedWithDdm: false },
    });
  });

  it("SQL Server: the example's record has its ID under the key `id `, so it has no ID and is skipped, named", () => {
    const page = parseFixture("rds-backups-sqlserver.json");
    expect(page.total).toBe(1);
    expect(page.items).toEqual([]);
    expect(page.skipped).toEqual([
      { list: "RDS", id: "index 0", reason: "id: Invalid input: expected string, received undefined" },
    ]);
  });

  it("SQL Server with the key written `id`: databases and the lower-cased engine", () => {
    const raw = z
      .object({ backups: z.array(z.record(z.string(), z.unknown())) })
      .parse(readFixture("rds-backups-sqlserver.json"));
    const { "id ": id, ...rest } = raw.backups[0];
    const record = rdsBackupSchema.parse({ ...rest, id });
    const instance = instanceOf("a48e43ff268f4c0e879652d65e63d0fbin04", "sqlserver");
    expect(normaliseRdsBackup(record, instance)).toEqual({
      id: "43e4feaab48f11e89039fa163ebaa7e4br04",
      service: "rds",
      engine: "sqlserver",
      engineVersion: "2014_WEB",
      region: "cn-north-4",
      projectId: P,
      instanceId: "a48e43ff268f4c0e879652d65e63d0fbin04",
      instanceName: "name-of-a48e43ff268f4c0e879652d65e63d0fbin04",
      name: "xxxx.xxx",
      kind: "full",
      trigger: "manual",
      status: "completed",
      rawStatus: "COMPLETED",
      startedAt: "2018-08-06T04:41:14.000Z",
      endedAt: "2018-08-06T04:43:14.000Z",
      durationSeconds: 120,
      sizeBytes: 2803 * 1024,
      description: null,
      details: {
        type: "manual",
        datastore: { type: "SQLServer", version: "2014_WEB" },
        databases: ["user01", "user02"],
        associatedWithDdm: false,
      },
    });
  });
});

describe("RDS normalisation rules", () => {
  const record = {
    id: "b",
    type: "auto",
    status: "COMPLETED",
    begin_time: "2026-01-01T00:00:00+0000",
    end_time: "2026-01-01T00:01:00+0000",
    size: 1,
  };
  const instance = instanceOf("i1", "mariadb", "10.5");

  it.each([
    ["auto", "full", "auto"],
    ["manual", "full", "manual"],
    ["fragment", "differential", null],
    ["incremental", "incremental", "auto"],
    ["something-new", "full", null],
  ])("type %s → kind %s, trigger %s", (type, kind, trigger) => {
    expect(normaliseRdsBackup(rdsBackupSchema.parse({ ...record, type }), instance)).toMatchObject({ kind, trigger });
  });

  it.each([
    ["BUILDING", "in_progress"],
    ["COMPLETED", "completed"],
    ["FAILED", "failed"],
    ["DELETING", "deleting"],
    ["ARCHIVING", "unknown"],
  ])("status %s → %s, the status sent kept", (status, expected) => {
    expect(normaliseRdsBackup(rdsBackupSchema.parse({ ...record, status }), instance)).toMatchObject({
      status: expected,
      rawStatus: status,
    });
  });

  it("requires the ID, the start, the status and the size, which the service always sends", () => {
    for (const key of ["id", "begin_time", "status", "size"] as const) {
      const { [key]: _left, ...rest } = record;
      expect(rdsBackupSchema.safeParse(rest).success).toBe(false);
    }
    expect(rdsBackupSchema.safeParse({ ...record, size: "1" }).success).toBe(false);
  });

  it("reads an optional field of a wrong type as null", () => {
    const parsed = rdsBackupSchema.parse({ ...record, type: 7, end_time: 1, datastore: "MySQL", databases: {} });
    expect(normaliseRdsBackup(parsed, instance)).toMatchObject({
      kind: "full",
      trigger: null,
      endedAt: null,
      engine: "mariadb",
      details: {},
    });
  });

  it("falls back to the instance's engine without a datastore; a running backup has no end", () => {
    const parsed = rdsBackupSchema.parse({ ...record, end_time: "", size: 0.5 });
    expect(normaliseRdsBackup(parsed, instance)).toMatchObject({
      engine: "mariadb",
      engineVersion: "10.5",
      endedAt: null,
      durationSeconds: null,
      sizeBytes: 512,
    });
  });

  it("normalises instances: the datastore type lower-cased", () => {
    const parsed = rdsInstanceSchema.parse({
      id: "i9",
      name: "orders",
      status: "ACTIVE",
      datastore: { type: "SQLServer", version: "2019_SE" },
    });
    expect(normaliseRdsInstance(parsed, PROJECT)).toEqual({
      service: "rds",
      region: "cn-north-4",
      projectId: P,
      id: "i9",
      name: "orders",
      engine: "sqlserver",
      engineVersion: "2019_SE",
      status: "ACTIVE",
    });
  });
});

describe("RDS records of the official models: every field present, every optional field null or absent", () => {
  const backups = modelVariants("models-rds.json", "BackupForList", ["id", "begin_time", "status", "size"]);
  const instances = modelVariants("models-rds.json", "InstanceResponse", ["id"]);
  const sqlServer = instanceOf("a48e43ff268f4c0e879652d65e63d0fbin04", "sqlserver", "2019_EE");
  const readBackup = (record: unknown) => normaliseRdsBackup(rdsBackupSchema.parse(record), sqlServer);

  it("reads every field of a complete backup record", () => {
    expect(readBackup(backups.present)).toEqual({
      id: "43e4feaab48f11e89039fa163ebaa7e4br04",
      service: "rds",
      engine: "sqlserver",
      engineVersion: "2019_EE",
      region: PROJECT.region,
      projectId: P,
      instanceId: sqlServer.id,
      instanceName: sqlServer.name,
      name: "orders-mssql-prod-01-20260104183000",
      kind: "full",
      trigger: "auto",
      status: "completed",
      rawStatus: "COMPLETED",
      startedAt: "2026-01-04T10:30:00.000Z",
      endedAt: "2026-01-04T10:32:00.000Z",
      durationSeconds: 120,
      sizeBytes: 2803 * 1024,
      description: null,
      details: {
        type: "auto",
        datastore: { type: "SQLServer", version: "2019_EE" },
        databases: ["orders", "billing"],
        associatedWithDdm: false,
      },
    });
  });

  it.each(["nulls", "absent"] as const)("lists a backup record with its optional fields %s", (form) => {
    expect(readBackup(backups[form])).toEqual({
      ...readBackup(backups.present),
      name: null,
      kind: "full",
      trigger: null,
      endedAt: null,
      durationSeconds: null,
      details: {},
    });
  });

  it.each(["present", "nulls", "absent"] as const)("lists an instance with its optional fields %s", (form) => {
    const complete = form === "present";
    expect(normaliseRdsInstance(rdsInstanceSchema.parse(instances[form]), PROJECT)).toEqual({
      service: "rds",
      region: PROJECT.region,
      projectId: P,
      id: "a48e43ff268f4c0e879652d65e63d0fbin01",
      name: complete ? "orders-mysql-prod-01" : null,
      engine: complete ? "mysql" : "unknown",
      engineVersion: complete ? "8.0" : null,
      status: complete ? "ACTIVE" : null,
    });
  });
});

describe("rdsListing", () => {
  it("filters by type only where it spares calls", () => {
    expect(rdsListing(undefined)).toEqual({ filter: "none" });
    expect(rdsListing(["full", "differential", "incremental"])).toEqual({ filter: "none" });
    expect(rdsListing(["incremental", "differential"])).toEqual({ filter: "none" });
    expect(rdsListing(["incremental"])).toEqual({ filter: "type", types: ["incremental"] });
    expect(rdsListing(["differential"])).toEqual({ filter: "type", types: ["fragment"] });
    expect(rdsListing(["full"])).toEqual({ filter: "first page decides", types: ["auto", "manual"] });
    expect(rdsListing(["full", "differential"])).toEqual({
      filter: "first page decides",
      types: ["auto", "manual", "fragment"],
    });
    expect(rdsListing([])).toEqual({ filter: "type", types: [] });
  });
});

// ---- Fetching, against a scripted cloud ----

const TYPES = ["auto", "manual", "fragment", "incremental"];

function instanceRecord(n: number) {
  return { id: `rds${n}`, name: `pg-${n}`, status: "ACTIVE", datastore: { type: "PostgreSQL", version: "14" } };
}

function backupRecord(n: number, instanceId: string, type = TYPES[n % 4]) {
  return {
    id: `${instanceId}-b${n}`,
    name: `b${n}`,
    type,
    size: 10,
    status: "COMPLETED",
    begin_time: "2026-01-05T00:00:00+0000",
    end_time: "2026-01-05T00:01:00+0000",
    datastore: { type: "PostgreSQL", version: "14" },
    instance_id: instanceId,
  };
}

/** What the scripted RDS answers besides its ordinary instances and their backups. */
interface RdsExtras {
  /** Listed only with group_type=flexus. */
  flexus?: unknown[];
  /** ListOffSiteInstances' records, and per instance ID its copies stored in this project. */
  offsiteInstances?: unknown[];
  offsiteBackups?: Record<string, unknown[]>;
}

function rdsCloud(
  instances: unknown[],
  backups: Record<string, ReturnType<typeof backupRecord>[]>,
  extras: RdsExtras = {},
) {
  return new FakeCloud((request) => {
    const limit = Number(request.query?.limit);
    if (!(limit >= 1 && limit <= 100)) return new Error(`limit ${limit} refused`);
    if (request.path === `/v3/${P}/instances`) {
      const listed = request.query?.group_type === "flexus" ? (extras.flexus ?? []) : instances;
      return { instances: pageOf(listed, request), total_count: listed.length };
    }
    if (request.path === "/v3/backups/offsite-backup-instance") {
      const listed = extras.offsiteInstances ?? [];
      return { offsite_backup_instances: pageOf(listed, request), total_count: listed.length };
    }
    if (request.path === `/v3/${P}/offsite-backups`) {
      const copies = extras.offsiteBackups?.[String(request.query?.instance_id)] ?? [];
      return { backups: pageOf(copies, request), total_count: copies.length };
    }
    if (request.path === `/v3/${P}/backups`) {
      const id = request.query?.instance_id;
      if (typeof id !== "string") return new Error("instance_id is mandatory");
      const type = request.query?.backup_type;
      const records = (backups[id] ?? []).filter((b) => type === undefined || b.type === type);
      return { backups: pageOf(records, request), total_count: records.length };
    }
    return new Error(`no such API: ${request.path}`);
  });
}

const instancePage = (offset: number) => `/v3/${P}/instances?limit=100&offset=${offset}`;
const FLEXUS_PAGE = `/v3/${P}/instances?group_type=flexus&limit=100&offset=0`;
const OFFSITE_INSTANCES_PAGE = "/v3/backups/offsite-backup-instance?limit=100&offset=0";
/** The lists every full fetch reads besides each instance's: the Flexus instance list and the offsite instances. */
const OTHER_LISTS = [FLEXUS_PAGE, OFFSITE_INSTANCES_PAGE];
const offsiteCall = (id: string, offset: number) => `/v3/${P}/offsite-backups?instance_id=${id}&limit=100&offset=${offset}`;
const backupCall = (id: string, offset: number, extra = "") =>
  `/v3/${P}/backups?${extra}instance_id=${id}&limit=100&offset=${offset}`;

describe("fetchRds", () => {
  const instances = Array.from({ length: 101 }, (_, n) => instanceRecord(n));
  const backups = { rds0: Array.from({ length: 210 }, (_, n) => backupRecord(n, "rds0")) };

  it("lists instances, then every instance's backups in parallel, paging at 100", async () => {
    const cloud = rdsCloud(instances, backups);
    const result = await fetchRds(context(cloud), {});
    const expected = [
      instancePage(0),
      instancePage(100),
      ...OTHER_LISTS,
      ...instances.map((i) => backupCall(i.id, 0)),
      backupCall("rds0", 100),
      backupCall("rds0", 200),
    ];
    expect(cloud.calls.toSorted()).toEqual(expected.toSorted());
    expect(result.calls).toBe(expected.length);
    expect(result.instances).toHaveLength(101);
    expect(result.backups).toHaveLength(210);
    expect(result.skipped).toEqual([]);
    expect(cloud.maxInFlight).toBeGreaterThanOrEqual(101);
    expect(result.backups.find((b) => b.id === "rds0-b2")).toMatchObject({
      instanceName: "pg-0",
      engine: "postgresql",
      kind: "differential",
      trigger: null,
    });
  });

  it("for full backups, reads a small instance unfiltered and a large one by type", async () => {
    // rds1: 30 backups, one page. rds2: 500, of which 480 incremental: 5 pages unfiltered, 1 per wanted type.
    const large = Array.from({ length: 500 }, (_, n) =>
      backupRecord(n, "rds2", n % 50 === 0 ? "auto" : n % 50 === 1 ? "manual" : "incremental"),
    );
    const cloud = rdsCloud([instanceRecord(1), instanceRecord(2)], {
      rds1: Array.from({ length: 30 }, (_, n) => backupRecord(n, "rds1")),
      rds2: large,
    });
    const result = await fetchRds(context(cloud), { kinds: ["full"] });
    expect(cloud.calls.toSorted()).toEqual(
      [
        instancePage(0),
        ...OTHER_LISTS,
        backupCall("rds1", 0),
        backupCall("rds2", 0),
        backupCall("rds2", 0, "backup_type=auto&"),
        backupCall("rds2", 0, "backup_type=manual&"),
      ].toSorted(),
    );
    expect(result.backups.filter((b) => b.instanceId === "rds1")).toHaveLength(16);
    expect(result.backups.filter((b) => b.instanceId === "rds2")).toHaveLength(20);
    expect(new Set(result.backups.map((b) => b.kind))).toEqual(new Set(["full"]));
  });

  it("reads on unfiltered when the rest takes no more calls than one listing per type", async () => {
    const cloud = rdsCloud([instanceRecord(0)], backups);
    const result = await fetchRds(context(cloud), { kinds: ["full"] });
    expect(cloud.calls.toSorted()).toEqual(
      [instancePage(0), ...OTHER_LISTS, backupCall("rds0", 0), backupCall("rds0", 100), backupCall("rds0", 200)].toSorted(),
    );
    expect(result.backups).toHaveLength(106);
  });

  it("asks for a single type by its filter", async () => {
    const cloud = rdsCloud([instanceRecord(0)], backups);
    const result = await fetchRds(context(cloud), { kinds: ["differential"] });
    expect(cloud.calls.toSorted()).toEqual(
      // No cross-region list: only full and incremental backups are copied.
      [instancePage(0), FLEXUS_PAGE, backupCall("rds0", 0, "backup_type=fragment&")].toSorted(),
    );
    expect(result.backups).toHaveLength(52);
  });

  it("lists everything once when incremental backups are wanted with others, and keeps the plan's kinds", async () => {
    const cloud = rdsCloud([instanceRecord(0)], backups);
    const result = await fetchRds(context(cloud), { kinds: ["incremental", "differential"] });
    expect(cloud.calls.toSorted()).toEqual(
      [instancePage(0), ...OTHER_LISTS, backupCall("rds0", 0), backupCall("rds0", 100), backupCall("rds0", 200)].toSorted(),
    );
    expect(result.backups).toHaveLength(52 + 52);
    expect(new Set(result.backups.map((b) => b.kind))).toEqual(new Set(["incremental", "differential"]));
  });

  it("calls only the selected instances, and no backup list for excluded kinds", async () => {
    const cloud = rdsCloud(instances, backups);
    const result = await fetchRds(context(cloud), { instanceIds: ["rds7", "rds9", "unknown"] });
    expect(cloud.calls.toSorted()).toEqual(
      [instancePage(0), instancePage(100), ...OTHER_LISTS, backupCall("rds7", 0), backupCall("rds9", 0)].toSorted(),
    );
    expect(result.instances).toHaveLength(101);

    const none = rdsCloud(instances, backups);
    expect(await fetchRds(context(none), { kinds: [] })).toMatchObject({ backups: [], calls: 3 });
  });

  it("pushes the window as begin_time and end_time together; an open end is now plus the skew bound", async () => {
    const now = new Date("2026-01-10T00:00:00Z");
    const bounded = rdsCloud([instanceRecord(0)], {});
    await fetchRds(context(bounded, now), {
      from: new Date("2026-01-01T00:00:00.999Z"),
      to: new Date("2026-01-02T00:00:00.001Z"),
    });
    expect(bounded.calls).toContain(
      backupCall("rds0", 0, "begin_time=2026-01-01T00:00:00+0000&end_time=2026-01-02T00:00:01+0000&"),
    );
    const open = rdsCloud([instanceRecord(0)], {});
    await fetchRds(context(open, now), { from: new Date("2026-01-01T00:00:00Z") });
    expect(open.calls).toContain(
      backupCall("rds0", 0, "begin_time=2026-01-01T00:00:00+0000&end_time=2026-01-10T00:15:00+0000&"),
    );
    const onlyTo = rdsCloud([instanceRecord(0)], {});
    await fetchRds(context(onlyTo, now), { to: new Date("2026-01-02T00:00:00Z") });
    expect(onlyTo.calls).toContain(backupCall("rds0", 0));
  });

  it("fails the source when a backup list fails", async () => {
    const failure = new Error("APIGW.0308");
    const cloud = new FakeCloud((request) =>
      request.path.endsWith("/instances") ? { instances: [instanceRecord(0)], total_count: 1 } : failure,
    );
    await expect(fetchRds(context(cloud), {})).rejects.toBe(failure);
  });
});

describe("fetchRds: Flexus RDS and cross-region backups", () => {
  const copyOf = (n: number, type: string) => ({
    ...backupRecord(n, "src1", type),
    id: `copy-${n}`,
    datastore: { type: "MySQL", version: "8.0" },
  });
  const offsiteInstance = {
    id: "src1",
    name: "orders-mysql",
    source_region: "cn-east-3",
    source_project_id: "p-east",
    datastore: { type: "MySQL", version: "8.0" },
    destination_region: PROJECT.region,
    destination_project_id: P,
    keep_days: 7,
  };
  const extras: RdsExtras = {
    flexus: [{ ...instanceRecord(50), id: "flex1", name: "flexus-db" }],
    offsiteInstances: [offsiteInstance, { ...offsiteInstance }],
    offsiteBackups: { src1: Array.from({ length: 150 }, (_, n) => copyOf(n, n % 3 === 0 ? "auto" : "incremental")) },
  };

  it("lists Flexus instances, which ListInstances leaves out without group_type=flexus, and their backups", async () => {
    const cloud = rdsCloud([instanceRecord(0)], { flex1: [backupRecord(0, "flex1", "auto")] }, extras);
    const result = await fetchRds(context(cloud), {});
    expect(result.instances.map((i) => i.id)).toEqual(["rds0", "flex1"]);
    expect(result.backups.filter((b) => b.instanceId === "flex1")).toHaveLength(1);
  });

  it("lists each instance's copies stored here once, as offsite rows of this region naming where they came from", async () => {
    const cloud = rdsCloud([instanceRecord(0)], {}, extras);
    const result = await fetchRds(context(cloud), {});
    expect(cloud.calls.filter((call) => call.includes("offsite-backups"))).toEqual([
      offsiteCall("src1", 0),
      offsiteCall("src1", 100),
    ]);
    const copies = result.backups.filter((b) => b.details.offsite === true);
    expect(copies).toHaveLength(150);
    expect(copies[0]).toMatchObject({
      id: "copy-0",
      region: PROJECT.region,
      projectId: P,
      instanceId: "src1",
      instanceName: "orders-mysql",
      engine: "mysql",
      kind: "full",
      trigger: "auto",
      details: { offsite: true, sourceRegion: "cn-east-3", sourceProjectId: "p-east", type: "auto" },
    });
    expect(copies[1]).toMatchObject({ kind: "incremental", durationSeconds: null });
  });

  it("reads the copies of the selected instances only, and none when neither full nor incremental is wanted", async () => {
    const other = rdsCloud([instanceRecord(0)], {}, extras);
    await fetchRds(context(other), { instanceIds: ["rds0"] });
    expect(other.calls.filter((call) => call.includes("offsite-backups"))).toEqual([]);
    const selected = rdsCloud([instanceRecord(0)], {}, extras);
    const result = await fetchRds(context(selected), { instanceIds: ["src1"], kinds: ["incremental"] });
    expect(result.backups).toHaveLength(100);
    expect(result.backups.every((b) => b.kind === "incremental" && b.details.offsite === true)).toBe(true);
    const differential = rdsCloud([instanceRecord(0)], {}, extras);
    await fetchRds(context(differential), { kinds: ["differential"] });
    expect(differential.calls.some((call) => call.includes("offsite"))).toBe(false);
  });

  it("reads cross-region records of the official models with every optional field present, null or absent", () => {
    const instances = modelVariants("models-rds.json", "OffsiteBackupInstance", ["id"]);
    const copies = modelVariants("models-rds.json", "OffSiteBackupForList", ["id", "begin_time", "status", "size"]);
    for (const form of ["present", "nulls", "absent"] as const) {
      const complete = form === "present";
      const copy = normaliseRdsOffsiteBackup(
        rdsOffsiteBackupSchema.parse(copies[form]),
        rdsOffsiteInstanceSchema.parse(instances[form]),
        PROJECT,
      );
      expect(copy).toMatchObject({
        id: "c0c9f155c7b7423a9d30f0175998b63bbr01",
        region: PROJECT.region,
        instanceId: "a48e43ff268f4c0e879652d65e63d0fbin01",
        instanceName: complete ? "orders-mysql-prod-01" : null,
        engine: complete ? "mysql" : "unknown",
        kind: "full",
        trigger: complete ? "auto" : null,
        startedAt: "2026-01-04T10:30:00.000Z",
        sizeBytes: 2803 * 1024,
      });
      expect(copy.details).toEqual(
        complete
          ? {
              type: "auto",
              datastore: { type: "MySQL", version: "8.0" },
              databases: [],
              associatedWithDdm: false,
              offsite: true,
              sourceRegion: "cn-north-4",
              sourceProjectId: "0483b6b16e954cb88930a360d2c4e663",
            }
          : { offsite: true },
      );
    }
  });
});

describe("fetchRdsInstances", () => {
  it("lists instances only, skipping one without an ID", async () => {
    const cloud = rdsCloud([instanceRecord(0), { id: "", name: "x", status: "ACTIVE" }, instanceRecord(1)], {});
    const result = await fetchRdsInstances(context(cloud));
    expect(cloud.calls.toSorted()).toEqual([instancePage(0), FLEXUS_PAGE].toSorted());
    expect(result.instances.map((i) => i.id)).toEqual(["rds0", "rds1"]);
    expect(result.skipped).toEqual([{ list: "RDS instance list", id: "index 1", reason: "id: must not be empty" }]);
  });
});
