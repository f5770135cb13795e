import "server-only";
import { z } from "zod";
import type { ProjectRef } from "../config";
import type { Backup, BackupKind, Instance } from "../inventory/model";
import { details, toBackup, toInstance } from "./backup";
import { SourceCalls } from "./calls";
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
import {
  concatListings,
  firstPage,
  type Listing,
  type ListSpec,
  listAll,
  mapListing,
  remainingCalls,
  restOfList,
} from "./paging";
import { pairedWindow, selectInstances, windowCanMatch } from "./plan";
import { backupsResult, instancesResult } from "./result";
import { BYTES_PER_KB, toBytes } from "./sizes";
import { formatOffsetTime } from "./time";
import type { FetchPlan, SourceContext, SourceResult } from "./types";

/** RDS (MySQL, PostgreSQL, SQL Server, MariaDB): the instance list and ListBackups, which is per instance. */

const PAGE_SIZE = 100;
/** The engine of an instance whose list entry has no datastore type. */
const UNKNOWN_ENGINE = "unknown";

// ---- Schemas of the raw responses ----

/** ListInstances (RDS), one record (InstanceResponse); only the ID is required here. */
export const rdsInstanceSchema = z.object({
  id: idText,
  name: optionalText,
  status: optionalText,
  datastore: optionalDatastore,
});
export type RdsInstanceRecord = z.output<typeof rdsInstanceSchema>;

export const rdsInstanceListSchema = pageEnvelope("instances", "total_count");

/**
 * ListBackups, `GET /v3/{project_id}/backups?instance_id=...`: one record (BackupForList). Required here: the
 * ID, the start, the status and the size, which the service always sends; the instance is the one the list was
 * asked for when the record does not say.
 */
export const rdsBackupSchema = z.object({
  id: idText,
  name: optionalText,
  /** auto, manual, fragment (differential full backup) or incremental. */
  type: optionalText,
  /** KB. */
  size: sizeField({ asString: false }),
  status: statusText,
  begin_time: offsetTime,
  end_time: optionalOffsetTime,
  datastore: optionalDatastore,
  /** SQL Server: the databases in the backup. */
  databases: optional(z.array(z.object({ name: optionalText }))),
  instance_id: optional(idText),
  associated_with_ddm: optional(z.boolean()),
});
export type RdsBackupRecord = z.output<typeof rdsBackupSchema>;

export const rdsBackupListSchema = pageEnvelope("backups", "total_count");

// ---- Normalisation ----

export function normaliseRdsInstance(record: RdsInstanceRecord, project: ProjectRef): Instance {
  return toInstance("rds", project, {
    id: record.id,
    name: record.name,
    engine: record.datastore?.type?.toLowerCase() ?? UNKNOWN_ENGINE,
    engineVersion: record.datastore?.version ?? null,
    status: record.status,
  });
}

const KIND_BY_TYPE: Record<string, BackupKind> = { incremental: "incremental", fragment: "differential" };

/**
 * Triggers of the backup types: auto and manual say it; incremental backups are automated (the API documents
 * them as "automated incremental backup", and contract.md makes every incremental backup `auto`); a fragment
 * (differential) backup has no documented trigger.
 */
const TRIGGER_BY_TYPE: Record<string, Backup["trigger"]> = { auto: "auto", manual: "manual", incremental: "auto" };

/** `instance` is the listed instance the list was asked for: its name, and its engine if the record lacks one. */
export function normaliseRdsBackup(record: RdsBackupRecord, instance: Instance): Backup {
  return toBackup("rds", instance, {
    id: record.id,
    engine: record.datastore?.type?.toLowerCase() ?? instance.engine,
    engineVersion: record.datastore?.version ?? instance.engineVersion,
    instanceId: record.instance_id ?? instance.id,
    instanceName: instance.name,
    name: record.name,
    kind: record.type !== null && Object.hasOwn(KIND_BY_TYPE, record.type) ? KIND_BY_TYPE[record.type] : "full",
    trigger: record.type !== null && Object.hasOwn(TRIGGER_BY_TYPE, record.type) ? TRIGGER_BY_TYPE[record.type] : null,
    rawStatus: record.status,
    startedAt: record.begin_time,
    endedAt: record.end_time,
    sizeBytes: toBytes(record.size, BYTES_PER_KB),
    description: null,
    details: details({
      type: record.type,
      datastore: record.datastore,
      databases: record.databases?.flatMap((database) => (database.name === null ? [] : [database.name])),
      associatedWithDdm: record.associated_with_ddm,
    }),
  });
}

// ---- Fetching ----

