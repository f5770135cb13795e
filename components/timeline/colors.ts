import type { BackupStatus, Service } from "@/lib/inventory/model";
import type { TimelineGroup } from "@/lib/timeline/model";

/** The fill of each group in the charts and their legend: the status badges' hues, a distinct one per service. */
const STATUS_COLORS: Record<BackupStatus, string> = {
  completed: "#10b981",
  failed: "#dc2626",
  in_progress: "#0ea5e9",
  pending: "#f59e0b",
  deleting: "#64748b",
  expired: "#94a3b8",
  deleted: "#cbd5e1",
  unknown: "#8b5cf6",
};

const SERVICE_COLORS: Record<Service, string> = { taurusdb: "#2563eb", rds: "#0d9488", dcs: "#ea580c" };

const OTHER = "#a1a1aa";

export function groupColor(groupBy: TimelineGroup, group: string): string {
  const colors: Readonly<Record<string, string>> = groupBy === "status" ? STATUS_COLORS : SERVICE_COLORS;
  return Object.hasOwn(colors, group) ? colors[group] : OTHER;
}
