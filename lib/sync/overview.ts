import "server-only";
import type { BackupStore, SourceKey, SourceState } from "../store/types";
import type { SyncConfig } from "./job";
import { configuredSources, sameSource } from "./sources";
import type { SyncController, SyncOverview, SyncSource } from "./types";

/** `GET /api/sync`: the sync's status, and every configured source as its last sync left it. */

function syncSource(source: SourceKey, state: SourceState | undefined): SyncSource {
  const error = state?.lastError;
  return {
    ...source,
    lastSuccessAt: state?.lastSuccessAt ?? null,
    lastAttemptAt: state?.lastAttemptAt ?? null,
    lastError: error ? { code: error.code, message: error.message, httpStatus: error.httpStatus } : null,
    lastDurationMs: state?.lastDurationMs ?? null,
    lastCalls: state?.lastCalls ?? null,
    lastReconcileAt: state?.lastReconcileAt ?? null,
    complete: state?.complete ?? false,
    backups: state?.backups ?? 0,
  };
}

export async function syncOverview(
  sync: SyncController,
  store: BackupStore,
  config: Pick<SyncConfig, "projects" | "services">,
): Promise<SyncOverview> {
  const [status, states] = await Promise.all([sync.status(), store.sourceStates()]);
  return {
    ...status,
    sources: configuredSources(config).map((source) =>
      syncSource(source, states.find((state) => sameSource(state, source))),
    ),
    role: sync.role,
  };
}