const TYPES_OF_KIND: Record<BackupKind, string[]> = {
  full: ["auto", "manual"],
  differential: ["fragment"],
  incremental: ["incremental"],
};

/**
 * How to list an instance's backups for the plan's kinds, through the `backup_type` filter that takes one type
 * at a time. Incremental backups (every few minutes) far outnumber the others (daily or by hand), so:
 * - every type wanted, or incremental ones with others: one unfiltered listing (filtering would spare only
 *   the few others, at a call per type);
 * - a single type: that type's listing;
 * - two or more types, none incremental: an unfiltered first page decides. If the rest of the unfiltered
 *   listing takes no more calls than one listing per type, it is read on; otherwise the instance has many
 *   incremental backups, and one listing per type is cheaper.
 */
export type RdsListing =
  | { filter: "none" }
  | { filter: "type"; types: string[] }
  | { filter: "first page decides"; types: string[] };

export function rdsListing(kinds: readonly BackupKind[] | undefined): RdsListing {
  const types = kinds === undefined ? undefined : [...new Set(kinds.flatMap((kind) => TYPES_OF_KIND[kind]))];
  if (types === undefined || (types.includes("incremental") && types.length > 1)) return { filter: "none" };
  return types.length > 1 ? { filter: "first page decides", types } : { filter: "type", types };
}

async function listInstances(calls: SourceCalls, project: ProjectRef): Promise<Listing<Instance>> {
  // ListInstances: GET /v3/{project_id}/instances on the RDS endpoint.
  const listing = await listAll(calls, {
    label: "RDS instance list",
    role: "instances",
    path: `/v3/${project.projectId}/instances`,
    pageSize: PAGE_SIZE,
    envelope: rdsInstanceListSchema,
    record: rdsInstanceSchema,
    idKey: "id",
  });
  return mapListing(listing, (record) => normaliseRdsInstance(record, project));
}

async function listBackups(
  calls: SourceCalls,
  ctx: SourceContext,
  plan: FetchPlan,
  instance: Instance,
  how: RdsListing,
): Promise<Listing<Backup>> {
  const window = pairedWindow(plan, ctx.now, { notAfterNow: false });
  // ListBackups: GET /v3/{project_id}/backups?instance_id=... on the RDS endpoint.
  const spec = (backupType?: string): ListSpec<RdsBackupRecord> => ({
    label: `RDS backup list of instance ${instance.id}${backupType ? ` (${backupType})` : ""}`,
    // With incremental backups (one every few minutes), a list runs to many pages.
    role: backupType === undefined || backupType === "incremental" ? "long" : undefined,
    path: `/v3/${ctx.project.projectId}/backups`,
    query: {
      instance_id: instance.id,
      ...(backupType ? { backup_type: backupType } : {}),
      ...(window ? { begin_time: formatOffsetTime(window.begin), end_time: formatOffsetTime(window.end) } : {}),
    },
    pageSize: PAGE_SIZE,
    envelope: rdsBackupListSchema,
    record: rdsBackupSchema,
    idKey: "id",
  });
  const byType = async (types: string[]) =>
    concatListings(await Promise.all(types.map((type) => listAll(calls, spec(type)))));
  let listing: Listing<RdsBackupRecord>;
  if (how.filter === "none") listing = await listAll(calls, spec());
  else if (how.filter === "type") listing = await byType(how.types);
  else {
    const first = await firstPage(calls, spec());
    listing =
      remainingCalls(first, PAGE_SIZE) <= how.types.length
        ? await restOfList(calls, spec(), first)
        : await byType(how.types);
  }
  return mapListing(listing, (record) => normaliseRdsBackup(record, instance));
}

/** Every RDS instance of the project (no backup list is called). */
export function fetchRdsInstances(ctx: SourceContext): Promise<SourceResult> {
  return instancesResult(ctx, (calls) => listInstances(calls, ctx.project));
}

/** The instance list, then each selected instance's backups (`instance_id` is mandatory), all in parallel. */
export async function fetchRds(ctx: SourceContext, plan: FetchPlan): Promise<SourceResult> {
  const calls = new SourceCalls(ctx);
  return calls.run(async () => {
    const instances = await listInstances(calls, ctx.project);
    const how = rdsListing(plan.kinds);
    const wanted = windowCanMatch(plan, ctx.now) && (how.filter === "none" || how.types.length > 0);
    const listings = await Promise.all(
      (wanted ? selectInstances(plan, instances.items) : []).map((instance) =>
        listBackups(calls, ctx, plan, instance, how),
      ),
    );
    return backupsResult(calls, instances, listings, plan);
  });
}
