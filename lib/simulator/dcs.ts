import "server-only";
import {
  integerParam,
  ownInstance,
  type Route,
  type RouteContext,
  servedRecord,
  timeWindow,
  withOptionalFields,
} from "./api";
import {
  type Backup,
  type BackupState,
  backupId,
  backupHash,
  backupName,
  backupOf,
  optionalFieldsOfBackup,
  stateAt,
} from "./backups";
import {
  DAY_MS,
  type Dataset,
  type DcsInstance,
  MANUAL_DESCRIPTIONS,
  MINUTE_MS,
  networkIds,
  projectKey,
} from "./dataset";
import { instanceNotFound } from "./errors";
import { instanceList, LISTS, pageOf } from "./listing";
import { parseCompactUtc } from "./time";

/** DCS (Redis, Memcached): instance list and backup records. */

const REMARKS = Object.values(MANUAL_DESCRIPTIONS);

function instanceRecord(dataset: Dataset, instance: DcsInstance) {
  const spec =
    instance.engineName === "Memcached"
      ? `dcs.memcached.master_standby.${instance.capacityGb}`
      : `redis.${instance.cacheMode}.xu1.large.${instance.cacheMode === "single" ? "" : "r2."}${instance.capacityGb}`;
  return {
    vpc_name: `vpc-${instance.project.region}`,
    charging_mode: 0,
    enterprise_project_id: "0",
    enterprise_project_name: "default",
    description: "",
    security_group_name: "default",
    created_at: new Date(instance.createdMs).toISOString(),
    max_memory: instance.capacityGb * 1024,
    used_memory: instance.usedMemoryMb,
    capacity: instance.capacityGb,
    ip: instance.ip,
    port: instance.port,
    status: instance.status,
    az_codes: [instance.project.azs[instance.index % instance.project.azs.length]],
    instance_id: instance.id,
    engine_version: instance.engineVersion,
    ...networkIds(dataset, instance.project.projectId),
    name: instance.name,
    engine: instance.engineName,
    cache_mode: instance.cacheMode,
    spec_code: spec,
    domain_name: `${instance.id.slice(0, 8)}.dcs.${instance.project.region}.example.internal`,
    no_password_access: "false",
    product_type: "generic",
    cpu_type: "x86_64",
    maintain_begin: "18:00:00",
    maintain_end: "22:00:00",
    enable_publicip: false,
    tags: [],
  };
}

function listInstances(context: RouteContext) {
  const offset = integerParam(context, "offset", { min: 0, fallback: 0 });
  const limit = integerParam(context, "limit", { min: 1, max: 1000, fallback: 10 });
  const all = (context.dataset.instancesOf.get(projectKey("dcs", context.projectId)) ?? []) as DcsInstance[];
  return {
    status: 200,
    body: {
      instance_num: all.length,
      instances: all.slice(offset, offset + limit).map((instance) => instanceRecord(context.dataset, instance)),
    },
  };
}

/** When the record last changed: completion, expiry or deletion. */
function updatedAt(dataset: Dataset, backup: Backup, state: BackupState): number {
  switch (state.status) {
    case "expired":
      return backup.start + backup.instance.keepDays * DAY_MS;
    case "deleted":
      return Math.min(dataset.anchorMs - 1000, backup.start + DAY_MS);
    default:
      return state.end ?? backup.start;
  }
}

function progress(dataset: Dataset, backup: Backup, state: BackupState, atMs: number): string {
  if (state.status === "waiting") return "0.00";
  if (state.status === "failed") return `${10 + (backupHash(dataset, backup.handle, 0x9a) % 80)}.00`;
  if (state.status === "backuping") {
    const elapsed = atMs - backup.start - backup.waitMs;
    return `${Math.min(95, Math.floor((elapsed / (45 * MINUTE_MS)) * 100))}.00`;
  }
  return "100.00";
}

function backupRecord(context: RouteContext, instance: DcsInstance, handle: number) {
  const { dataset } = context;
  const backup = backupOf(dataset, handle) as Backup;
  const state = stateAt(backup, context.atMs);
  const id = backupId(dataset, handle);
  const { status } = state;
  const created = new Date(backup.start).toISOString();
  const record = {
    // The documented strings `period` and `error_code` come as empty objects when unset, as in the API's example.
    period: {},
    backup_type: backup.type,
    created_at: created,
    remark:
      backup.type === "manual"
        ? REMARKS[backupHash(dataset, handle, 0x3a) % REMARKS.length]
        : "",
    is_support_restore: status === "succeed" ? "TRUE" : "FALSE",
    backup_id: id,
    backup_name: backupName(dataset, backup),
    instance_id: instance.id,
    size: state.sizeBytes,
    updated_at: new Date(updatedAt(dataset, backup, state)).toISOString(),
    progress: progress(dataset, backup, state, context.atMs),
    error_code:
      status === "failed" ? `dcs.08.000${1 + (backupHash(dataset, handle, 0xec) % 8)}` : {},
    status,
    execution_at: created,
    backup_format: instance.backupFormat,
  };
  const optional = ["remark", "progress", "execution_at", "is_support_restore", "instance_id"] as const;
  return servedRecord(context, id, withOptionalFields(optionalFieldsOfBackup(handle), record, optional));
}

function listBackupRecords(context: RouteContext) {
  const { dataset } = context;
  const instance = ownInstance<DcsInstance>(context, "dcs", context.params.instance_id);
  if (!instance) throw instanceNotFound("dcs", context.params.instance_id);
  const offset = integerParam(context, "offset", { min: 0, fallback: 0 });
  const limit = integerParam(context, "limit", { min: 1, max: 1000, fallback: 10 });
  const window = timeWindow(context, { parse: parseCompactUtc, format: "yyyyMMddHHmmss (UTC)", together: false });

  // The query's times have whole seconds: a window's end covers its whole second.
  const list = instanceList(
    dataset,
    instance,
    LISTS.dcsBackups,
    context.atMs,
    window && { from: window.from, to: window.to + 999 },
  );
  // No records: 204 without a body.
  if (list.length === 0) return { status: 204 };
  return {
    status: 200,
    body: {
      total_num: list.length,
      backup_record_response: pageOf(list, offset, limit).map((handle) => backupRecord(context, instance, handle)),
    },
  };
}

export const DCS_ROUTES: Route[] = [
  { operation: "ListInstances", path: "/v2/{project_id}/instances", handle: listInstances },
  {
    operation: "ListBackupRecords",
    path: "/v2/{project_id}/instances/{instance_id}/backups",
    handle: listBackupRecords,
  },
];
