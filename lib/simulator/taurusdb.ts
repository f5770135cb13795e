import "server-only";
import {
  enumParam,
  integerParam,
  ownInstance,
  type Route,
  type RouteContext,
  servedRecord,
  withOptionalFields,
  type TimeRule,
  timeWindow,
} from "./api";
import {
  type Backup,
  backupId,
  backupName,
  backupOf,
  descriptionOf,
  instanceOfHandle,
  listedTypeOf,
  optionalFieldsOfBackup,
  stateAt,
} from "./backups";
import { DAY_MS, networkIds, optionalFieldsOf, projectKey, type TaurusInstance } from "./dataset";
import { instanceNotFound } from "./errors";
import { arrayList, type BackupList, filterList, instanceList, LISTS, onlyBackup, pageOf } from "./listing";
import { formatLocalTime, formatOffsetTime, formatUtcOffset, parseOffsetTime } from "./time";

/** TaurusDB (GaussDB for MySQL): instance list, project-wide and per-instance full backups, incremental backups. */

const OFFSET_TIME = "yyyy-mm-ddThh:mm:ss+hhmm";
const FULL_LIST_TIMES: TimeRule = { parse: parseOffsetTime, format: OFFSET_TIME, together: true, notFuture: true };
const INCREMENTAL_TIMES: TimeRule = { parse: parseOffsetTime, format: OFFSET_TIME, together: true };
const SIZE_NAMES: Record<number, string> = { 2: "large", 4: "xlarge", 8: "2xlarge", 16: "4xlarge", 32: "8xlarge" };

function instanceRecord(context: RouteContext, instance: TaurusInstance) {
  const offset = instance.project.offsetMinutes;
  const record = {
    id: instance.id,
    name: instance.name,
    status: instance.status,
    private_ips: [`192.168.${instance.index % 250}.${10 + (instance.index % 200)}`],
    public_ips: [],
    port: "3306",
    type: "Cluster",
    node_count: instance.nodeCount,
    region: instance.project.region,
    datastore: { type: "gaussdb-mysql", version: instance.engineVersion, kernel_version: instance.kernelVersion },
    created: formatOffsetTime(instance.createdMs, offset),
    updated: formatOffsetTime(Math.max(instance.createdMs, context.dataset.anchorMs - 3 * DAY_MS), offset),
    db_user_name: "root",
    ...networkIds(context.dataset, instance.project.projectId),
    flavor_ref: `gaussdb.mysql.${SIZE_NAMES[instance.vcpus]}.x86.${instance.ramGb / instance.vcpus}`,
    flavor_info: { vcpus: String(instance.vcpus), ram: String(instance.ramGb) },
    volume: { type: "POOL", size: instance.storageGb },
    backup_strategy: { start_time: instance.backupWindow, keep_days: instance.keepDays },
    enterprise_project_id: "0",
    time_zone: formatUtcOffset(offset),
    charge_info: { charge_mode: "postPaid" },
    tags: [],
  };
  return withOptionalFields(optionalFieldsOf(instance.index), record, ["status", "port"]);
}

function listInstances(context: RouteContext) {
  const offset = integerParam(context, "offset", { min: 0, fallback: 0 });
  const limit = integerParam(context, "limit", { min: 1, max: 100, fallback: 100 });
  const all = (context.dataset.instancesOf.get(projectKey("taurusdb", context.projectId)) ?? []) as TaurusInstance[];
  return {
    status: 200,
    body: {
      total_count: all.length,
      instances: all.slice(offset, offset + limit).map((instance) => instanceRecord(context, instance)),
    },
  };
}

/** The backup a listed handle names (lists hold only handles of backups that exist). */
function listed(context: RouteContext, handle: number): Backup {
  const backup = backupOf(context.dataset, handle);
  if (!backup) throw new Error(`listed backup ${handle} does not exist`);
  return backup;
}

function backupLevel(context: RouteContext, backup: Backup, status: string): string {
  if (status === "BUILDING" || status === "FAILED") return "0";
  return backup.start < context.atMs - DAY_MS ? "2" : "1";
}

