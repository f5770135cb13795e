import type { Service, SyncStatus } from "../inventory/model";

/**
 * The background sync as the routes see it (its status, `SyncStatus`, is part of the API's model). One controller per process (lib/runtime.ts); it owns the schedule,
 * one job per source, the cursors and the reconcile (lib/sync/README.md).
 */

export type SyncRole = "leader" | "follower";

/** One source as `GET /api/sync` reports it. */
export interface SyncSource {
  service: Service;
  region: string;
  projectId: string;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: null | { code: string; message: string; httpStatus: number | null };
  lastDurationMs: number | null;
  lastCalls: number | null;
  lastReconcileAt: string | null;
  /** Whether a complete listing of the source has finished at least once. */
  complete: boolean;
  /** Current backups stored for the source. */
  backups: number;
}

/** The answer of `GET /api/sync`. */
export interface SyncOverview extends SyncStatus {
  sources: SyncSource[];
  role: SyncRole;
}

export interface SyncController {
  readonly role: SyncRole;
  status(): Promise<SyncStatus>;
  /**
   * Starts a sync of every source now, or joins the one running; `wait`: resolves once it has finished.
   * Requests closer together than SYNC_INTERVAL_SECONDS / 10 per source join the last one instead of calling the
   * cloud again. On a follower, asks the leader through the store and waits for it.
   */
  requestSync(options: { wait: boolean }): Promise<SyncStatus>;
  start(): void;
  stop(): Promise<void>;
}
