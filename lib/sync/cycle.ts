import type { Backup, SourceError } from "../inventory/model";
import type { SourceCursor, SourceState } from "../store/types";

/**
 * What one sync of one source asks the cloud for, what it remembers for the next one, and when that comes
 * (lib/sync/README.md). Pure: the job and the scheduler apply it.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * How far before the newest start the source has listed a windowed listing begins. A log backup is listed only
 * once it ends, up to 5 minutes after it started, by which time a backup of another instance that started later
 * may have moved the cursor past it; the cloud's regions and this server also disagree on the time by minutes.
 * Full backups can be listed late by the length of the backup. The adapters take one window for every list of a
 * source, so it is wide enough for full backups and still one page of the busiest list, the TaurusDB
 * incremental list (50 a page: 36 log backups of 5 minutes). What a backup listed later still leaves out, the
 * reconcile's complete listing picks up.
 */
export const WINDOW_MARGIN_MS = 3 * HOUR_MS;

/**
 * How far back a windowed listing reaches for a backup the store holds as running (`in_progress`, `pending`), so
 * that it is seen ending. A record stuck as running for longer is left to the reconcile, or every window would
 * reach back to it for ever.
 */
export const RUNNING_LOOKBACK_MS = 3 * DAY_MS;

export const RUNNING_STATUSES = ["in_progress", "pending"] as const;

export interface Intervals {
  syncMs: number;
  reconcileMs: number;
}

/** A complete listing: the first sync of a source, and every reconcile after it. */
export function isReconcileDue(state: SourceState | undefined, nowMs: number, reconcileMs: number): boolean {
  const last = state?.cursor.lastCompleteMs ?? null;
  return !state?.complete || last === null || nowMs - last >= reconcileMs;
}

/**
 * Where a windowed listing starts: the margin before the newest start listed (never later than now: a record
 * dated in the future must not close the window), or before the last complete listing of a source that has no
 * backup; reaching back to the oldest backup still running.
 */
export function windowStartMs(cursor: SourceCursor, nowMs: number, oldestRunningStartMs: number | null): number {
  const newest = Math.min(cursor.newestStartMs ?? cursor.lastCompleteMs ?? nowMs, nowMs);
  const start = newest - WINDOW_MARGIN_MS;
  return oldestRunningStartMs === null ? start : Math.min(start, oldestRunningStartMs);
}

/** The cursor after a listing: a complete one tells the newest start afresh, a windowed one can only add to it. */
export function nextCursor(
  previous: SourceCursor | null,
  backups: readonly Backup[],
  listing: { complete: boolean; seenAtMs: number },
): SourceCursor {
  let newest: number | null = listing.complete ? null : (previous?.newestStartMs ?? null);
  for (const backup of backups) {
    const started = Date.parse(backup.startedAt);
    if (newest === null || started > newest) newest = started;
  }
  return {
    newestStartMs: newest,
    lastCompleteMs: listing.complete ? listing.seenAtMs : (previous?.lastCompleteMs ?? null),
  };
}

/**
 * Rejected or disabled keys, or a project the keys may not use: not tried again before the reconcile interval,
 * since the gateway locks a key after more than 5 authentication failures in a row.
 */
export function isAuthFailure(error: SourceError | null | undefined): boolean {
  return error?.httpStatus === 401 || error?.httpStatus === 403;
}

/** When a source that last started at `lastStartMs` is due again. */
export function nextDueMs(lastStartMs: number | null, authFailed: boolean, intervals: Intervals): number {
  if (lastStartMs === null) return Number.NEGATIVE_INFINITY;
  return lastStartMs + (authFailed ? intervals.reconcileMs : intervals.syncMs);
}

/** Requested syncs of a source closer together than this join the last one instead of calling the cloud again. */
export function requestSpacingMs(intervals: Intervals): number {
  return intervals.syncMs / 10;
}

/** When the source last started a sync, as its stored state tells (after a restart): its last attempt's start. */
export function lastStartOf(state: SourceState | undefined): number | null {
  const last = state?.lastAttemptAt ?? state?.lastSuccessAt;
  return last ? Date.parse(last) : null;
}
