import "server-only";
import { z } from "zod";
import type { ProjectRef } from "../config";
import type { Backup, BackupKind, Instance } from "../inventory/model";
import { byId, details, toBackup, toInstance } from "./backup";
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
  LIST_MAXIMA,
  type Listing,
  type ListSpec,
  listAll,
  mapListing,
  remainingCalls,
  restOfList,
} from "./paging";
import { pairedWindow, pairedWindowQuery, selectInstances, wantsKind, windowCanMatch } from "./plan";
import { backupsResult, instancesResult } from "./result";
import { BYTES_PER_KB, toBytes } from "./sizes";
import type { FetchPlan, SourceContext, SourceResult } from "./types";

/**
 * RDS (MySQL, PostgreSQL, SQL Server, MariaDB): the instance list, read twice (ListInstances leaves Flexus RDS
 * instances out unless `group_type=flexus`), ListBackups per instance, and the cross-region backups stored in this
 * project's region: ListOffSiteInstances names the instances whose backups are copied here, ListOffSiteBackups
 * lists each one's copies.
 */

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

/**
 * ListOffSiteInstances, `GET /v3/backups/offsite-backup-instance`: one record (OffsiteBackupInstance), an instance
 * of another region whose backups are copied to this one. Only the ID is required here.
 */
export const rdsOffsiteInstanceSchema = z.object({
  id: idText,
  name: optionalText,
  source_region: optionalText,
  source_project_id: optionalText,
  datastore: optionalDatastore,
  destination_region: optionalText,
  destination_project_id: optionalText,
  keep_days: optional(z.number().int().nonnegative()),
});
export type RdsOffsiteInstanceRecord = z.output<typeof rdsOffsiteInstanceSchema>;

export const rdsOffsiteInstanceListSchema = pageEnvelope("offsite_backup_instances", "total_count");

/**
 * ListOffSiteBackups, `GET /v3/{project_id}/offsite-backups?instance_id=...`: one record (OffSiteBackupForList),
 * the fields of ListBackups' records; `type` is auto (full) or incremental. Required as for ListBackups.
 */
export const rdsOffsiteBackupSchema = rdsBackupSchema;

export const rdsOffsiteBackupListSchema = pageEnvelope("backups", "total_count");

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
 * them as "automated incremental backup", and docs/api.md makes every incremental backup `auto`); a fragment
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

/**
 * A cross-region copy, listed in the region it is stored in (`project`, this source's project): the row's region
 * and project are that one's, `details.offsite` is true, and the region it was copied from is in `details`.
 */
