import "server-only";
import {
  enumParam,
  integerParam,
  ownInstance,
  type Route,
  type RouteContext,
  servedRecord,
  timeWindow,
  withOptionalFields,
} from "./api";
import { type Backup, backupId, backupName, backupOf, optionalFieldsOfBackup, stateAt } from "./backups";
import { DAY_MS, type Dataset, networkIds, optionalFieldsOf, projectKey, type RdsInstance } from "./dataset";
import { instanceNotFound, invalidParameter } from "./errors";
import { EMPTY_LIST, instanceList, onlyBackup, pageOf, rdsListOfType, rdsOffsiteOfType } from "./listing";
import { formatOffsetTime, parseOffsetTime } from "./time";

/**
 * RDS (MySQL, PostgreSQL, SQL Server, MariaDB): instance list (Flexus instances only with `group_type=flexus`),
 * backup list, and the cross-region backups stored in a project: the instances whose backups are copied there and
 * each one's copies.
 */

const BACKUP_TYPES = ["auto", "manual", "fragment", "incremental"] as const;

function instanceRecord(dataset: Dataset, instance: RdsInstance) {
  const offset = instance.project.offsetMinutes;
  const [primaryAz, secondaryAz] = [
    instance.project.azs[instance.index % instance.project.azs.length],
    instance.project.azs[(instance.index + 1) % instance.project.azs.length],
  ];
  const node = (role: "master" | "slave", suffix: number, az: string) => ({
    id: `${instance.id.slice(0, 32)}no0${suffix}`,
    name: `${instance.name}_node${suffix - 1}`,
    role,
    status: instance.status === "BUILD" ? "BUILD" : "ACTIVE",
    availability_zone: az,
  });
  const engineFlavor = instance.datastore === "SQLServer" ? "mssql" : instance.datastore.toLowerCase();
  const record = {
    id: instance.id,
    status: instance.status,
    name: instance.name,
    port: instance.port,
    type: instance.haMode,
    ...(instance.haMode === "Ha" ? { ha: { replication_mode: "async" } } : {}),
    region: instance.project.region,
    datastore: {
      type: instance.datastore,
      version: instance.engineVersion,
      complete_version: instance.completeVersion,
    },
    created: formatOffsetTime(instance.createdMs, offset),
    updated: formatOffsetTime(Math.max(instance.createdMs, dataset.anchorMs - 2 * DAY_MS), offset),
    volume: { type: "CLOUDSSD", size: instance.storageGb },
    nodes:
      instance.haMode === "Ha"
        ? [node("master", 1, primaryAz), node("slave", 2, secondaryAz)]
        : [node("master", 1, primaryAz)],
    private_ips: [`192.168.${16 + (instance.index % 200)}.${10 + (instance.index % 240)}`],
    public_ips: [],
    db_user_name: instance.datastore === "SQLServer" ? "rdsuser" : "root",
    ...networkIds(dataset, instance.project.projectId),
    flavor_ref: `rds.${engineFlavor}.x1.${instance.vcpus}u${instance.ramGb}g${instance.haMode === "Ha" ? ".ha" : ""}`,
    cpu: String(instance.vcpus),
    mem: String(instance.ramGb),
    switch_strategy: "reliability",
    backup_strategy: { start_time: instance.backupWindow, keep_days: instance.keepDays },
    maintenance_window: "02:00-06:00",
    related_instance: [],
    disk_encryption_id: "",
    enterprise_project_id: "0",
    time_zone: "",
    charge_info: { charge_mode: "postPaid" },
    tags: [],
  };
  return withOptionalFields(optionalFieldsOf(instance.index), record, ["nodes", "time_zone", "related_instance"]);
}

function listInstances(context: RouteContext) {
  const offset = integerParam(context, "offset", { min: 0, fallback: 0 });
  const limit = integerParam(context, "limit", { min: 1, max: 100, fallback: 100 });
  const flexus = enumParam(context, "group_type", ["flexus"] as const) === "flexus";
  const all = ((context.dataset.instancesOf.get(projectKey("rds", context.projectId)) ?? []) as RdsInstance[]).filter(
    (instance) => instance.flexus === flexus,
  );
  return {
    status: 200,
    body: {
      instances: all.slice(offset, offset + limit).map((instance) => instanceRecord(context.dataset, instance)),
      total_count: all.length,
    },
  };
}

