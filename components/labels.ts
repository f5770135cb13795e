import type { BackupKind, BackupStatus, BackupTrigger, FacetField, Service } from "@/lib/inventory/model";

/** Display names of the contract's codes. Unknown codes (a new engine, a new region) show as sent. */

export const SERVICE_LABELS: Record<Service, string> = { taurusdb: "TaurusDB", rds: "RDS", dcs: "DCS" };

const ENGINE_LABELS: Record<string, string> = {
  "gaussdb-mysql": "GaussDB",
  mysql: "MySQL",
  postgresql: "PostgreSQL",
  sqlserver: "SQL Server",
  mariadb: "MariaDB",
  redis: "Redis",
  memcached: "Memcached",
};

export const STATUS_LABELS: Record<BackupStatus, string> = {
  completed: "Completed",
  failed: "Failed",
  in_progress: "In progress",
  pending: "Pending",
  deleting: "Deleting",
  expired: "Expired",
  deleted: "Deleted",
  unknown: "Unknown",
};

export const KIND_LABELS: Record<BackupKind, string> = {
  full: "Full",
  incremental: "Incremental",
  differential: "Differential",
};

export const TRIGGER_LABELS: Record<BackupTrigger, string> = { auto: "Automatic", manual: "Manual" };

export const FACET_TITLES: Record<FacetField, string> = {
  service: "Service",
  engine: "Engine",
  status: "Status",
  kind: "Kind",
  trigger: "Trigger",
  region: "Region",
};

function lookup(labels: Record<string, string>, code: string): string {
  return Object.hasOwn(labels, code) ? labels[code] : code;
}

/** The label of a facet value, whatever the facet. */
export function facetValueLabel(field: FacetField, value: string): string {
  switch (field) {
    case "service":
      return lookup(SERVICE_LABELS, value);
    case "engine":
      return lookup(ENGINE_LABELS, value);
    case "status":
      return lookup(STATUS_LABELS, value);
    case "kind":
      return lookup(KIND_LABELS, value);
    case "trigger":
      return lookup(TRIGGER_LABELS, value);
    case "region":
      return value;
  }
}

export function engineLabel(engine: string): string {
  return lookup(ENGINE_LABELS, engine);
}
