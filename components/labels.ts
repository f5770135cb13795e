import type { Messages } from "@/lib/i18n/messages";
import type { BackupKind, BackupStatus, BackupTrigger, FacetField, Service } from "@/lib/inventory/model";

/**
 * Display names of the API's codes (docs/api.md). Product names are the same in every language; the others come
 * from the `labels` messages of the request's language (the I18nProvider's, in the browser). Unknown codes
 * (a new engine, a new region) show as sent.
 */

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

function lookup(labels: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(labels, code) ? labels[code] : code;
}

export function engineLabel(engine: string): string {
  return lookup(ENGINE_LABELS, engine);
}

/** "backupLevel" / "backup_level" → "Backup level": the name of a field no message names. */
function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Every label, in the language of `messages`. */
export function labelsFor(messages: Messages["labels"]) {
  const status = (value: BackupStatus): string => messages.status[value];
  const kind = (value: BackupKind): string => messages.kind[value];
  const trigger = (value: BackupTrigger): string => messages.trigger[value];
  return {
    service: (value: Service): string => SERVICE_LABELS[value],
    engine: engineLabel,
    status,
    kind,
    trigger,
    /** A kind inside a sentence ("full backup"). */
    kindNoun: (value: BackupKind): string => messages.kindNoun[value],
    /** A filter's title, and its name inside a sentence ("Filter by status"). */
    filter: (field: FacetField | "instance"): string => messages.filter[field],
    filterInSentence: (field: FacetField | "instance"): string => messages.filterInSentence[field],
    /** A facet value, whatever the facet. */
    facetValue(field: FacetField, value: string): string {
      switch (field) {
        case "service":
          return lookup(SERVICE_LABELS, value);
        case "engine":
          return engineLabel(value);
        case "status":
          return lookup(messages.status, value);
        case "kind":
          return lookup(messages.kind, value);
        case "trigger":
          return lookup(messages.trigger, value);
        case "region":
          return value;
      }
    },
    /** A service-specific field of `details`. */
    detailField: (key: string): string =>
      Object.hasOwn(messages.detailField, key) ? lookup(messages.detailField, key) : humanize(key),
  };
}

export type Labels = ReturnType<typeof labelsFor>;