function backupRecord(context: RouteContext, instance: RdsInstance, handle: number) {
  const { dataset } = context;
  const backup = backupOf(dataset, handle) as Backup;
  const offset = instance.project.offsetMinutes;
  const { status, end, sizeBytes } = stateAt(backup, context.atMs);
  const id = backupId(dataset, handle);
  const record = {
    id,
    name: backupName(dataset, backup),
    type: backup.type,
    size: Math.round(sizeBytes / 1024),
    status,
    begin_time: formatOffsetTime(backup.start, offset),
    // A running backup has no end time yet.
    ...(end === undefined ? {} : { end_time: formatOffsetTime(end, offset) }),
    datastore: { type: instance.datastore, version: instance.engineVersion },
    ...(instance.datastore === "SQLServer" ? { databases: instance.databases.map((name) => ({ name })) } : {}),
    instance_id: instance.id,
    associated_with_ddm: instance.associatedWithDdm,
  };
  const optional = ["datastore", "databases", "instance_id", "associated_with_ddm"] as const;
  return servedRecord(context, id, withOptionalFields(optionalFieldsOfBackup(handle), record, optional));
}


function listBackups(context: RouteContext) {
  const { dataset } = context;
  const instanceId = context.query.get("instance_id");
  if (!instanceId) throw invalidParameter("rds", "instance_id is mandatory");
  const instance = ownInstance<RdsInstance>(context, "rds", instanceId);
  if (!instance) throw instanceNotFound("rds", instanceId);
  const offset = integerParam(context, "offset", { min: 0, fallback: 0 });
  const limit = integerParam(context, "limit", { min: 1, max: 100, fallback: 100 });
  const backupType = enumParam(context, "backup_type", BACKUP_TYPES);
  const window = timeWindow(context, { parse: parseOffsetTime, format: "yyyy-mm-ddThh:mm:ss+hhmm", together: true });
  const wantedId = context.query.get("backup_id");

  // Each type is a series of its own, so the type filter picks series and scans nothing.
  let list = instanceList(dataset, instance, rdsListOfType(backupType), context.atMs, window);
  if (wantedId !== undefined) list = onlyBackup(dataset, list, wantedId);
  return {
    status: 200,
    body: {
      backups: pageOf(list, offset, limit).map((handle) => backupRecord(context, instance, handle)),
      total_count: list.length,
    },
  };
}

/** The instances whose backups are copied to this project, in the dataset's order. */
function offsiteInstancesOf(context: RouteContext): RdsInstance[] {
  return context.dataset.instances.filter(
    (instance): instance is RdsInstance =>
      instance.service === "rds" && instance.offsiteTo?.projectId === context.projectId,
  );
}

function listOffsiteInstances(context: RouteContext) {
  const offset = integerParam(context, "offset", { min: 0, fallback: 0 });
  const limit = integerParam(context, "limit", { min: 1, max: 100, fallback: 100 });
  const all = offsiteInstancesOf(context);
  return {
    status: 200,
    body: {
      offsite_backup_instances: all.slice(offset, offset + limit).map((instance) => ({
        id: instance.id,
        name: instance.name,
        source_region: instance.project.region,
        source_project_id: instance.project.projectId,
        datastore: { type: instance.datastore, version: instance.engineVersion },
        destination_region: instance.offsiteTo?.region,
        destination_project_id: instance.offsiteTo?.projectId,
        keep_days: instance.keepDays,
      })),
      total_count: all.length,
    },
  };
}

function listOffsiteBackups(context: RouteContext) {
  const { dataset } = context;
  const instanceId = context.query.get("instance_id");
  if (!instanceId) throw invalidParameter("rds", "instance_id is mandatory");
  const instance = dataset.instanceById.get(instanceId);
  if (instance?.service !== "rds") throw instanceNotFound("rds", instanceId);
  const offset = integerParam(context, "offset", { min: 0, fallback: 0 });
  const limit = integerParam(context, "limit", { min: 1, max: 100, fallback: 100 });
  const backupType = enumParam(context, "backup_type", ["auto", "incremental"] as const);
  const window = timeWindow(context, { parse: parseOffsetTime, format: "yyyy-mm-ddThh:mm:ss+hhmm", together: true });
  const wantedId = context.query.get("backup_id");
  // The copies are stored in one project; elsewhere the instance has none.
  let list =
    instance.offsiteTo?.projectId === context.projectId
      ? instanceList(dataset, instance, rdsOffsiteOfType(backupType), context.atMs, window)
      : EMPTY_LIST;
  if (wantedId !== undefined) list = onlyBackup(dataset, list, wantedId);
  return {
    status: 200,
    body: {
      backups: pageOf(list, offset, limit).map((handle) => backupRecord(context, instance, handle)),
      total_count: list.length,
    },
  };
}

export const RDS_ROUTES: Route[] = [
  { operation: "ListInstances", path: "/v3/{project_id}/instances", handle: listInstances },
  { operation: "ListBackups", path: "/v3/{project_id}/backups", handle: listBackups },
  // No project in the path: the signed X-Project-Id names it.
  { operation: "ListOffSiteInstances", path: "/v3/backups/offsite-backup-instance", handle: listOffsiteInstances },
  { operation: "ListOffSiteBackups", path: "/v3/{project_id}/offsite-backups", handle: listOffsiteBackups },
];
