import type { CoveragePage, CoverageRow, CoverageWindow } from "../coverage/model";
import type { CoverageQuery } from "../coverage/query";
import type {
  Backup,
  BackupPage,
  Instance,
  InventoryFrame,
  Presence,
  Service,
  SourceError,
  StoredBackup,
} from "../inventory/model";
import type { BackupQuery } from "../inventory/query";
import type { Timeline } from "../timeline/model";
import type { TimelineQuery } from "../timeline/query";

/**
 * The kept inventory's one storage interface. Every feature and route reads through it, and only the sync writes.
 * Two implementations share it and one test suite: the embedded DuckDB store (default, a file under DATA_DIR)
 * and the PostgreSQL store (DATABASE_URL, shared by several replicas). See lib/store/README.md.
 */

/** One service of one configured project: the unit the sync lists, commits and reports on. */
export interface SourceKey {
  service: Service;
  region: string;
  projectId: string;
}

/** What the sync remembers between runs of one source, to ask each list only for what may have changed. */
export interface SourceCursor {
  /** The newest `startedAt` (epoch ms) of any backup the source has listed; null before the first listing. */
  newestStartMs: number | null;
  /** When the last complete listing (first sync or reconcile) finished, epoch ms; null before the first one. */
  lastCompleteMs: number | null;
}

/** The stored state of one source, for `/api/sync`, `sources` in every answer and the scheduler. */
export interface SourceState extends SourceKey {
  cursor: SourceCursor;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** The last sync's error; null after a sync that succeeded. */
  lastError: SourceError | null;
  /** Failed syncs in a row (0 after a success). */
  consecutiveFailures: number;
  lastDurationMs: number | null;
  lastCalls: number | null;
  lastReconcileAt: string | null;
  /** Whether a complete listing of the source has finished at least once. */
  complete: boolean;
  /** Current backups and instances stored for the source. */
  backups: number;
  instances: number;
  /** Records the last listing skipped (a required field missing), and the first reason. */
  skipped: number;
  skippedReason: string | null;
}

/**
 * What one successful sync of one source saw, committed in one transaction by `applyListing`:
 * - every backup listed is upserted (new: `firstSeenAt` = `seenAt`; seen again: `lastSeenAt` = `seenAt`, and a
 *   gone backup becomes current again, `goneAt` null); a backup's fields are replaced by the newest listing;
 * - the instances replace the source's stored instances when given (null: not listed this time, keep them);
 * - with `complete`, every current backup of the source that started before `listedBefore` and was not listed
 *   becomes gone (`goneAt` = `seenAt`): a complete listing is the only one that can say a backup disappeared;
 * - the cursor and the source's state (success, counts, calls, duration, skipped) are written.
 */
export interface SourceListing {
  source: SourceKey;
  /** The listing's reference time (when it started): firstSeenAt / lastSeenAt / goneAt of what it changes. */
  seenAt: Date;
  backups: readonly Backup[];
  instances: readonly Instance[] | null;
  complete: boolean;
  /** With `complete`: backups that started at or after this are not judged gone (they may postdate the listing). */
  listedBefore?: Date;
  cursor: SourceCursor;
  calls: number;
  durationMs: number;
  skipped: number;
  skippedReason: string | null;
}

export interface ListingApplied {
  inserted: number;
  updated: number;
  /** Backups this listing found gone. */
  gone: number;
  /** Gone backups listed again. */
  returned: number;
}

export interface SourceFailure {
  source: SourceKey;
  attemptAt: Date;
  error: SourceError;
  calls: number;
  durationMs: number;
}

/** The backup model with its history, and `presence`, belong to the API's model; the store keeps them. */
export type { Presence, StoredBackup };

/** An answer as the store gives it; the route adds `sources`, `fetchedAt` and `sync` (InventoryFrame). */
export type FromStore<T> = Omit<T, keyof InventoryFrame>;

export type StoredBackupPage = FromStore<BackupPage>;

/** A backup query as the API parses it (`presence` included), without what only the route acts on. */
export type StoreBackupQuery = Omit<BackupQuery, "refresh">;

export interface BackupStore {
  /** Which engine, for logs and `/api/health`. */
  readonly engine: "duckdb" | "postgres";

  // ---- Written by the sync only ----
  applyListing(listing: SourceListing): Promise<ListingApplied>;
  recordFailure(failure: SourceFailure): Promise<void>;
  /** Forgets gone backups whose `goneAt` is before `before`; returns how many. */
  purgeGone(before: Date): Promise<number>;
  /** Forgets every stored row of a source that is no longer configured or discovered. */
  dropSource(source: SourceKey): Promise<void>;

  // ---- Read by every route ----
  sourceStates(): Promise<SourceState[]>;
  queryBackups(query: StoreBackupQuery): Promise<StoredBackupPage>;
  /** Every matching backup in the query's order, in batches: never the whole set in memory. */
  exportBackups(query: Omit<StoreBackupQuery, "page" | "pageSize">): AsyncIterable<StoredBackup[]>;
  instances(): Promise<Instance[]>;
  /** Current backups of one instance (of every service: the caller picks), oldest first. */
  instanceBackups(instanceId: string): Promise<StoredBackup[]>;
  /** Ages and the default window are measured at `now` (the time the data describes). */
  coverage(query: Omit<CoverageQuery, "refresh">, now: Date): Promise<FromStore<CoveragePage>>;
  /** Every matching coverage row in the query's order (paging ignored): one per instance, so bounded. */
  exportCoverage(
    query: Omit<CoverageQuery, "refresh" | "page" | "pageSize">,
    now: Date,
  ): Promise<{ rows: CoverageRow[]; window: CoverageWindow }>;
  timeline(query: Omit<TimelineQuery, "refresh">): Promise<FromStore<Timeline>>;

  close(): Promise<void>;
}
