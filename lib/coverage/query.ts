import { z } from "zod/mini";
import { ENGINES, SERVICES } from "../inventory/model";
import {
  DEFAULT_PAGE_SIZE,
  instant,
  listOf,
  orderParam,
  type ParseResult,
  pagingShape,
  parseQuery,
  positiveInt,
  refreshParam,
  regionList,
  type SearchParamsInput,
  searchParamsOf,
  sortParam,
  text,
  windowInOrder,
} from "../params";
import { COVERAGE_STATUSES } from "./model";

/** The one definition of the `/api/coverage` query (and its export's). Browser-safe. */

export const COVERAGE_SORT_FIELDS = [
  "status",
  "instanceName",
  "service",
  "lastFullAt",
  "lastIncrementalAt",
  "failed",
  "sizeBytes",
  "backups",
] as const;
export type CoverageSortField = (typeof COVERAGE_SORT_FIELDS)[number];

export const DEFAULT_RPO_HOURS = 24;
export const MAX_RPO_HOURS = 8760;
/** Without `from`, the window of the counts is the last 7 days. */
export const DEFAULT_WINDOW_DAYS = 7;

export const coverageQuerySchema = z
  .object({
    rpo: z._default(positiveInt(MAX_RPO_HOURS), DEFAULT_RPO_HOURS),
    service: z.optional(listOf(SERVICES)),
    engine: z.optional(listOf(ENGINES)),
    region: z.optional(regionList),
    status: z.optional(listOf(COVERAGE_STATUSES)),
    q: z.optional(text()),
    from: z.optional(instant),
    to: z.optional(instant),
    sort: sortParam(COVERAGE_SORT_FIELDS, "status"),
    order: orderParam(),
    ...pagingShape(),
    refresh: refreshParam,
  })
  .check(windowInOrder());

export type CoverageQuery = z.output<typeof coverageQuerySchema>;
export type CoverageFilter = Pick<CoverageQuery, "service" | "engine" | "region" | "status" | "q">;

export function parseCoverageQuery(input: SearchParamsInput): ParseResult<CoverageQuery> {
  return parseQuery(coverageQuerySchema, input);
}

const DEFAULTS = {
  rpo: DEFAULT_RPO_HOURS,
  sort: "status",
  order: "desc",
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  refresh: false,
} as const;

/** The shortest search string for a coverage query: defaults and empty lists are left out. */
export function coverageSearchParams(query: Partial<CoverageQuery>): URLSearchParams {
  return searchParamsOf(query, DEFAULTS);
}
