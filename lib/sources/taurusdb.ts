import "server-only";
import { z } from "zod";
import type { ProjectRef } from "../config";
import type { Backup, Instance } from "../inventory/model";
import { byId, details, toBackup, toInstance } from "./backup";
import { SourceCalls, segment } from "./calls";
import {
  idText,
  offsetTime,
  optional,
  optionalDatastore,
  optionalOffsetTime,
  optionalText,
  pageEnvelope,
  size as sizeField,
  statusText,
} from "./fields";
import { mergeBackup } from "./merge";
import { concatListings, LIST_MAXIMA, type Listing, listAll, mapListing } from "./paging";
import { pairedWindow, pairedWindowQuery, selectInstances, wantsKind, windowCanMatch } from "./plan";
import { backupsResult, instancesResult } from "./result";
import { BYTES_PER_KB, BYTES_PER_MB, bytesPerUnit, toBytes } from "./sizes";
import { isoFromLocalTime } from "./time";
import type { FetchPlan, SourceContext, SourceResult } from "./types";

/**
 * TaurusDB (GaussDB for MySQL): the instance list, the project-wide full-backup list, the per-instance
 * full-backup list and the per-instance incremental-backup list.
 *
 * Which calls, when full (or differential) backups are wanted: the project-wide list, a few pages for every
 * instance of the project, gives what only it has: the trigger (`type`), the end time, a time window filter, and
 * the backups kept after their instance was deleted. The per-instance list costs one call per instance (it has no
 * time filter) and is still called for each selected instance, in parallel with its incremental list, because
 * only it lists backups being deleted (the project-wide list documents no DELETING status), only it tells a
 * differential automated backup (`backup_mode`), and it gives sizes in KB where the project-wide list rounds to
 * MB. A backup both lists return is one row: the project-wide record leads, the per-instance one fills its gaps
 * and gives the kind and the size. The incremental list exists only per instance.
 */

const ENGINE = "gaussdb-mysql";
const LIST_PAGE_SIZE = 100;
/** The incremental list accepts only 10, 20 or 50. */
const INCREMENTAL_PAGE_SIZE = 50;

// ---- Schemas of the raw responses ----

/** ListGaussMySqlInstances, one record (MysqlInstanceListInfo); only the ID is required here. */
export const taurusdbInstanceSchema = z.object({
  id: idText,
  name: optionalText,
  status: optionalText,
  datastore: optionalDatastore,
  /** `UTC+08:00`: the zone the per-instance backup list's times are read in when a record has none. */
  time_zone: optionalText,
});
export type TaurusdbInstanceRecord = z.output<typeof taurusdbInstanceSchema>;

export const taurusdbInstanceListSchema = pageEnvelope("instances", "total_count");

/**
 * ShowGaussMySqlBackupList, `GET /v3/{project_id}/backups`: one record (Backups, every field optional). Required
 * here: the ID, the instance (nothing else names it), the start and the status.
 */
export const taurusdbFullBackupSchema = z.object({
  id: idText,
  name: optionalText,
  begin_time: offsetTime,
  end_time: optionalOffsetTime,
  take_up_time: optional(z.number().int().nonnegative()),
  status: statusText,
  type: optionalText,
  /** MB. */
  size: optional(sizeField({ asString: false })),
  datastore: optionalDatastore,
  instance_id: idText,
  instance_name: optionalText,
  backup_level: optionalText,
  description: optionalText,
});
export type TaurusdbFullBackupRecord = z.output<typeof taurusdbFullBackupSchema>;

export const taurusdbFullBackupListSchema = pageEnvelope("backups", "total_count");

function instanceBackupSchema(instanceTimeZone: string | null) {
  return z
    .object({
      id: idText,
      description: optionalText,
      instance_id: optional(idText),
      instance_name: optionalText,
      name: optionalText,
      /** A String holding a number, in `size_unit`. */
      size: optional(sizeField({ asString: true })),
      size_unit: optionalText,
      status: statusText,
      /** `yyyy-mm-dd hh:mm:ss` in `time_zone`. */
      created: z.string(),
      updated: optionalText,
      backup_type: optionalText,
      backup_level: optionalText,
      backup_method: optionalText,
      use_detail: optionalText,
      time_zone: optionalText,
      /** `differential` or `completed` (full). */
      backup_mode: optionalText,
    })
    .transform((record, ctx) => {
      // A record without a time zone is read in its instance's.
      const timeZone = record.time_zone ?? instanceTimeZone;
      const startedAt = timeZone === null ? undefined : isoFromLocalTime(record.created, timeZone);
      if (timeZone === null || startedAt === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["created"],
          message: `expected yyyy-mm-dd hh:mm:ss in a time_zone such as UTC+08:00, got "${record.created}" in ${
            timeZone === null ? "no time zone" : `"${timeZone}"`
          }`,
        });
        return z.NEVER;
      }
      // The documented unit is KB; size_unit says so explicitly. A size in an unknown unit is no size.
      const perUnit = bytesPerUnit(record.size_unit ?? "KB");
      const updatedAt = record.updated === null ? undefined : isoFromLocalTime(record.updated, timeZone);
      return {
        ...record,
        startedAt,
        updatedAt: updatedAt ?? null,
        sizeBytes: record.size === null || perUnit === undefined ? null : toBytes(record.size, perUnit),
      };
    });
}

