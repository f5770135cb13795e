import { DEFAULT_PAGE_SIZE, type SortOrder } from "../params";
import {
  COVERAGE_FACET_FIELDS,
  COVERAGE_STATUSES,
  type CoverageFacetField,
  type CoverageFacets,
  type CoverageRow,
} from "./model";
import type { CoverageFilter, CoverageSortField } from "./query";

/**
 * Filter, sort, page and facets over coverage rows (one per instance, so few), by the rules of the backup list
 * (lib/store/README.md, "Query rules"):
 * - an absent or empty list filters nothing; `q` is a case-insensitive substring of the instance ID or name;
 * - `facets.X` counts the rows matching every filter except the one on X; no zero counts; keys in code-unit order;
 * - numbers and times compare as numbers, text case-insensitively first, then by code units; `status` by
 *   severity (protected < at_risk < unprotected, so `desc` puts the worst first);
 * - null sorts last in both directions; ties are broken by service, then instanceId, ascending.
 */

export type CoverageViewQuery = CoverageFilter & {
  sort?: CoverageSortField;
  order?: SortOrder;
  page?: number;
  pageSize?: number;
};

type SortKey = (row: CoverageRow) => number | string | null;

const timeOrNull = (value: string | undefined) => (value === undefined ? null : Date.parse(value));

const SORT_KEYS: Record<CoverageSortField, SortKey> = {
  status: (row) => COVERAGE_STATUSES.indexOf(row.status),
  instanceName: (row) => row.instanceName,
  service: (row) => row.service,
  lastFullAt: (row) => timeOrNull(row.lastFull?.startedAt),
  lastIncrementalAt: (row) => timeOrNull(row.lastIncremental?.startedAt),
  failed: (row) => row.failed,
  sizeBytes: (row) => row.sizeBytes,
  backups: (row) => row.backups,
};

function compareCodeUnits(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function compareValues(left: number | string, right: number | string): number {
  if (typeof left === "number" && typeof right === "number") return left - right;
  const [a, b] = [String(left), String(right)];
  return compareCodeUnits(a.toLowerCase(), b.toLowerCase()) || compareCodeUnits(a, b);
}

function isNull(value: number | string | null): value is null {
  return value === null || (typeof value === "number" && Number.isNaN(value));
}

function rowComparator(sort: CoverageSortField, order: SortOrder) {
  const key = SORT_KEYS[sort];
  const direction = order === "asc" ? 1 : -1;
  return (left: CoverageRow, right: CoverageRow): number => {
    const a = key(left);
    const b = key(right);
    let result: number;
    if (isNull(a) || isNull(b)) result = Number(isNull(a)) - Number(isNull(b));
    else result = direction * compareValues(a, b);
    return (
      result || compareCodeUnits(left.service, right.service) || compareCodeUnits(left.instanceId, right.instanceId)
    );
  };
}

const FIELD_VALUE: Record<CoverageFacetField, (row: CoverageRow) => string> = {
  service: (row) => row.service,
  status: (row) => row.status,
  region: (row) => row.region,
  engine: (row) => row.engine,
};

function matchesSearch(row: CoverageRow, needle: string): boolean {
  return row.instanceId.toLowerCase().includes(needle) || (row.instanceName ?? "").toLowerCase().includes(needle);
}

/** Which rows match, and the facet counts (each facet ignoring its own filter). */
function select(
  rows: readonly CoverageRow[],
  filter: CoverageFilter,
): { matched: CoverageRow[]; facets: CoverageFacets } {
  const active = COVERAGE_FACET_FIELDS.flatMap((field) => {
    const wanted: readonly string[] | undefined = filter[field];
    return wanted && wanted.length > 0 ? [{ field, wanted: new Set(wanted) }] : [];
  });
  const needle = filter.q ? filter.q.toLowerCase() : "";
  const counts: Record<CoverageFacetField, Map<string, number>> = {
    service: new Map(),
    status: new Map(),
    region: new Map(),
    engine: new Map(),
  };
  const matched: CoverageRow[] = [];
  for (const row of rows) {
    if (needle && !matchesSearch(row, needle)) continue;
    const failing = active.filter(({ field, wanted }) => !wanted.has(FIELD_VALUE[field](row)));
    if (failing.length > 1) continue;
    const counted = failing.length === 1 ? [failing[0].field] : COVERAGE_FACET_FIELDS;
    for (const field of counted) {
      const value = FIELD_VALUE[field](row);
      counts[field].set(value, (counts[field].get(value) ?? 0) + 1);
    }
    if (failing.length === 0) matched.push(row);
  }
  const facet = (field: CoverageFacetField) =>
    Object.fromEntries([...counts[field]].sort(([left], [right]) => compareCodeUnits(left, right)));
  return {
    matched,
    facets: { service: facet("service"), status: facet("status"), region: facet("region"), engine: facet("engine") },
  };
}

/** Every matching row in the query's order (default: status desc, the worst first), with the facets. */
export function sortedCoverage(
  rows: readonly CoverageRow[],
  query: CoverageViewQuery,
): { rows: CoverageRow[]; facets: CoverageFacets } {
  const { matched, facets } = select(rows, query);
  return { rows: matched.sort(rowComparator(query.sort ?? "status", query.order ?? "desc")), facets };
}

/** One page of the matching rows, with their total and the facets. */
export function queryCoverage(
  rows: readonly CoverageRow[],
  query: CoverageViewQuery,
): { items: CoverageRow[]; total: number; facets: CoverageFacets } {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const sorted = sortedCoverage(rows, query);
  return {
    items: sorted.rows.slice((page - 1) * pageSize, page * pageSize),
    total: sorted.rows.length,
    facets: sorted.facets,
  };
}