function fullRecord(context: RouteContext, backup: Backup) {
  const { dataset } = context;
  const instance = backup.instance as TaurusInstance;
  const offset = instance.project.offsetMinutes;
  const { status, end, sizeBytes } = stateAt(backup, context.atMs);
  const id = backupId(dataset, backup.handle);
  const description = descriptionOf(dataset, backup);
  const record = {
    id,
    name: backupName(dataset, backup),
    begin_time: formatOffsetTime(backup.start, offset),
    end_time: end === undefined ? "" : formatOffsetTime(end, offset),
    take_up_time: end === undefined ? 0 : Math.round((end - backup.start) / 60_000),
    status,
    type: listedTypeOf(backup),
    size: Math.round(sizeBytes / 1048576),
    datastore: { type: "GaussDB(for MySQL)", version: instance.engineVersion },
    instance_id: instance.id,
    instance_name: instance.name,
    backup_level: backupLevel(context, backup, status),
    ...(description ? { description } : {}),
  };
  return servedRecord(
    context,
    id,
    withOptionalFields(optionalFieldsOfBackup(backup.handle), record, ["datastore", "backup_level", "description"]),
  );
}

function listFullBackups(context: RouteContext) {
  const { dataset } = context;
  const offset = integerParam(context, "offset", { min: 0, fallback: 0 });
  const limit = integerParam(context, "limit", { min: 1, max: 100, fallback: 100 });
  const backupType = enumParam(context, "backup_type", ["auto", "manual"] as const);
  const window = timeWindow(context, FULL_LIST_TIMES);
  const instanceId = context.query.get("instance_id");
  const wantedId = context.query.get("backup_id");
  const name = context.query.get("name");
  const instanceName = context.query.get("instance_name");

  let list: BackupList = context.projectFulls.at(context.projectId, context.atMs, window);
  if (wantedId !== undefined) list = onlyBackup(dataset, list, wantedId);
  if (instanceId || name || instanceName || backupType)
    list = filterList(list, (handle) => {
      const instance = instanceOfHandle(dataset, handle);
      return (
        (!instanceId || instance.id === instanceId) &&
        (!instanceName || instance.name.includes(instanceName)) &&
        (!backupType || listedTypeOf(listed(context, handle)) === backupType) &&
        (!name || backupName(dataset, listed(context, handle)).includes(name))
      );
    });
  return {
    status: 200,
    body: {
      backups: pageOf(list, offset, limit).map((handle) => fullRecord(context, listed(context, handle))),
      total_count: list.length,
    },
  };
}

const ORDER_FIELDS = ["name", "beginTime", "type"] as const;