export function normaliseRdsOffsiteBackup(
  record: RdsBackupRecord,
  instance: RdsOffsiteInstanceRecord,
  project: ProjectRef,
): Backup {
  const copied = toInstance("rds", project, {
    id: instance.id,
    name: instance.name,
    engine: instance.datastore?.type?.toLowerCase() ?? UNKNOWN_ENGINE,
    engineVersion: instance.datastore?.version ?? null,
    status: null,
  });
  const backup = normaliseRdsBackup(record, copied);
  return {
    ...backup,
    details: details({
      ...backup.details,
      offsite: true,
      sourceRegion: instance.source_region,
      sourceProjectId: instance.source_project_id,
    }),
  };
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

/** ListInstances leaves Flexus RDS instances out unless asked for them (`group_type=flexus`): both listings. */
async function listInstances(calls: SourceCalls, project: ProjectRef): Promise<Listing<Instance>> {
  // ListInstances: GET /v3/{project_id}/instances on the RDS endpoint, then with group_type=flexus.
  const list = (flexus: boolean) =>
    listAll(calls, {
      label: flexus ? "RDS instance list (Flexus)" : "RDS instance list",
      role: "instances",
      path: `/v3/${project.projectId}/instances`,
      query: flexus ? { group_type: "flexus" } : {},
      pageSize: PAGE_SIZE,
      maxRecords: LIST_MAXIMA.instances,
      envelope: rdsInstanceListSchema,
      record: rdsInstanceSchema,
      idKey: "id",
    });
  const listing = concatListings(await Promise.all([list(false), list(true)]));
  return {
    items: [...byId(listing.items.map((record) => normaliseRdsInstance(record, project))).values()],
    skipped: listing.skipped,
  };
}

/** The instances of other regions whose backups are copied to this project's region (ListOffSiteInstances). */
function listOffsiteInstances(calls: SourceCalls): Promise<Listing<RdsOffsiteInstanceRecord>> {
  // ListOffSiteInstances: GET /v3/backups/offsite-backup-instance (the project is the signed X-Project-Id).
  return listAll(calls, {
    label: "RDS cross-region backup instance list",
    role: "instances",
    path: "/v3/backups/offsite-backup-instance",
    pageSize: PAGE_SIZE,
    maxRecords: LIST_MAXIMA.instances,
    envelope: rdsOffsiteInstanceListSchema,
    record: rdsOffsiteInstanceSchema,
    idKey: "id",
  });
}

/** One instance's cross-region copies stored in this project's region, full and incremental in one listing. */
async function listOffsiteBackups(
  calls: SourceCalls,
  ctx: SourceContext,
  plan: FetchPlan,
  instance: RdsOffsiteInstanceRecord,
): Promise<Listing<Backup>> {
  const window = pairedWindow(plan, ctx.now, { notAfterNow: false });
  // ListOffSiteBackups: GET /v3/{project_id}/offsite-backups?instance_id=... on the RDS endpoint.
  const listing = await listAll(calls, {
    label: `RDS cross-region backup list of instance ${instance.id}`,
    // Copied incremental backups run to many pages.
    role: "long",
    path: `/v3/${ctx.project.projectId}/offsite-backups`,
    query: {
      instance_id: instance.id,
      ...pairedWindowQuery(window),
    },
    pageSize: PAGE_SIZE,
    maxRecords: LIST_MAXIMA.logBackups,
    envelope: rdsOffsiteBackupListSchema,
    record: rdsOffsiteBackupSchema,
    idKey: "id",
  });
  return mapListing(listing, (record) => normaliseRdsOffsiteBackup(record, instance, ctx.project));
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
      ...pairedWindowQuery(window),
    },
    pageSize: PAGE_SIZE,
    maxRecords: LIST_MAXIMA.logBackups,
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

/**
 * The instance lists, then each selected instance's backups (`instance_id` is mandatory); beside them the
 * cross-region instance list, then each selected one's copies stored here (only full and incremental backups are
 * copied). All in parallel.
 */
export async function fetchRds(ctx: SourceContext, plan: FetchPlan): Promise<SourceResult> {
  const calls = new SourceCalls(ctx);
  const inWindow = windowCanMatch(plan, ctx.now);
  const how = rdsListing(plan.kinds);
  const wantsOffsite = inWindow && (wantsKind(plan, "full") || wantsKind(plan, "incremental"));
  return calls.run(async () => {
    const offsite = wantsOffsite
      ? listOffsiteInstances(calls).then(async (listing) => {
          const copies = await Promise.all(
            selectInstances(plan, [...byId(listing.items).values()]).map((instance) =>
              listOffsiteBackups(calls, ctx, plan, instance),
            ),
          );
          return concatListings([{ items: [], skipped: listing.skipped }, ...copies]);
        })
      : NO_BACKUPS;
    const wantsOwn = inWindow && (how.filter === "none" || how.types.length > 0);
    const [instances, copies] = await Promise.all([
      listInstances(calls, ctx.project).then(async (listing) => ({
        listing,
        backups: await Promise.all(
          (wantsOwn ? selectInstances(plan, listing.items) : []).map((instance) =>
            listBackups(calls, ctx, plan, instance, how),
          ),
        ),
      })),
      offsite,
    ]);
    return backupsResult(calls, instances.listing, [...instances.backups, copies], plan);
  });
}

const NO_BACKUPS: Listing<Backup> = { items: [], skipped: [] };
