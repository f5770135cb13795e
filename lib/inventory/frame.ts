import "server-only";
import type { AppConfig } from "../config";
import { UpstreamUnavailableError } from "../errors";
import { getRuntime } from "../runtime";
import type { BackupStore, SourceKey, SourceState } from "../store/types";
import { configuredSources, sameSource } from "../sync/sources";
import type { Engine, InventoryFrame, Service, Source } from "./model";

/**
 * What every answer read from the kept inventory shares (docs/api.md, "Sources"): the store to read, the view's
 * sources as the store holds them, `fetchedAt` and the sync's status. The routes never call the cloud; only
 * `refresh=1` waits for a sync (started now, or joined) before reading.
 */

const ENGINE_SERVICE: Record<Engine, Service> = {
  "gaussdb-mysql": "taurusdb",
  mysql: "rds",
  postgresql: "rds",
  sqlserver: "rds",
  mariadb: "rds",
  redis: "dcs",
  memcached: "dcs",
};

/** Which sources a view reads: those of the services, engines and regions it is limited to (none: all). */
export interface SourceScope {
  service?: readonly Service[];
  engine?: readonly Engine[];
  region?: readonly string[];
}

/** The configured sources a view's answer comes from. */
export function sourcesInScope(config: Pick<AppConfig, "services" | "projects">, scope: SourceScope): SourceKey[] {
  const engineServices = scope.engine?.length ? new Set(scope.engine.map((engine) => ENGINE_SERVICE[engine])) : null;
  return configuredSources(config).filter(
    (source) =>
      (!scope.service?.length || scope.service.includes(source.service)) &&
      (!engineServices || engineServices.has(source.service)) &&
      (!scope.region?.length || scope.region.includes(source.region)),
  );
}

/**
 * A source as the answers show it: its last sync (`ok`, `error`, `calls`, `durationMs`, what it skipped) and
 * what is stored for it. A source not synced yet has not failed: `ok`, nothing stored, `complete: false`.
 */
export function sourceOf(source: SourceKey, state: SourceState | undefined): Source {
  return {
    service: source.service,
    region: source.region,
    projectId: source.projectId,
    ok: !state?.lastError,
    error: state?.lastError ?? null,
    instances: state?.instances ?? 0,
    backups: state?.backups ?? 0,
    calls: state?.lastCalls ?? 0,
    durationMs: state?.lastDurationMs ?? 0,
    complete: state?.complete ?? false,
    lastSyncedAt: state?.lastSuccessAt ?? null,
    skipped: state?.skipped ?? 0,
    skippedReason: state?.skippedReason ?? null,
  };
}

/** The oldest last success among the sources that have one: the data is at least that fresh. */
export function fetchedAtOf(sources: readonly Source[]): string | null {
  let oldest: string | null = null;
  for (const source of sources)
    if (source.lastSyncedAt !== null && (oldest === null || source.lastSyncedAt < oldest)) oldest = source.lastSyncedAt;
  return oldest;
}

export interface InventoryRead {
  store: BackupStore;
  frame: InventoryFrame;
}

/**
 * The store and the frame of a view's answer. With `refresh`, first a sync of every source (or the one under way)
 * to its end. When every source of the view failed its last sync and none ever stored anything, there is nothing
 * to answer with: UpstreamUnavailableError (502), with the sources. A view of no configured source answers empty.
 */
export async function readInventory(scope: SourceScope, refresh: boolean): Promise<InventoryRead> {
  const runtime = await getRuntime();
  const { store, sync } = await runtime.inventory();
  if (refresh) await sync.requestSync({ wait: true });
  const states = await store.sourceStates();
  const sources = sourcesInScope(runtime.config, scope).map((source) =>
    sourceOf(
      source,
      states.find((state) => sameSource(state, source)),
    ),
  );
  if (sources.length > 0 && sources.every((source) => !source.ok && source.lastSyncedAt === null))
    throw new UpstreamUnavailableError(sources);
  return { store, frame: { sources, fetchedAt: fetchedAtOf(sources), sync: await sync.status() } };
}