function listInstanceBackups(context: RouteContext) {
  const { dataset } = context;
  const instance = ownInstance<TaurusInstance>(context, "taurusdb", context.params.instance_id);
  if (!instance) throw instanceNotFound("taurusdb", context.params.instance_id);
  const offset = integerParam(context, "offset", { min: 0, fallback: 0 });
  const limit = integerParam(context, "limit", { min: 1, max: 100, fallback: 100 });
  const orderField = enumParam(context, "order_field", ORDER_FIELDS);
  const orderRule = enumParam(context, "order_rule", ["asc", "desc"] as const);
  const filterField = enumParam(context, "filter_field", ["name"] as const);
  const filterContent = context.query.get("filter_content");

  let list = instanceList(dataset, instance, LISTS.taurusInstance, context.atMs);
  if (filterField && filterContent)
    list = filterList(list, (handle) => backupName(dataset, listed(context, handle)).includes(filterContent));
  if (orderField === "name" || orderRule === "asc") {
    // Per-instance full-backup lists are short (a retention of daily backups), so ordering a copy is cheap.
    const backups = pageOf(list, 0, list.length).map((handle) => listed(context, handle));
    if (orderField === "name") backups.sort((a, b) => backupName(dataset, a).localeCompare(backupName(dataset, b)));
    if (orderField === "name" ? orderRule === "desc" : orderRule === "asc") backups.reverse();
    list = arrayList(
      Float64Array.from(backups, (backup) => backup.handle),
      Float64Array.from(backups, (backup) => backup.start),
    );
  }
  const offsetMinutes = instance.project.offsetMinutes;
  const backups = pageOf(list, offset, limit).map((handle) => {
    const backup = listed(context, handle);
    const { status, end, sizeBytes } = stateAt(backup, context.atMs);
    const id = backupId(dataset, handle);
    const record = {
      id,
      description: descriptionOf(dataset, backup),
      instance_id: instance.id,
      instance_name: instance.name,
      name: backupName(dataset, backup),
      size: (sizeBytes / 1024).toFixed(1),
      size_unit: "KB",
      // This list reports a finished backup as COMPLETED where the project-wide list may say AVAILABLE.
      status: status === "AVAILABLE" ? "COMPLETED" : status,
      created: formatLocalTime(backup.start, offsetMinutes),
      updated: formatLocalTime(end ?? backup.start, offsetMinutes),
      backup_type: instance.backupMethod,
      backup_level: backupLevel(context, backup, status),
      backup_method: instance.backupMethod,
      use_detail: "",
      time_zone: formatUtcOffset(offsetMinutes),
      backup_mode: backup.type === "differential" ? "differential" : "completed",
    };
    // Without its time zone, a record is read in its instance's (the instance list sends it).
    const optional = ["description", "backup_level", "backup_method", "use_detail", "time_zone"] as const;
    return servedRecord(context, id, withOptionalFields(optionalFieldsOfBackup(handle), record, optional));
  });
  return { status: 200, body: { backups, total_count: String(list.length) } };
}

function listIncrementalBackups(context: RouteContext) {
  const { dataset } = context;
  const instance = ownInstance<TaurusInstance>(context, "taurusdb", context.params.instance_id);
  if (!instance) throw instanceNotFound("taurusdb", context.params.instance_id);
  const offset = integerParam(context, "offset", { min: 0, fallback: 0 });
  const limit = integerParam(context, "limit", { min: 10, fallback: 10, allowed: [10, 20, 50] });
  const window = timeWindow(context, INCREMENTAL_TIMES);
  const offsite = enumParam(context, "display_offsite_backup", ["true", "false"] as const) === "true";

  const parts = offsite ? LISTS.taurusIncremental : LISTS.taurusLocalIncremental;
  const list = instanceList(dataset, instance, parts, context.atMs, window);
  const offsetMinutes = instance.project.offsetMinutes;
  const backups = pageOf(list, offset, limit).map((handle) => {
    const backup = listed(context, handle);
    const { end, sizeBytes } = stateAt(backup, context.atMs);
    const id = backupId(dataset, handle);
    const record = {
      id,
      name: backupName(dataset, backup),
      begin_time: formatOffsetTime(backup.start, offsetMinutes),
      end_time: formatOffsetTime(end ?? backup.start, offsetMinutes),
      size: sizeBytes / 1024,
      instance_id: instance.id,
      backup_type: backup.type,
    };
    return servedRecord(context, id, withOptionalFields(optionalFieldsOfBackup(handle), record, ["instance_id"]));
  });
  return { status: 200, body: { backups, total_count: list.length } };
}

export const TAURUSDB_ROUTES: Route[] = [
  { operation: "ListGaussMySqlInstances", path: "/v3/{project_id}/instances", handle: listInstances },
  { operation: "ShowGaussMySqlBackupList", path: "/v3/{project_id}/backups", handle: listFullBackups },
  {
    operation: "ShowInstanceBackups",
    path: "/v3/{project_id}/instances/{instance_id}/backups",
    handle: listInstanceBackups,
  },
  {
    operation: "ShowGaussMySqlIncrementalBackupList",
    path: "/v3/{project_id}/instances/{instance_id}/incremental-backups",
    handle: listIncrementalBackups,
  },
];
