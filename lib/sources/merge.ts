import type { Backup } from "../inventory/model";
import { backupDuration } from "./backup";

/**
 * One row per backup. The same backup can arrive twice: from two APIs (TaurusDB's project-wide and per-instance
 * full-backup lists), or from two pages of one list when records shift while pages are fetched in parallel.
 */

/** `primary`'s fields, each null one filled from `secondary`; details are united, `primary` winning on a clash. */
export function mergeBackup(primary: Backup, secondary: Backup): Backup {
  const merged: Backup = { ...primary, details: { ...secondary.details, ...primary.details } };
  for (const key of Object.keys(primary) as (keyof Backup)[])
    if (merged[key] === null && secondary[key] !== null) Object.assign(merged, { [key]: secondary[key] });
  // Derived, so recomputed in case the end time came from `secondary`.
  merged.durationSeconds = backupDuration(merged.kind, merged.startedAt, merged.endedAt);
  return merged;
}

/** Backups by ID, in first-seen order; a later duplicate only fills what the first one lacks. */
export function dedupeBackups(backups: Iterable<Backup>): Backup[] {
  const byId = new Map<string, Backup>();
  for (const backup of backups) {
    const seen = byId.get(backup.id);
    byId.set(backup.id, seen ? mergeBackup(seen, backup) : backup);
  }
  return [...byId.values()];
}
