import type { Backup, InventoryFrame, Service } from "../inventory/model";

/**
 * The answer of the restore-point finder (`GET /api/restore-points`). Shared by server and browser: no server
 * imports here.
 */

/**
 * How far apart one incremental backup's end and the next one's start may be for the chain to count as
 * unbroken. Listed log backups leave short gaps between one record's end and the next one's start (the
 * simulator up to two minutes); the log itself is continuous. A longer gap is a `chain_gap`.
 */
export const CHAIN_TOLERANCE_SECONDS = 300;

/** Services whose incremental (log) backups restore any point after a full backup; DCS keeps full backups only. */
export const INCREMENTAL_SUPPORT: Record<Service, boolean> = { taurusdb: true, rds: true, dcs: false };

export const UNREACHABLE_REASONS = [
  /** No instance with that ID in any source that answered. */
  "unknown_instance",
  /** The point is later than now. */
  "in_future",
  /** No successful full backup had finished by the point. */
  "no_full_before",
  /** DCS: no incremental backups, and the point is not the end of a successful backup. */
  "no_incremental_support",
  /** The incremental chain after the base stops at a failed incremental backup before the point. */
  "failed_link",
  /** The incremental chain after the base stops before the point and only resumes after a gap. */
  "chain_gap",
  /** The point is after the newest point the instance's backups reach: nothing later has finished yet. */
  "after_latest_backup",
] as const;
export type UnreachableReason = (typeof UNREACHABLE_REASONS)[number];

/** The instance a restore is asked for, as the inventory knows it. */
export interface RestoreInstance {
  service: Service;
  region: string;
  projectId: string;
  id: string;
  name: string | null;
  engine: string;
}

/** The nearest points that can be reached, before and after the asked one (ISO 8601 UTC), when there are any. */
export interface NearestPoints {
  before: string | null;
  after: string | null;
}

export interface ReachablePoint {
  reachable: true;
  /** The point asked for, ISO 8601 UTC. */
  at: string;
  /** The full backup to restore first. */
  base: Backup;
  /** The differential backup (RDS) restored on top of the base, when one shortens the chain; else null. */
  differential: Backup | null;
  /** The incremental backups to apply after the base (and differential), oldest first; empty at a backup's end. */
  incrementals: Backup[];
  /** The latest point these backups reach: the end of the last one listed (at or after `at`). */
  restoreUntil: string;
  explanation: string;
}

export interface UnreachablePoint {
  reachable: false;
  at: string;
  reason: UnreachableReason;
  explanation: string;
  nearest: NearestPoints;
}

/** A span of restorable points, both ends included (ISO 8601 UTC); a DCS backup's is one instant. */
export interface RestoreWindow {
  from: string;
  until: string;
}

/** What the pure finder (lib/restore/chain.ts) answers for one instance's backups. */
export type RestorePlan = ReachablePoint | UnreachablePoint;

/**
 * The response of `GET /api/restore-points`: the plan, the instance (null when unknown), every restorable span of
 * the instance (oldest first; empty when unknown) and the sources.
 */
export type RestorePointAnswer = RestorePlan &
  InventoryFrame & {
    instance: RestoreInstance | null;
    windows: RestoreWindow[];
  };
