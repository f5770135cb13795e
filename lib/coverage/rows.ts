import type { Backup, Instance, Service } from "../inventory/model";
import { latestRecoveryPoint, prepareChains } from "../restore/chain";
import type { BackupRef, CoverageReason, CoverageRow, CoverageStatus, CoverageWindow } from "./model";

/**
 * One coverage row per instance: every listed instance, with or without backups, and every instance that only
 * its backups name (deleted since, its backups kept). Pure: the clock is `now`.
 *
 * Over every backup fetched (the whole retention the services keep):
 * - lastFull: the latest completed `full` backup by startedAt (ties: smaller id), as `/api/backups` sorts them;
 *   a completed RDS `differential` is not full here (it only serves as a restore base in the finder);
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

export interface CoverageInput {
  instances: readonly Instance[];
  backups: Iterable<Backup>;
  rpoHours: number;
  window: CoverageWindow;
  now: Date;
}

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

const keyOf = (service: Service, instanceId: string) => `${service}|${instanceId}`;

export function coverageRows({ instances, backups, rpoHours, window, now }: CoverageInput): CoverageRow[] {
  const byInstance = new Map<string, Backup[]>();
  for (const backup of backups) {
    const key = keyOf(backup.service, backup.instanceId);
    const list = byInstance.get(key);
    if (list) list.push(backup);
    else byInstance.set(key, [backup]);
  }
  const identities = new Map<string, InstanceIdentity>();
  for (const instance of instances)
    identities.set(keyOf(instance.service, instance.id), {
      service: instance.service,
      region: instance.region,
      projectId: instance.projectId,
      instanceId: instance.id,
      instanceName: instance.name,
      engine: instance.engine,
      engineVersion: instance.engineVersion,
      instanceStatus: instance.status,
    });
  for (const [key, [backup]] of byInstance)
    if (!identities.has(key))
      identities.set(key, {
        service: backup.service,
        region: backup.region,
        projectId: backup.projectId,
        instanceId: backup.instanceId,
        instanceName: backup.instanceName,
        engine: backup.engine,
        engineVersion: backup.engineVersion,
        instanceStatus: null,
      });
  const bounds = {
    from: Date.parse(window.from),
    to: window.to === null ? Number.POSITIVE_INFINITY : Date.parse(window.to),
  };
  return [...identities].map(([key, identity]) =>
    coverageRow(identity, byInstance.get(key) ?? [], { rpoMs: rpoHours * 3_600_000, bounds, now: now.getTime() }),
  );
}

/** Whether `candidate` comes before `current` in `/api/backups`' default order (startedAt desc, then id asc). */
function isLater(candidate: Backup, candidateMs: number, current: Backup | null, currentMs: number): boolean {
  return !current || candidateMs > currentMs || (candidateMs === currentMs && candidate.id < current.id);
}

function coverageRow(
  identity: InstanceIdentity,
  backups: readonly Backup[],
  options: { rpoMs: number; bounds: { from: number; to: number }; now: number },
): CoverageRow {
  let lastFull: Backup | null = null;
  let lastFullMs = 0;
  let lastIncremental: Backup | null = null;
  let lastIncrementalMs = 0;
  let lastFinishedFull: Backup | null = null;
  let lastFinishedFullMs = 0;
  let failed = 0;
  let count = 0;
  let sizeBytes = 0;
  for (const backup of backups) {
    const started = Date.parse(backup.startedAt);
    if (Number.isNaN(started)) continue;
    if (backup.kind === "full" && (backup.status === "completed" || backup.status === "failed")) {
      if (isLater(backup, started, lastFinishedFull, lastFinishedFullMs)) {
        lastFinishedFull = backup;
        lastFinishedFullMs = started;
      }
      if (backup.status === "completed" && isLater(backup, started, lastFull, lastFullMs)) {
        lastFull = backup;
        lastFullMs = started;
      }
    } else if (
      backup.kind === "incremental" &&
      backup.status === "completed" &&
      backup.details.offsite !== true &&
      isLater(backup, started, lastIncremental, lastIncrementalMs)
    ) {
      lastIncremental = backup;
      lastIncrementalMs = started;
    }
    if (started >= options.bounds.from && started < options.bounds.to) {
      count++;
      sizeBytes += backup.sizeBytes ?? 0;
      if (backup.status === "failed") failed++;
    }
  }

  return coverageRowOf(
    identity,
    {
      lastFull,
      lastIncremental,
      lastFullFailed: lastFinishedFull?.status === "failed",
      recoveryPoint: latestRecoveryPoint(prepareChains(backups, identity.service)),
      failed,
      backups: count,
      sizeBytes,
    },
    options,
  );
}

/** What a coverage row is judged from, however it was gathered (over an array here, by queries in lib/store). */
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
