/**
 * The normalised backup model of the HTTP API (docs/api.md). Shared by server and browser: no server imports here.
 */

export const SERVICES = ["taurusdb", "rds", "dcs"] as const;
export type Service = (typeof SERVICES)[number];

export const ENGINES = ["gaussdb-mysql", "mysql", "postgresql", "sqlserver", "mariadb", "redis", "memcached"] as const;
export type Engine = (typeof ENGINES)[number];

export const BACKUP_STATUSES = [
  "completed",
  "failed",
  "in_progress",
  "pending",
  "deleting",
  "expired",
  "deleted",
  "unknown",
] as const;
export type BackupStatus = (typeof BACKUP_STATUSES)[number];

export const BACKUP_KINDS = ["full", "incremental", "differential"] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export const BACKUP_TRIGGERS = ["auto", "manual"] as const;
export type BackupTrigger = (typeof BACKUP_TRIGGERS)[number];

/** `presence` of a backup query: current (the cloud lists it now), gone (it no longer does), or both. */
export const PRESENCES = ["current", "gone", "all"] as const;
export type Presence = (typeof PRESENCES)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Backup {
  id: string;
  service: Service;
  /** gaussdb-mysql, RDS datastore type or DCS engine, lower-cased. */
  engine: string;
  engineVersion: string | null;
  region: string;
  projectId: string;
  instanceId: string;
  instanceName: string | null;
  name: string | null;
  kind: BackupKind;
  trigger: BackupTrigger | null;
  status: BackupStatus;
  rawStatus: string;
  /** ISO 8601 UTC with `Z`. */
  startedAt: string;
  endedAt: string | null;
  /** From the two times; null for incremental backups, whose two times are the span of log they hold. */
  durationSeconds: number | null;
  sizeBytes: number | null;
  description: string | null;
  details: Record<string, JsonValue>;
}

/** A backup's history in the kept inventory. */
export interface BackupHistory {
  /** When a sync first saw the backup. */
  firstSeenAt: string;
  /** When a sync last saw it listed. */
  lastSeenAt: string;
  /** When a sync first found it no longer listed; null while the cloud lists it. */
  goneAt: string | null;
}

/** A backup as the inventory keeps it and every route answers it: the cloud's record and its history. */
export type StoredBackup = Backup & BackupHistory;

export interface SourceError {
  code: string;
  message: string;
  httpStatus: number | null;
  /** The cloud's X-Request-Id of the failed call, for a support ticket; null when there was no answer. */
  requestId: string | null;
}

/**
 * One service in one configured project, as the inventory holds it: `ok`, `error`, `calls` and `durationMs`
 * describe its last sync; `instances` and `backups` are what is stored for it now (a source whose last sync
 * failed still serves what it stored before).
 */
export interface Source {
  service: Service;
  region: string;
  projectId: string;
  /** False when its last sync failed (`error` says how). */
  ok: boolean;
  error: SourceError | null;
  instances: number;
  /** Current backups stored. */
  backups: number;
  calls: number;
  durationMs: number;
  /** Whether a complete listing of the source has finished at least once (false during its first sync). */
  complete: boolean;
  /** When its last successful sync finished; null before one. */
  lastSyncedAt: string | null;
  /**
   * Records left out because they lack what a row needs (ID, instance, start time, status; the size where the
   * service always sends it). They do not make the source fail: its other records are all listed.
   */
  skipped: number;
  /** Why the first skipped record was left out; null when none was. */
  skippedReason: string | null;
}

export interface Instance {
  service: Service;
  region: string;
  projectId: string;
  id: string;
  /** Null when the instance list leaves it out. */
  name: string | null;
  engine: string;
  engineVersion: string | null;
  /** As the service sent it; null when the instance list leaves it out. */
  status: string | null;
}

export const FACET_FIELDS = ["service", "engine", "status", "kind", "trigger", "region"] as const;
export type FacetField = (typeof FACET_FIELDS)[number];
export type Facets = Record<FacetField, Record<string, number>>;

/** Totals over every backup of the view, not only the page. */
export interface BackupSummary {
  /** Sum of the known sizes (backups without a size count as 0). */
  sizeBytes: number;
}

export type SyncState = "never" | "syncing" | "idle";

/** `sync` of every answer read from the inventory, and of `/api/sync`. */
export interface SyncStatus {
  state: SyncState;
  /** When the last sync of every source finished (the oldest of the sources' last successes); null before one. */
  lastSyncedAt: string | null;
  nextSyncAt: string | null;
  /** During a sync: calls done of those planned so far (a list's other pages are planned once its first answers). */
  progress: null | { callsDone: number; callsPlanned: number };
}

/** What every answer read from the inventory carries beside its data. */
export interface InventoryFrame {
  sources: Source[];
  /** The oldest last successful sync of the view's sources; null while none has finished one. */
  fetchedAt: string | null;
  sync: SyncStatus;
}

export interface BackupPage extends InventoryFrame {
  items: StoredBackup[];
  total: number;
  page: number;
  pageSize: number;
  facets: Facets;
  summary: BackupSummary;
}

export interface InstanceList extends InventoryFrame {
  items: Instance[];
}

export interface ApiErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
  sources?: Source[];
}
