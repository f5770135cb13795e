import type { BackupKind, InventoryFrame } from "../inventory/model";

/** The backups-per-day timeline (`GET /api/timeline`). Shared by server and browser: no server imports here. */

export const TIMELINE_GROUPS = ["status", "service"] as const;
export type TimelineGroup = (typeof TIMELINE_GROUPS)[number];

/** At most this many days in one timeline (about ten years). */
export const MAX_TIMELINE_DAYS = 3660;

export interface TimelineDay {
  /** The calendar day in the timeline's time zone, `YYYY-MM-DD`. */
  date: string;
  /** Backups that started on that day. */
  total: number;
  /** Per value of `groups`, every one present (zeros included). */
  counts: Record<string, number>;
}

/** One completed backup of the selected instance, for a sizes-over-time chart. */
export interface SizePoint {
  id: string;
  startedAt: string;
  sizeBytes: number;
  kind: BackupKind;
}

export interface Timeline extends InventoryFrame {
  /** Every day of the window, oldest first, days without backups included. */
  days: TimelineDay[];
  /** The values of `groupBy` found among the backups, in the model's order (statuses, services). */
  groups: string[];
  groupBy: TimelineGroup;
  /** The IANA time zone of the days, canonical spelling. */
  tz: string;
  /** Backups counted: the `total` of `/api/backups` for the same filter. */
  total: number;
  /** With exactly one `instance`: its matching completed backups with a known size, oldest first; else null. */
  sizes: SizePoint[] | null;
}
