import "server-only";
import { z } from "zod";
import type { ProjectRef } from "../config";
import type { Backup, Instance } from "../inventory/model";
import { details, toBackup, toInstance } from "./backup";
import { SourceCalls, segment } from "./calls";
import { idText, optional, optionalText, optionalUtcTime, pageEnvelope, statusText, utcTime } from "./fields";
import { LIST_MAXIMA, type Listing, listAll, mapListing } from "./paging";
import { openWindow, selectInstances, wantsKind, windowCanMatch } from "./plan";
import { backupsResult, instancesResult } from "./result";
import { formatCompactUtc } from "./time";
import type { FetchPlan, SourceContext, SourceResult } from "./types";

/** DCS (Redis, Memcached): the instance list and ListBackupRecords, which is per instance. */

const PAGE_SIZE = 1000;
/** The engine of an instance whose list entry does not name one. */
const UNKNOWN_ENGINE = "unknown";

// ---- Schemas of the raw responses ----

/** ListInstances (DCS), one record (InstanceListInfo: every field optional); only the ID is required here. */
export const dcsInstanceSchema = z.object({
  instance_id: idText,
  name: optionalText,
  /** Redis or Memcached. */
  engine: optionalText,
  engine_version: optionalText,
  status: optionalText,
});
export type DcsInstanceRecord = z.output<typeof dcsInstanceSchema>;

export const dcsInstanceListSchema = pageEnvelope("instances", "instance_num");

/**
 * ListBackupRecords, `GET /v2/{project_id}/instances/{instance_id}/backups`: one record (BackupRecordResponse,
 * every field optional). Required here: the ID, the creation time (its start) and the status; the instance is
 * the one the list was asked for when the record does not say.
 */
export const dcsBackupRecordSchema = z.object({
  backup_id: idText,
  /** Documented as a String; examples send `{}`, which reads as null. */
  period: optionalText,
  backup_name: optionalText,
  instance_id: optional(idText),
  /** Bytes. */
  size: optional(z.number().nonnegative()),
  backup_type: optionalText,
  created_at: utcTime,
  updated_at: optionalUtcTime,
  progress: optionalText,
  /** Documented as a String; examples send `{}`, which reads as null. */
  error_code: optionalText,
  remark: optionalText,
  status: statusText,
  is_support_restore: optional(z.enum(["TRUE", "FALSE"])).transform((value) =>
    value === null ? null : value === "TRUE",
  ),
  execution_at: optionalUtcTime,
  backup_format: optionalText,
});
export type DcsBackupRecord = z.output<typeof dcsBackupRecordSchema>;

/** 204 with no body (null) means no records. */
export const dcsBackupRecordListSchema = z.union([
  z.null().transform(() => ({ total: 0, records: [] as unknown[] })),
  pageEnvelope("backup_record_response", "total_num"),
]);

// ---- Normalisation ----

export function normaliseDcsInstance(record: DcsInstanceRecord, project: ProjectRef): Instance {
  return toInstance("dcs", project, {
    id: record.instance_id,
    name: record.name,
    engine: record.engine?.toLowerCase() ?? UNKNOWN_ENGINE,
    engineVersion: record.engine_version,
    status: record.status,
  });
}

/** `updated_at` is when a backup finished only once it has: for `succeed` and `failed`. */
const FINISHED_STATUSES = new Set(["succeed", "failed"]);

/** A numeric progress such as "100.00" becomes 100; anything else is kept as sent. */
function progressOf(progress: string | null): number | string | null {
  return progress !== null && /^\d+(\.\d+)?$/.test(progress) ? Number(progress) : progress;
}

/** `instance` is the listed instance whose records these are: DCS records carry no engine or instance name. */
export function normaliseDcsBackup(record: DcsBackupRecord, instance: Instance): Backup {
  return toBackup("dcs", instance, {
    id: record.backup_id,
    engine: instance.engine,
    engineVersion: instance.engineVersion,
    instanceId: record.instance_id ?? instance.id,
    instanceName: instance.name,
    name: record.backup_name,
    kind: "full",
    trigger: record.backup_type === "auto" || record.backup_type === "manual" ? record.backup_type : null,
    rawStatus: record.status,
    startedAt: record.created_at,
    endedAt: FINISHED_STATUSES.has(record.status) ? record.updated_at : null,
    sizeBytes: record.size === null ? null : Math.round(record.size),
    description: record.remark,
    details: details({
      backupType: record.backup_type,
      backupFormat: record.backup_format,
      progress: progressOf(record.progress),
      restorable: record.is_support_restore,
      errorCode: record.error_code,
      period: record.period,
      executionAt: record.execution_at,
      updatedAt: record.updated_at,
    }),
  });
}

// ---- Fetching ----

async function listInstances(calls: SourceCalls, project: ProjectRef): Promise<Listing<Instance>> {
  // ListInstances: GET /v2/{project_id}/instances on the DCS endpoint.
  const listing = await listAll(calls, {
    label: "DCS instance list",
    role: "instances",
    path: `/v2/${project.projectId}/instances`,
    pageSize: PAGE_SIZE,
    maxRecords: LIST_MAXIMA.instances,
    envelope: dcsInstanceListSchema,
    record: dcsInstanceSchema,
    idKey: "instance_id",
  });
  return mapListing(listing, (record) => normaliseDcsInstance(record, project));
}

async function listBackups(
  calls: SourceCalls,
  ctx: SourceContext,
  plan: FetchPlan,
  instance: Instance,
): Promise<Listing<Backup>> {
  // Each bound is optional on its own, in UTC.
  const window = openWindow(plan);
  // ListBackupRecords: GET /v2/{project_id}/instances/{instance_id}/backups.
  const listing = await listAll(calls, {
    label: `DCS backup-record list of instance ${instance.id}`,
    path: `/v2/${ctx.project.projectId}/instances/${segment(instance.id)}/backups`,
    query: {
      ...(window.begin ? { begin_time: formatCompactUtc(window.begin) } : {}),
      ...(window.end ? { end_time: formatCompactUtc(window.end) } : {}),
    },
    pageSize: PAGE_SIZE,
    maxRecords: LIST_MAXIMA.backups,
    envelope: dcsBackupRecordListSchema,
    record: dcsBackupRecordSchema,
    idKey: "backup_id",
  });
  return mapListing(listing, (record) => normaliseDcsBackup(record, instance));
}

/** Every DCS instance of the project (no backup list is called). */
export function fetchDcsInstances(ctx: SourceContext): Promise<SourceResult> {
  return instancesResult(ctx, (calls) => listInstances(calls, ctx.project));
}

/** The instance list, then each selected instance's backup records, all in parallel. DCS backups are all full. */
export async function fetchDcs(ctx: SourceContext, plan: FetchPlan): Promise<SourceResult> {
  const calls = new SourceCalls(ctx);
  return calls.run(async () => {
    const instances = await listInstances(calls, ctx.project);
    const selected =
      windowCanMatch(plan, ctx.now) && wantsKind(plan, "full") ? selectInstances(plan, instances.items) : [];
    const listings = await Promise.all(selected.map((instance) => listBackups(calls, ctx, plan, instance)));
    return backupsResult(calls, instances, listings, plan);
  });
}
