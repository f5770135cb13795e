import type { InventoryFrame, Service } from "../inventory/model";

/**
 * The coverage report (`GET /api/coverage`): is every instance protected? Shared by server and browser: no
 * server imports here.
 */

/** From best to worst: sorting by status ascending puts protected instances first. */
export const COVERAGE_STATUSES = ["protected", "at_risk", "unprotected"] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

export const COVERAGE_REASONS = [
  /** No successful full backup with a known end: nothing to restore from (unprotected). */
  "no_full_backup",
  /** The newest restorable point is older than the RPO (at risk). */
  "recovery_point_too_old",
  /** The latest full backup that finished, failed (at risk). */
  "latest_full_failed",
] as const;
export type CoverageReason = (typeof COVERAGE_REASONS)[number];

/** Enough of a backup to name it and link it to the list. */
export interface BackupRef {
  id: string;
  name: string | null;
  startedAt: string;
  endedAt: string | null;
  sizeBytes: number | null;
}

export interface CoverageRow {
  service: Service;
  region: string;
  projectId: string;
  instanceId: string;
  instanceName: string | null;
  engine: string;
  engineVersion: string | null;
  /** The instance's status in its service's instance list; null when it is not listed (only its backups are). */
  instanceStatus: string | null;
  status: CoverageStatus;
  /** Why the status is not `protected`; empty when it is. */
  reasons: CoverageReason[];
  /** The latest completed full backup (by startedAt), of every backup fetched. Differentials are not full. */
  lastFull: BackupRef | null;
  /** Seconds from lastFull's end (its start when no end is known) to `fetchedAt`. */
  lastFullAgeSeconds: number | null;
  /** The latest completed incremental backup (by startedAt), offsite copies left out. */
  lastIncremental: BackupRef | null;
  lastIncrementalAgeSeconds: number | null;
  /** The newest point the restore-point finder can reach; null when none. */
  latestRecoveryPoint: string | null;
  recoveryPointAgeSeconds: number | null;
  /** Failed backups (any kind) that started in the window. */
  failed: number;
  /** Backups (any kind and status) that started in the window. */
  backups: number;
  /** Sum of their known sizes. */
  sizeBytes: number;
}

export const COVERAGE_FACET_FIELDS = ["service", "status", "region", "engine"] as const;
export type CoverageFacetField = (typeof COVERAGE_FACET_FIELDS)[number];
export type CoverageFacets = Record<CoverageFacetField, Record<string, number>>;

/** `from <= startedAt < to`, ISO 8601 UTC; `to` null: no upper bound. */
export interface CoverageWindow {
  from: string;
  to: string | null;
}

export interface CoveragePage extends InventoryFrame {
  items: CoverageRow[];
  total: number;
  page: number;
  pageSize: number;
  /** Per field, the rows matching every filter except the one on that field. */
  facets: CoverageFacets;
  rpoHours: number;
  window: CoverageWindow;
}