const instanceBackupSchemas = new Map<string | null, ReturnType<typeof instanceBackupSchema>>();

/**
 * ShowInstanceBackups, `GET /v3/{project_id}/instances/{instance_id}/backups`: one record (BackupV3, every field
 * optional), for an instance whose list entry gives `instanceTimeZone`. Required here: the ID, the status and a
 * `created` that can be read, in the record's time zone or else the instance's; the instance is the one the list
 * was asked for when the record does not say.
 */
export function taurusdbInstanceBackupSchema(instanceTimeZone: string | null) {
  let schema = instanceBackupSchemas.get(instanceTimeZone);
  if (!schema) instanceBackupSchemas.set(instanceTimeZone, (schema = instanceBackupSchema(instanceTimeZone)));
  return schema;
}
export type TaurusdbInstanceBackupRecord = z.output<ReturnType<typeof instanceBackupSchema>>;

/** Here `total_count` is documented as a String. */
export const taurusdbInstanceBackupListSchema = pageEnvelope("backups", "total_count", { totalAsString: true });

/**
 * ShowGaussMySqlIncrementalBackupList, `GET /v3/{project_id}/instances/{instance_id}/incremental-backups`: one
 * record (IncrementalBackups, every field optional). Required here: the ID and the start; the instance is the
 * one the list was asked for when the record does not say. These records have no status.
 */
export const taurusdbIncrementalBackupSchema = z.object({
  id: idText,
  name: optionalText,
  begin_time: offsetTime,
  end_time: optionalOffsetTime,
  /** KB, fractional. */
  size: optional(sizeField({ asString: false })),
  /** Log (same region) or OffSiteLog (cross-region). */
  backup_type: optionalText,
  instance_id: optional(idText),
});
export type TaurusdbIncrementalBackupRecord = z.output<typeof taurusdbIncrementalBackupSchema>;

export const taurusdbIncrementalBackupListSchema = pageEnvelope("backups", "total_count");

// ---- Normalisation ----

/**
 * What a record alone does not say: the project, the listed instances (for names and versions) and their time
 * zones (for per-instance records without one).
 */
export interface TaurusdbScope {
  project: ProjectRef;
  instances: ReadonlyMap<string, Instance>;
  timeZones: ReadonlyMap<string, string | null>;
}

export function normaliseTaurusdbInstance(record: TaurusdbInstanceRecord, project: ProjectRef): Instance {
  return toInstance("taurusdb", project, {
    id: record.id,
    name: record.name,
    engine: ENGINE,
    engineVersion: record.datastore?.version ?? null,
    status: record.status,
  });
}

function triggerOf(type: string | null): Backup["trigger"] {
  return type === "auto" || type === "manual" ? type : null;
}

export function normaliseTaurusdbFullBackup(record: TaurusdbFullBackupRecord, scope: TaurusdbScope): Backup {
  const instance = scope.instances.get(record.instance_id);
  return toBackup("taurusdb", scope.project, {
    id: record.id,
    engine: ENGINE,
    engineVersion: record.datastore?.version ?? instance?.engineVersion ?? null,
    instanceId: record.instance_id,
    instanceName: record.instance_name ?? instance?.name ?? null,
    name: record.name,
    kind: "full",
    trigger: triggerOf(record.type),
    rawStatus: record.status,
    startedAt: record.begin_time,
    endedAt: record.end_time,
    sizeBytes: record.size === null ? null : toBytes(record.size, BYTES_PER_MB),
    description: record.description,
    details: details({
      type: record.type,
      backupLevel: record.backup_level,
      takeUpTime: record.take_up_time,
      datastore: record.datastore,
    }),
  });
}

