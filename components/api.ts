import { z } from "zod/mini";
import {
  BACKUP_KINDS,
  BACKUP_STATUSES,
  BACKUP_TRIGGERS,
  type BackupPage,
  type Facets,
  type Instance,
  type InstanceList,
  SERVICES,
  type Source,
  type StoredBackup,
  type SyncStatus,
} from "@/lib/inventory/model";
import { type BackupQuery, toSearchParams } from "@/lib/inventory/query";
import type { ApiFailure } from "@/lib/http/types";

/**
 * The browser's side of the HTTP API: fetch, check the answer against docs/api.md (zod), and turn every
 * failure into an ApiFailure the dashboard can show.
 */

export const sourceSchema = z.object({
  service: z.enum(SERVICES),
  region: z.string(),
  projectId: z.string(),
  ok: z.boolean(),
  error: z.nullable(
    z.object({
      code: z.string(),
      message: z.string(),
      httpStatus: z.nullable(z.number()),
      requestId: z.nullable(z.string()),
    }),
  ),
  instances: z.number(),
  backups: z.number(),
  calls: z.number(),
  durationMs: z.number(),
  complete: z.boolean(),
  lastSyncedAt: z.nullable(z.string()),
  skipped: z.number(),
  skippedReason: z.nullable(z.string()),
}) satisfies z.ZodMiniType<Source>;

export const syncSchema = z.object({
  state: z.enum(["never", "syncing", "idle"]),
  lastSyncedAt: z.nullable(z.string()),
  nextSyncAt: z.nullable(z.string()),
  progress: z.nullable(z.object({ callsDone: z.number(), callsPlanned: z.number() })),
}) satisfies z.ZodMiniType<SyncStatus>;

/** What every answer read from the inventory carries beside its data. */
export const frameShape = {
  sources: z.array(sourceSchema),
  fetchedAt: z.nullable(z.string()),
  sync: syncSchema,
};

export const backupSchema = z.object({
  id: z.string(),
  service: z.enum(SERVICES),
  engine: z.string(),
  engineVersion: z.nullable(z.string()),
  region: z.string(),
  projectId: z.string(),
  instanceId: z.string(),
  instanceName: z.nullable(z.string()),
  name: z.nullable(z.string()),
  kind: z.enum(BACKUP_KINDS),
  trigger: z.nullable(z.enum(BACKUP_TRIGGERS)),
  status: z.enum(BACKUP_STATUSES),
  rawStatus: z.string(),
  startedAt: z.string(),
  endedAt: z.nullable(z.string()),
  durationSeconds: z.nullable(z.number()),
  sizeBytes: z.nullable(z.number()),
  description: z.nullable(z.string()),
  details: z.record(z.string(), z.json()),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  goneAt: z.nullable(z.string()),
}) satisfies z.ZodMiniType<StoredBackup>;

const countsSchema = z.record(z.string(), z.number());

const backupPageSchema = z.object({
  items: z.array(backupSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  facets: z.object({
    service: countsSchema,
    engine: countsSchema,
    status: countsSchema,
    kind: countsSchema,
    trigger: countsSchema,
    region: countsSchema,
  }) satisfies z.ZodMiniType<Facets>,
  summary: z.object({ sizeBytes: z.number() }),
  ...frameShape,
}) satisfies z.ZodMiniType<BackupPage>;

const instanceListSchema = z.object({
  items: z.array(
    z.object({
      service: z.enum(SERVICES),
      region: z.string(),
      projectId: z.string(),
      id: z.string(),
      name: z.nullable(z.string()),
      engine: z.string(),
      engineVersion: z.nullable(z.string()),
      status: z.nullable(z.string()),
    }) satisfies z.ZodMiniType<Instance>,
  ),
  ...frameShape,
}) satisfies z.ZodMiniType<InstanceList>;

const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
  sources: z.optional(z.array(sourceSchema)),
});

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.message);
    this.name = "ApiError";
  }
}

export function failureOf(error: unknown): ApiFailure {
  if (error instanceof ApiError) return error.failure;
  return {
    status: null,
    code: "client_error",
    message: error instanceof Error ? error.message : String(error),
    issues: [],
    sources: [],
  };
}

/** Asks the dashboard's API (GET, or POST for an action) and checks the answer against `schema`. */
export async function fetchJson<T>(
  url: string,
  schema: z.ZodMiniType<T>,
  signal?: AbortSignal,
  method: "GET" | "POST" = "GET",
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method, signal, headers: { Accept: "application/json" } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError({
      status: null,
      code: "network_error",
      message: "The dashboard server could not be reached. Check your connection and try again.",
      issues: [],
      sources: [],
    });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(body);
    throw new ApiError(
      parsed.success
        ? {
            status: response.status,
            code: parsed.data.error.code,
            message: parsed.data.error.message,
            issues: parsed.data.error.issues ?? [],
            sources: parsed.data.sources ?? [],
          }
        : {
            status: response.status,
            code: `http_${response.status}`,
            message: `The server answered ${response.status} ${response.statusText}`.trim(),
            issues: [],
            sources: [],
          },
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new ApiError({
      status: response.status,
      code: "bad_response",
      message: "The server's answer does not have the documented shape",
      issues: parsed.error.issues.slice(0, 5).map((issue) => ({ path: issue.path.join("."), message: issue.message })),
      sources: [],
    });
  return parsed.data;
}

/** The search string of a view: what the URL, the API call and the cache key share. */
export function viewSearch(query: BackupQuery): string {
  return toSearchParams({ ...query, refresh: false }).toString();
}

/** The export link of a view: the same filters and sort, every page. */
export function exportHref(query: BackupQuery): string {
  const { page: _page, pageSize: _pageSize, refresh: _refresh, ...rest } = query;
  const search = toSearchParams(rest).toString();
  return `/api/backups/export${search ? `?${search}` : ""}`;
}

export function fetchBackupPage(query: BackupQuery, options: { signal?: AbortSignal } = {}): Promise<BackupPage> {
  const search = viewSearch(query);
  return fetchJson(`/api/backups${search ? `?${search}` : ""}`, backupPageSchema, options.signal);
}

/** `POST /api/sync`: a sync of every source now, or the one under way joined; answers at once. */
export function startSync(): Promise<SyncStatus> {
  return fetchJson("/api/sync", syncSchema, undefined, "POST");
}

export function fetchInstances(signal?: AbortSignal): Promise<InstanceList> {
  return fetchJson("/api/instances", instanceListSchema, signal);
}
