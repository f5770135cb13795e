import type { Backup, FacetField, JsonValue } from "../inventory/model";
import type { BackupFilter, SortField } from "../inventory/query";
import type { SortOrder } from "../params";
import { searchNeedle, searchText, sortKey } from "./text";
import type { Presence, StoredBackup } from "./types";

/**
 * The one filter, sort and row mapping of the `backups` table, shared by the backup list, its facets, the export,
 * the timeline and coverage. Standard SQL with `$n` parameters (DuckDB and PostgreSQL alike); the rules are those
 * of the backup list (lib/store/README.md, "Query rules").
 */

export type SqlValue = string | number | boolean | null;

/** A WHERE clause (without the keyword; `TRUE` when nothing is filtered) and its parameters, numbered from $1. */
export interface Where {
  sql: string;
  params: SqlValue[];
}

/** Builds `$n` placeholders in order. */
export class Params {
  readonly values: SqlValue[] = [];
  add(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  list(values: readonly SqlValue[]): string {
    return values.map((value) => this.add(value)).join(", ");
  }
}

export type StoreFilter = BackupFilter & { presence: Presence };

const FACET_COLUMNS: Record<FacetField, string> = {
  service: "service",
  engine: "engine",
  status: "status",
  kind: "kind",
  trigger: "trigger",
  region: "region",
};

function instantMs(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 instant: ${value}`);
  return ms;
}

export function presenceCondition(presence: Presence): string | null {
  return presence === "current" ? "gone_ms IS NULL" : presence === "gone" ? "gone_ms IS NOT NULL" : null;
}

/**
 * The conditions every query applies whatever the facet: presence, instance, time window, text. An absent or
 * empty list filters nothing; `from <= startedAt < to`.
 */
export function baseConditions(filter: StoreFilter, params: Params): string[] {
  const conditions: string[] = [];
  const presence = presenceCondition(filter.presence);
  if (presence) conditions.push(presence);
  if (filter.instance && filter.instance.length > 0)
    conditions.push(`instance_id IN (${params.list(filter.instance)})`);
  if (filter.from !== undefined) conditions.push(`started_ms >= ${params.add(instantMs(filter.from))}::BIGINT`);
  if (filter.to !== undefined) conditions.push(`started_ms < ${params.add(instantMs(filter.to))}::BIGINT`);
  if (filter.q) conditions.push(`strpos(search_text, ${params.add(searchNeedle(filter.q))}) > 0`);
  return conditions;
}

/** The facet fields' conditions: a null value (a backup without a trigger) never matches a list. */
export function facetConditions(filter: BackupFilter, params: Params): string[] {
  const conditions: string[] = [];
  for (const field of Object.keys(FACET_COLUMNS) as FacetField[]) {
    const wanted: readonly string[] | undefined = filter[field];
    if (wanted && wanted.length > 0) conditions.push(`${FACET_COLUMNS[field]} IN (${params.list(wanted)})`);
  }
  return conditions;
}

export function joinConditions(conditions: readonly string[]): string {
  return conditions.length === 0 ? "TRUE" : conditions.join(" AND ");
}

/** Every filter of the query. */
export function whereOf(filter: StoreFilter, params: Params = new Params()): Where {
  return {
    sql: joinConditions([...baseConditions(filter, params), ...facetConditions(filter, params)]),
    params: params.values,
  };
}

/** Per sort field, the columns compared in order (text: its lower-cased key, then the exact text). */
const SORT_COLUMNS: Record<SortField, readonly string[]> = {
  startedAt: ["started_ms"],
  endedAt: ["ended_ms"],
  sizeBytes: ["size_bytes"],
  durationSeconds: ["duration_seconds"],
  name: ["name_key", "name"],
  instanceName: ["instance_name_key", "instance_name"],
  // Values of the model's own lists: lower-case ASCII, their own sort keys.
  service: ["service"],
  status: ["status"],
  kind: ["kind"],
  engine: ["engine_key", "engine"],
  region: ["region_key", "region"],
};

/**
 * ORDER BY of a sort: nulls last in both directions, ties by service then id ascending (then the project, so
 * that the order is total).
 */
export function orderBy(sort: SortField, order: SortOrder): string {
  const direction = order === "asc" ? "ASC" : "DESC";
  return [
    ...SORT_COLUMNS[sort].map((column) => `${column} ${direction} NULLS LAST`),
    "service ASC",
    "id ASC",
    "project_id ASC",
  ].join(", ");
}

/** The columns a StoredBackup is read from, in `backupFromRow`'s order (times as DOUBLE: cheap to read in JS). */
export const BACKUP_COLUMNS = [
  "id",
  "service",
  "engine",
  "engine_version",
  "region",
  "project_id",
  "instance_id",
  "instance_name",
  "name",
  "kind",
  "trigger",
  "status",
  "raw_status",
  "started_ms::DOUBLE",
  "ended_ms::DOUBLE",
  "duration_seconds",
  "size_bytes",
  "description",
  "details",
  "first_seen_ms::DOUBLE",
  "last_seen_ms::DOUBLE",
  "gone_ms::DOUBLE",
].join(", ");

type Cell = unknown;

const isoOrNull = (ms: Cell) => (ms === null ? null : new Date(ms as number).toISOString());

export function backupFromRow(row: readonly Cell[]): StoredBackup {
  return {
    id: row[0] as string,
    service: row[1] as Backup["service"],
    engine: row[2] as string,
    engineVersion: row[3] as string | null,
    region: row[4] as string,
    projectId: row[5] as string,
    instanceId: row[6] as string,
    instanceName: row[7] as string | null,
    name: row[8] as string | null,
    kind: row[9] as Backup["kind"],
    trigger: row[10] as Backup["trigger"],
    status: row[11] as Backup["status"],
    rawStatus: row[12] as string,
    startedAt: new Date(row[13] as number).toISOString(),
    endedAt: isoOrNull(row[14]),
    durationSeconds: row[15] as number | null,
    sizeBytes: row[16] as number | null,
    description: row[17] as string | null,
    details: JSON.parse(row[18] as string) as Record<string, JsonValue>,
    firstSeenAt: new Date(row[19] as number).toISOString(),
    lastSeenAt: new Date(row[20] as number).toISOString(),
    goneAt: isoOrNull(row[21]),
  };
}

/** The columns a listing writes (the staged row), in `stagedRow`'s order. */
export const STAGED_COLUMNS = [
  "service",
  "region",
  "project_id",
  "id",
  "instance_id",
  "instance_name",
  "engine",
  "engine_version",
  "name",
  "kind",
  "trigger",
  "status",
  "raw_status",
  "started_ms",
  "ended_ms",
  "duration_seconds",
  "size_bytes",
  "description",
  "details",
  "offsite",
  "search_text",
  "name_key",
  "instance_name_key",
  "engine_key",
  "region_key",
] as const;

export type StagedRow = [
  string,
  string,
  string,
  string,
  string,
  string | null,
  string,
  string | null,
  string | null,
  string,
  string | null,
  string,
  string,
  number,
  number | null,
  number | null,
  number | null,
  string | null,
  string,
  boolean,
  string,
  string | null,
  string | null,
  string,
  string,
];

function timeMs(value: string, field: string, id: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`backup ${id}: ${field} is not an ISO 8601 instant: ${value}`);
  return ms;
}

/** A backup as the store writes it: the model's fields plus what the queries compare (keys, search text). */
export function stagedRow(backup: Backup): StagedRow {
  return [
    backup.service,
    backup.region,
    backup.projectId,
    backup.id,
    backup.instanceId,
    backup.instanceName,
    backup.engine,
    backup.engineVersion,
    backup.name,
    backup.kind,
    backup.trigger,
    backup.status,
    backup.rawStatus,
    timeMs(backup.startedAt, "startedAt", backup.id),
    backup.endedAt === null ? null : timeMs(backup.endedAt, "endedAt", backup.id),
    backup.durationSeconds,
    backup.sizeBytes,
    backup.description,
    JSON.stringify(backup.details),
    backup.details.offsite === true,
    searchText([backup.id, backup.name, backup.instanceId, backup.instanceName, backup.description]),
    sortKey(backup.name),
    sortKey(backup.instanceName),
    sortKey(backup.engine) as string,
    sortKey(backup.region) as string,
  ];
}