/** `instanceId` is the one the list was asked for; the record's own `instance_id` wins when present. */
export function normaliseTaurusdbInstanceBackup(
  record: TaurusdbInstanceBackupRecord,
  instanceId: string,
  scope: TaurusdbScope,
): Backup {
  const id = record.instance_id ?? instanceId;
  const instance = scope.instances.get(id);
  return toBackup("taurusdb", scope.project, {
    id: record.id,
    engine: ENGINE,
    engineVersion: instance?.engineVersion ?? null,
    instanceId: id,
    instanceName: record.instance_name ?? instance?.name ?? null,
    name: record.name,
    // Only this list tells a differential automated backup from a full one.
    kind: record.backup_mode === "differential" ? "differential" : "full",
    // This list does not say whether a backup was automated or manual.
    trigger: null,
    rawStatus: record.status,
    startedAt: record.startedAt,
    // No end time here; `updated` is a record's last change, kept in details.
    endedAt: null,
    sizeBytes: record.sizeBytes,
    description: record.description,
    details: details({
      backupType: record.backup_type,
      backupLevel: record.backup_level,
      backupMethod: record.backup_method,
      useDetail: record.use_detail,
      updated: record.updatedAt,
      timeZone: record.time_zone,
      backupMode: record.backup_mode,
    }),
  });
}

/**
 * Incremental (binlog) backups have no status field: one with an end time is complete, one without is
 * still being written. `rawStatus` is empty since the service sent none.
 */
export function normaliseTaurusdbIncrementalBackup(
  record: TaurusdbIncrementalBackupRecord,
  instanceId: string,
  scope: TaurusdbScope,
): Backup {
  const id = record.instance_id ?? instanceId;
  const instance = scope.instances.get(id);
  return toBackup("taurusdb", scope.project, {
    id: record.id,
    engine: ENGINE,
    engineVersion: instance?.engineVersion ?? null,
    instanceId: id,
    instanceName: instance?.name ?? null,
    name: record.name,
    kind: "incremental",
    trigger: "auto",
    rawStatus: "",
    status: record.end_time ? "completed" : "in_progress",
    startedAt: record.begin_time,
    endedAt: record.end_time,
    sizeBytes: record.size === null ? null : toBytes(record.size, BYTES_PER_KB),
    description: null,
    details: details({ backupType: record.backup_type, offsite: record.backup_type === "OffSiteLog" }),
  });
}

/**
 * One backup seen in both full-backup lists: the project-wide record leads (it has the trigger, end time and
 * engine version), the per-instance one fills its gaps and gives the kind (its `backup_mode` tells a differential
 * backup) and the size, in KB rather than MB.
 */
export function mergeTaurusdbFullBackup(projectWide: Backup, perInstance: Backup): Backup {
  return mergeBackup(
    { ...projectWide, kind: perInstance.kind, sizeBytes: perInstance.sizeBytes ?? projectWide.sizeBytes },
    perInstance,
  );
}

// ---- Fetching ----

function listInstances(calls: SourceCalls, project: ProjectRef): Promise<Listing<TaurusdbInstanceRecord>> {
  // ListGaussMySqlInstances: GET /v3/{project_id}/instances on the TaurusDB endpoint.
  return listAll(calls, {
    label: "TaurusDB instance list",
    role: "instances",
    path: `/v3/${project.projectId}/instances`,
    pageSize: LIST_PAGE_SIZE,
    maxRecords: LIST_MAXIMA.instances,
    envelope: taurusdbInstanceListSchema,
    record: taurusdbInstanceSchema,
    idKey: "id",
  });
}

/**
 * The project-wide list, once for the whole project; with `instanceIds`, once per selected ID through its
 * `instance_id` filter, which costs a call per instance but reads only their records (and still finds the
 * backups of a deleted instance).
 */
async function listFullBackups(
  calls: SourceCalls,
  ctx: SourceContext,
  plan: FetchPlan,
): Promise<Listing<TaurusdbFullBackupRecord>> {
  // The list refuses times after now, hence the end clamped to now.
  const window = pairedWindowQuery(pairedWindow(plan, ctx.now, { notAfterNow: true }));
  // ShowGaussMySqlBackupList: GET /v3/{project_id}/backups on the TaurusDB endpoint.
  const list = (instanceId?: string) =>
    listAll(calls, {
      label: instanceId ? `TaurusDB full-backup list of instance ${instanceId}` : "TaurusDB full-backup list",
      path: `/v3/${ctx.project.projectId}/backups`,
      query: { ...window, ...(instanceId ? { instance_id: instanceId } : {}) },
      pageSize: LIST_PAGE_SIZE,
      maxRecords: instanceId ? LIST_MAXIMA.backups : LIST_MAXIMA.projectBackups,
      envelope: taurusdbFullBackupListSchema,
      record: taurusdbFullBackupSchema,
      idKey: "id",
    });
  if (plan.instanceIds === undefined) return list();
  return concatListings(await Promise.all([...new Set(plan.instanceIds)].map((id) => list(id))));
}

