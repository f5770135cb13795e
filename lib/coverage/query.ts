import { z } from "zod";
import { ENGINES, SERVICES } from "../inventory/model";
import {
  DEFAULT_PAGE_SIZE,
  instant,
  listOf,
  MAX_PAGE_SIZE,
  MAX_TEXT,
  type ParseResult,
  parseQuery,
  positiveInt,
  refreshParam,
  regionList,
  type SearchParamsInput,
  searchParamsOf,
  WINDOW_ORDER_ISSUE,
  windowInOrder,
} from "../inventory/query";
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
    rpo: positiveInt(MAX_RPO_HOURS).default(DEFAULT_RPO_HOURS),
    service: listOf(SERVICES).optional(),
    engine: listOf(ENGINES).optional(),
    region: regionList.optional(),
    status: listOf(COVERAGE_STATUSES).optional(),
    q: z.string().max(MAX_TEXT).optional(),
    from: instant.optional(),
    to: instant.optional(),
    sort: z.enum(COVERAGE_SORT_FIELDS).default("status"),
    order: z.enum(["asc", "desc"]).default("desc"),
    page: positiveInt(Number.MAX_SAFE_INTEGER).default(1),
    pageSize: positiveInt(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    refresh: refreshParam,
  })
  .refine(windowInOrder, WINDOW_ORDER_ISSUE);

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
