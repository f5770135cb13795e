import { z } from "zod/mini";
import {
  type BackupRef,
  COVERAGE_REASONS,
  COVERAGE_STATUSES,
  type CoveragePage,
  type CoverageRow,
} from "@/lib/coverage/model";
import { type CoverageQuery, coverageSearchParams } from "@/lib/coverage/query";
import { SERVICES } from "@/lib/inventory/model";
import { frameShape, fetchJson } from "../api";

/** The browser's side of `/api/coverage`: the answer checked against docs/api.md (zod). */

const backupRefSchema = z.object({
  id: z.string(),
  name: z.nullable(z.string()),
  startedAt: z.string(),
  endedAt: z.nullable(z.string()),
  sizeBytes: z.nullable(z.number()),
}) satisfies z.ZodMiniType<BackupRef>;

const coverageRowSchema = z.object({
  service: z.enum(SERVICES),
  region: z.string(),
  projectId: z.string(),
  instanceId: z.string(),
  instanceName: z.nullable(z.string()),
  engine: z.string(),
  engineVersion: z.nullable(z.string()),
  instanceStatus: z.nullable(z.string()),
  status: z.enum(COVERAGE_STATUSES),
  reasons: z.array(z.enum(COVERAGE_REASONS)),
  lastFull: z.nullable(backupRefSchema),
  lastFullAgeSeconds: z.nullable(z.number()),
  lastIncremental: z.nullable(backupRefSchema),
  lastIncrementalAgeSeconds: z.nullable(z.number()),
  latestRecoveryPoint: z.nullable(z.string()),
  recoveryPointAgeSeconds: z.nullable(z.number()),
  failed: z.number(),
  backups: z.number(),
  sizeBytes: z.number(),
}) satisfies z.ZodMiniType<CoverageRow>;

const countsSchema = z.record(z.string(), z.number());

const coveragePageSchema = z.object({
  items: z.array(coverageRowSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  facets: z.object({ service: countsSchema, status: countsSchema, region: countsSchema, engine: countsSchema }),
  rpoHours: z.number(),
  window: z.object({ from: z.string(), to: z.nullable(z.string()) }),
  ...frameShape,
}) satisfies z.ZodMiniType<CoveragePage>;

/** The search string of a coverage view: what the URL, the API call and the cache key share. */
export function coverageViewSearch(query: CoverageQuery): string {
  return coverageSearchParams({ ...query, refresh: false }).toString();
}

/** The export of a view: the same filters, RPO and order, every page. */
export function coverageExportHref(query: CoverageQuery): string {
  const { page: _page, pageSize: _pageSize, refresh: _refresh, ...rest } = query;
  const search = coverageSearchParams(rest).toString();
  return `/api/coverage/export${search ? `?${search}` : ""}`;
}

export function fetchCoveragePage(query: CoverageQuery, options: { signal?: AbortSignal } = {}): Promise<CoveragePage> {
  const search = coverageViewSearch(query);
  return fetchJson(`/api/coverage${search ? `?${search}` : ""}`, coveragePageSchema, options.signal);
}