async function listIncrementalBackups(
  calls: SourceCalls,
  ctx: SourceContext,
  plan: FetchPlan,
  instance: Instance,
  scope: TaurusdbScope,
): Promise<Listing<Backup>> {
  // ShowGaussMySqlIncrementalBackupList: GET /v3/{project_id}/instances/{instance_id}/incremental-backups.
  const listing = await listAll(calls, {
    label: `TaurusDB incremental-backup list of instance ${instance.id}`,
    // An incremental backup every few minutes: many pages of 50.
    role: "long",
    path: `/v3/${ctx.project.projectId}/instances/${segment(instance.id)}/incremental-backups`,
    // Cross-region (offsite) incremental backups are listed only on request.
    query: { display_offsite_backup: true, ...pairedWindowQuery(pairedWindow(plan, ctx.now, { notAfterNow: false })) },
    pageSize: INCREMENTAL_PAGE_SIZE,
    maxRecords: LIST_MAXIMA.logBackups,
    envelope: taurusdbIncrementalBackupListSchema,
    record: taurusdbIncrementalBackupSchema,
    idKey: "id",
  });
  return mapListing(listing, (record) => normaliseTaurusdbIncrementalBackup(record, instance.id, scope));
}

async function listInstanceBackups(
  calls: SourceCalls,
  ctx: SourceContext,
  instanceId: string,
  scope: TaurusdbScope,
): Promise<Listing<Backup>> {
  // ShowInstanceBackups: GET /v3/{project_id}/instances/{instance_id}/backups.
  const listing = await listAll(calls, {
    label: `TaurusDB backup list of instance ${instanceId}`,
    path: `/v3/${ctx.project.projectId}/instances/${segment(instanceId)}/backups`,
    pageSize: LIST_PAGE_SIZE,
    maxRecords: LIST_MAXIMA.backups,
    envelope: taurusdbInstanceBackupListSchema,
    record: taurusdbInstanceBackupSchema(scope.timeZones.get(instanceId) ?? null),
    idKey: "id",
  });
  return mapListing(listing, (record) => normaliseTaurusdbInstanceBackup(record, instanceId, scope));
}

/** One row per full backup over both lists (see the module comment). */
function mergeFullBackups(projectWide: readonly Backup[], perInstance: readonly Backup[]): Backup[] {
  const merged = byId(projectWide);
  for (const backup of perInstance) {
    const seen = merged.get(backup.id);
    merged.set(backup.id, seen ? mergeTaurusdbFullBackup(seen, backup) : backup);
  }
  return [...merged.values()];
}

const NO_RECORDS: Listing<never> = { items: [], skipped: [] };

/** Every TaurusDB instance of the project (no backup list is called). */
export function fetchTaurusdbInstances(ctx: SourceContext): Promise<SourceResult> {
  return instancesResult(ctx, async (calls) =>
    mapListing(await listInstances(calls, ctx.project), (record) => normaliseTaurusdbInstance(record, ctx.project)),
  );
}

/**
 * The instance list and the project-wide full-backup list start together; each selected instance's
 * per-instance and incremental lists follow as soon as the instances are known.
 */
export async function fetchTaurusdb(ctx: SourceContext, plan: FetchPlan): Promise<SourceResult> {
  const calls = new SourceCalls(ctx);
  // Full and differential backups are in the same two lists; only the per-instance one tells them apart.
  const wantsFull = windowCanMatch(plan, ctx.now) && (wantsKind(plan, "full") || wantsKind(plan, "differential"));
  const wantsIncremental = windowCanMatch(plan, ctx.now) && wantsKind(plan, "incremental");
  return calls.run(async () => {
    const instancesListed = listInstances(calls, ctx.project).then((listing) => ({
      records: listing.items,
      instances: mapListing(listing, (record) => normaliseTaurusdbInstance(record, ctx.project)),
    }));
    const projectWideListed = wantsFull ? listFullBackups(calls, ctx, plan) : NO_RECORDS;
    const perInstance = instancesListed.then(({ records, instances: listing }) => {
      const scope: TaurusdbScope = {
        project: ctx.project,
        instances: byId(listing.items),
        timeZones: new Map(records.map((record) => [record.id, record.time_zone])),
      };
      const selected = selectInstances(plan, listing.items);
      return Promise.all([
        Promise.all(wantsFull ? selected.map((instance) => listInstanceBackups(calls, ctx, instance.id, scope)) : []),
        Promise.all(
          wantsIncremental ? selected.map((instance) => listIncrementalBackups(calls, ctx, plan, instance, scope)) : [],
        ),
        scope,
      ]);
    });
    const [{ instances }, projectWide, [instanceListings, incrementalListings, scope]] = await Promise.all([
      instancesListed,
      projectWideListed,
      perInstance,
    ]);
    const perInstanceFull = concatListings(instanceListings);
    const full = {
      items: mergeFullBackups(
        projectWide.items.map((record) => normaliseTaurusdbFullBackup(record, scope)),
        perInstanceFull.items,
      ),
      skipped: [...projectWide.skipped, ...perInstanceFull.skipped],
    };
    return backupsResult(calls, instances, [full, ...incrementalListings], plan);
  });
}
