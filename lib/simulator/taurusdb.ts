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
  backupId,
  backupName,
  DAY_MS,
  type Dataset,
  descriptionOf,
  endOf,
  findBackup,
  instanceOf,
  listedTypeOf,
  networkIds,
  optionalFieldsOf,
  projectKey,
  rawStatusOf,
  type TaurusInstance,
  typeOf,
} from "./dataset";
import { instanceNotFound } from "./errors";
import { arrayList, filterList, type IndexList, pageOf, rangeList, singleList, windowList } from "./listing";
import { formatLocalTime, formatOffsetTime, formatUtcOffset, parseOffsetTime } from "./time";

/** TaurusDB (GaussDB for MySQL): instance list, project-wide and per-instance full backups, incremental backups. */

const OFFSET_TIME = "yyyy-mm-ddThh:mm:ss+hhmm";
const FULL_LIST_TIMES: TimeRule = { parse: parseOffsetTime, format: OFFSET_TIME, together: true, notFuture: true };
const INCREMENTAL_TIMES: TimeRule = { parse: parseOffsetTime, format: OFFSET_TIME, together: true };
const SIZE_NAMES: Record<number, string> = { 2: "large", 4: "xlarge", 8: "2xlarge", 16: "4xlarge", 32: "8xlarge" };

function startOf(dataset: Dataset) {
  return (index: number) => dataset.backups.start[index];
}

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

function backupLevel(dataset: Dataset, index: number): string {
  const status = rawStatusOf(dataset, index);
  if (status === "BUILDING" || status === "FAILED") return "0";
  return dataset.backups.start[index] < dataset.anchorMs - DAY_MS ? "2" : "1";
}

function sizeMb(dataset: Dataset, index: number): number {
  return Math.round(dataset.backups.sizeBytes[index] / 1048576);
}

function fullRecord(context: RouteContext, index: number) {
  const { dataset } = context;
  const instance = instanceOf(dataset, index);
  const offset = instance.project.offsetMinutes;
  const start = dataset.backups.start[index];
  const end = endOf(dataset, index);
  const id = backupId(dataset, index);
  const description = descriptionOf(dataset, index);
  const record = {
    id,
    name: backupName(dataset, index),
    begin_time: formatOffsetTime(start, offset),
    end_time: end === undefined ? "" : formatOffsetTime(end, offset),
    take_up_time: end === undefined ? 0 : Math.round((end - start) / 60_000),
    status: rawStatusOf(dataset, index),
    type: listedTypeOf(dataset, index),
    size: sizeMb(dataset, index),
    datastore: { type: "GaussDB(for MySQL)", version: instance.engineVersion },
    instance_id: instance.id,
    instance_name: instance.name,
    backup_level: backupLevel(dataset, index),
    ...(description ? { description } : {}),
  };
  return servedRecord(
    context,
    id,
    withOptionalFields(optionalFieldsOf(index), record, ["datastore", "backup_level", "description"]),
  );
}

/** Whether the project-wide list shows this record: a full backup of this project that is not being deleted. */
function listedProjectWide(context: RouteContext, index: number): boolean {
  const instance = instanceOf(context.dataset, index);
  return (
    instance.service === "taurusdb" &&
    instance.project.projectId === context.projectId &&
    index < instance.backupSplit &&
    rawStatusOf(context.dataset, index) !== "DELETING"
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

  const projectFull = dataset.taurusProjectFull.get(context.projectId) ?? new Int32Array(0);
  // A backup ID names its record directly (IDs decode to their index), so that filter needs no scan.
  const wanted = wantedId === undefined ? undefined : findBackup(dataset, wantedId);
  let list: IndexList =
    wantedId === undefined
      ? arrayList(projectFull)
      : singleList(wanted !== undefined && listedProjectWide(context, wanted) ? wanted : undefined);
  if (window) list = windowList(list, startOf(dataset), window.from, window.to);
  if (instanceId || name || instanceName || backupType)
    list = filterList(list, (index) => {
      const instance = instanceOf(dataset, index);
      return (
        (!instanceId || instance.id === instanceId) &&
        (!instanceName || instance.name.includes(instanceName)) &&
        (!backupType || listedTypeOf(dataset, index) === backupType) &&
        (!name || backupName(dataset, index).includes(name))
      );
    });
  return {
    status: 200,
    body: { backups: pageOf(list, offset, limit).map((index) => fullRecord(context, index)), total_count: list.length },
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

  let list: IndexList = rangeList(instance.backupStart, instance.backupSplit);
  if (filterField && filterContent)
    list = filterList(list, (index) => backupName(dataset, index).includes(filterContent));
  if (orderField === "name" || orderRule === "asc") {
    // Per-instance lists are short (a window of daily backups), so ordering a copy is cheap.
    const indices = pageOf(list, 0, list.length);
    if (orderField === "name") indices.sort((a, b) => backupName(dataset, a).localeCompare(backupName(dataset, b)));
    if (orderField === "name" ? orderRule === "desc" : orderRule === "asc") indices.reverse();
    list = arrayList(Int32Array.from(indices));
  }
  const offsetMinutes = instance.project.offsetMinutes;
  const backups = pageOf(list, offset, limit).map((index) => {
    const start = dataset.backups.start[index];
    const id = backupId(dataset, index);
    const status = rawStatusOf(dataset, index);
    const record = {
      id,
      description: descriptionOf(dataset, index),
      instance_id: instance.id,
      instance_name: instance.name,
      name: backupName(dataset, index),
      size: (dataset.backups.sizeBytes[index] / 1024).toFixed(1),
      size_unit: "KB",
      // This list reports a finished backup as COMPLETED where the project-wide list may say AVAILABLE.
      status: status === "AVAILABLE" ? "COMPLETED" : status,
      created: formatLocalTime(start, offsetMinutes),
      updated: formatLocalTime(endOf(dataset, index) ?? start, offsetMinutes),
      backup_type: instance.backupMethod,
      backup_level: backupLevel(dataset, index),
      backup_method: instance.backupMethod,
      use_detail: "",
      time_zone: formatUtcOffset(offsetMinutes),
      backup_mode: typeOf(dataset, index) === "differential" ? "differential" : "completed",
    };
    // Without its time zone, a record is read in its instance's (the instance list sends it).
    const optional = ["description", "backup_level", "backup_method", "use_detail", "time_zone"] as const;
    return servedRecord(context, id, withOptionalFields(optionalFieldsOf(index), record, optional));
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

  let list: IndexList = rangeList(instance.backupSplit, instance.backupEnd);
  if (window) list = windowList(list, startOf(dataset), window.from, window.to);
  if (!offsite) list = filterList(list, (index) => typeOf(dataset, index) === "Log");
  const offsetMinutes = instance.project.offsetMinutes;
  const backups = pageOf(list, offset, limit).map((index) => {
    const start = dataset.backups.start[index];
    const id = backupId(dataset, index);
    const record = {
      id,
      name: backupName(dataset, index),
      begin_time: formatOffsetTime(start, offsetMinutes),
      end_time: formatOffsetTime(endOf(dataset, index) ?? start, offsetMinutes),
      size: dataset.backups.sizeBytes[index] / 1024,
      instance_id: instance.id,
      backup_type: typeOf(dataset, index),
    };
    return servedRecord(context, id, withOptionalFields(optionalFieldsOf(index), record, ["instance_id"]));
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
