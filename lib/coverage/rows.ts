import type { Service } from "../inventory/model";
import type { BackupRef, CoverageReason, CoverageRow, CoverageStatus } from "./model";

/**
 * The verdict of one coverage row, from the facts the store gathers per instance (lib/store/reads.ts): every
 * listed instance, with or without backups, and every instance that only its backups name (deleted since, its
 * backups kept). Pure: the clock is `now`.
 *
 * Over every current backup kept:
 * - lastFull: the latest completed `full` backup by startedAt (ties: smaller id), as `/api/backups` sorts them;
 *   a completed `differential` (RDS or TaurusDB) is not full here (it only serves as a restore base in the finder);
 * - lastIncremental: the latest completed `incremental` backup, offsite copies left out (as in the finder);
 * - latestRecoveryPoint: the newest point the restore-point finder reaches (lib/restore/chain.ts).
 * Over the backups that started in the window only (`from <= startedAt < to`, as `/api/backups` filters):
 * failed (status `failed`, any kind), backups (any kind and status) and sizeBytes (known sizes).
 *
 * Status, ages measured at `now`:
 * - unprotected: no restorable point at all (no completed full backup with a known end);
 * - at_risk: the newest restorable point is more than `rpoHours` old, or the latest full backup that finished
 *   (completed or failed; by startedAt) failed;
 * - protected: otherwise.
 */

export interface InstanceIdentity {
  service: Service;
  region: string;
  projectId: string;
  instanceId: string;
  instanceName: string | null;
  engine: string;
  engineVersion: string | null;
  instanceStatus: string | null;
}

/** What a coverage row is judged from. */
export interface CoverageFacts {
  lastFull: BackupRef | null;
  lastIncremental: BackupRef | null;
  /** Whether the latest full backup that finished (by startedAt) failed. */
  lastFullFailed: boolean;
  recoveryPoint: string | null;
  failed: number;
  backups: number;
  sizeBytes: number;
}

/** The row of one instance: its status, reasons and ages at `now` (epoch ms) against the RPO. */
export function coverageRowOf(
  identity: InstanceIdentity,
  facts: CoverageFacts,
  options: { rpoMs: number; now: number },
): CoverageRow {
  const recoveryMs = facts.recoveryPoint === null ? null : Date.parse(facts.recoveryPoint);
  const ageOf = (ms: number | null) => (ms === null ? null : Math.max(0, Math.floor((options.now - ms) / 1000)));
  const pointOf = (backup: BackupRef | null) =>
    backup === null ? null : Date.parse(backup.endedAt ?? backup.startedAt);

  const reasons: CoverageReason[] = [];
  let status: CoverageStatus;
  if (recoveryMs === null) {
    status = "unprotected";
    reasons.push("no_full_backup");
  } else {
    if (options.now - recoveryMs > options.rpoMs) reasons.push("recovery_point_too_old");
    if (facts.lastFullFailed) reasons.push("latest_full_failed");
    status = reasons.length > 0 ? "at_risk" : "protected";
  }
  return {
    ...identity,
    status,
    reasons,
    lastFull: refOf(facts.lastFull),
    lastFullAgeSeconds: ageOf(pointOf(facts.lastFull)),
    lastIncremental: refOf(facts.lastIncremental),
    lastIncrementalAgeSeconds: ageOf(pointOf(facts.lastIncremental)),
    latestRecoveryPoint: facts.recoveryPoint,
    recoveryPointAgeSeconds: ageOf(recoveryMs),
    failed: facts.failed,
    backups: facts.backups,
    sizeBytes: facts.sizeBytes,
  };
}

function refOf(backup: BackupRef | null): BackupRef | null {
  return backup === null
    ? null
    : {
        id: backup.id,
        name: backup.name,
        startedAt: backup.startedAt,
        endedAt: backup.endedAt,
        sizeBytes: backup.sizeBytes,
      };
}
