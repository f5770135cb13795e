import type { BackupKind, BackupStatus, BackupTrigger, FacetField } from "@/lib/inventory/model";

/**
 * Names of the API's codes and of the backup's fields, shared by the table, the filters and the detail
 * panel. Product names (TaurusDB, RDS, MySQL...) are not here: they are the same in every language.
 */
export const labels = {
  status: {
    completed: "Completed",
    failed: "Failed",
    in_progress: "In progress",
    pending: "Pending",
    deleting: "Deleting",
    expired: "Expired",
    deleted: "Deleted",
    unknown: "Unknown",
  } satisfies Record<BackupStatus, string>,
  kind: { full: "Full", incremental: "Incremental", differential: "Differential" } satisfies Record<BackupKind, string>,
  /** The kind inside a sentence: "RDS full backup of orders-db". */
  kindNoun: {
    full: "full backup",
    incremental: "incremental backup",
    differential: "differential backup",
  } satisfies Record<BackupKind, string>,
  trigger: { auto: "Automatic", manual: "Manual" } satisfies Record<BackupTrigger, string>,
  /** The toolbar's filters: the facets and the instance picker. */
  filter: {
    service: "Service",
    engine: "Engine",
    status: "Status",
    kind: "Kind",
    trigger: "Trigger",
    region: "Region",
    instance: "Instance",
  } satisfies Record<FacetField | "instance", string>,
  /** The same inside a sentence: "Filter by service". */
  filterInSentence: {
    service: "service",
    engine: "engine",
    status: "status",
    kind: "kind",
    trigger: "trigger",
    region: "region",
    instance: "instance",
  } satisfies Record<FacetField | "instance", string>,
  /** Column headers (short) and their names in the column menu. */
  column: {
    service: { header: "Service", menu: "Service" },
    engine: { header: "Engine", menu: "Engine and version" },
    region: { header: "Region", menu: "Region" },
    instanceName: { header: "Instance", menu: "Instance" },
    name: { header: "Backup", menu: "Backup name" },
    id: { header: "Backup ID", menu: "Backup ID" },
    kind: { header: "Kind", menu: "Kind" },
    trigger: { header: "Trigger", menu: "Trigger" },
    status: { header: "Status", menu: "Status" },
    startedAt: { header: "Started", menu: "Started" },
    endedAt: { header: "Ended", menu: "Ended" },
    durationSeconds: { header: "Duration", menu: "Duration" },
    sizeBytes: { header: "Size", menu: "Size" },
    goneAt: { header: "Gone", menu: "Gone (when the cloud stopped listing it)" },
  },
  /** The service-specific fields of a backup (its `details`); a field not named here shows its own key. */
  detailField: {
    associatedWithDdm: "Associated with DDM",
    backupFormat: "Backup format",
    backupLevel: "Backup level",
    backupMethod: "Backup method",
    backupMode: "Backup mode",
    backupType: "Backup type",
    databases: "Databases",
    datastore: "Database engine",
    errorCode: "Error code",
    executionAt: "Executed at",
    offsite: "Cross-region",
    period: "Backup period",
    progress: "Progress",
    restorable: "Restorable",
    takeUpTime: "Time taken",
    timeZone: "Time zone",
    type: "Type",
    updated: "Updated",
    updatedAt: "Updated",
    useDetail: "Usage details",
  },
  /**
   * Coded values of `details`, per field: TaurusDB's and RDS's `type`, the backup types and methods of TaurusDB
   * (Db: physical; Log, OffSiteLog: binlog) and DCS (auto, manual), TaurusDB's backup level. A code not named
   * here shows as sent.
   */
  detailValue: {
    type: { auto: "Automatic", manual: "Manual", incremental: "Incremental", fragment: "Differential" },
    backupType: {
      auto: "Automatic",
      manual: "Manual",
      Db: "Physical",
      Snapshot: "Snapshot",
      Log: "Log (binlog)",
      OffSiteLog: "Cross-region log (binlog)",
    },
    backupMethod: { Db: "Physical", Snapshot: "Snapshot" },
    backupLevel: { "0": "Being created, or failed", "1": "Level 1", "2": "Level 2" },
  },
  yes: "Yes",
  no: "No",
  /** `{count}` is already formatted for the locale. */
  duration: {
    days: "{count} d",
    hours: "{count} h",
    minutes: "{count} min",
    seconds: "{count} s",
    underASecond: "< 1 s",
  },
  bytes: "{count} bytes",
  /** What a log (incremental) backup covers, shown where other backups show their duration. */
  logSpan: {
    covers: "covers {span}",
    from: "covers from {start}",
  },
} as const;
