import { z } from "zod/mini";
import {
  DEFAULT_PAGE_SIZE,
  instant,
  listOf,
  listParam,
  oneOf,
  orderParam,
  type ParseOptions,
  type ParseResult,
  pagingShape,
  parseQuery,
  refreshParam,
  regionList,
  type SearchParamsInput,
  searchParamsOf,
  sortParam,
  text,
  windowInOrder,
} from "../params";
import { BACKUP_KINDS, BACKUP_STATUSES, BACKUP_TRIGGERS, ENGINES, PRESENCES, SERVICES } from "./model";

/**
 * The one definition of the `/api/backups` query: parsed by the routes, the page and the browser,
 * and serialised back into URLs by the browser (the parameter rules: lib/params.ts).
 */

export const SORT_FIELDS = [
  "startedAt",
  "endedAt",
  "sizeBytes",
  "durationSeconds",
  "name",
  "instanceName",
  "service",
  "engine",
  "status",
  "kind",
  "region",
] as const;
export type SortField = (typeof SORT_FIELDS)[number];
/** The filter parameters of `/api/backups`, shared with the routes that select backups the same way. */
export const backupFilterShape = {
  service: z.optional(listOf(SERVICES)),
  engine: z.optional(listOf(ENGINES)),
  region: z.optional(regionList),
  instance: z.optional(listParam(text())),
  status: z.optional(listOf(BACKUP_STATUSES)),
  kind: z.optional(listOf(BACKUP_KINDS)),
  trigger: z.optional(listOf(BACKUP_TRIGGERS)),
  from: z.optional(instant),
  to: z.optional(instant),
  q: z.optional(text()),
  /** Current backups (the cloud lists them now), gone ones (it no longer does), or both. */
  presence: z._default(oneOf(PRESENCES), "current"),
};

export const backupQuerySchema = z
  .object({
    ...backupFilterShape,
    sort: sortParam(SORT_FIELDS, "startedAt"),
    order: orderParam(),
    ...pagingShape(),
    refresh: refreshParam,
  })
  .check(windowInOrder());

export type BackupQuery = z.output<typeof backupQuerySchema>;
export type BackupFilter = Omit<BackupQuery, "sort" | "order" | "page" | "pageSize" | "refresh">;

export function parseBackupQuery(input: SearchParamsInput, options?: ParseOptions): ParseResult<BackupQuery> {
  return parseQuery(backupQuerySchema, input, options);
}

export const instanceQuerySchema = z.object({ refresh: refreshParam });
export type InstanceQuery = z.output<typeof instanceQuerySchema>;

export function parseInstanceQuery(input: SearchParamsInput): ParseResult<InstanceQuery> {
  return parseQuery(instanceQuerySchema, input);
}

const DEFAULTS = {
  sort: "startedAt",
  order: "desc",
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  presence: "current",
  refresh: false,
} as const;

/** The shortest search string for a query: defaults and empty lists are left out. */
export function toSearchParams(query: Partial<BackupQuery>): URLSearchParams {
  return searchParamsOf(query, DEFAULTS);
}

