import type { BackupStatus } from "../inventory/model";

/** Every backup status the five APIs document, upper-cased, with its normalised status (docs/api.md). */
const STATUS_BY_RAW: Record<string, BackupStatus> = {
  COMPLETED: "completed",
  AVAILABLE: "completed",
  SUCCEED: "completed",
  FAILED: "failed",
  BUILDING: "in_progress",
  BACKUPING: "in_progress",
  WAITING: "pending",
  DELETING: "deleting",
  EXPIRED: "expired",
  DELETED: "deleted",
};

/** The normalised status of a raw one; case does not matter, and anything undocumented is `unknown`. */
export function normaliseStatus(rawStatus: string): BackupStatus {
  return Object.hasOwn(STATUS_BY_RAW, rawStatus.toUpperCase()) ? STATUS_BY_RAW[rawStatus.toUpperCase()] : "unknown";
}
