import type { ProjectRef } from "../config";
import type { Backup, BackupStatus, Instance, JsonValue, Service } from "../inventory/model";
import { normaliseStatus } from "./status";
import { durationSeconds } from "./time";

/** What a service's normaliser decides; the rest of a Backup follows from it and the project. */
export type BackupFields = Omit<Backup, "service" | "region" | "projectId" | "status" | "durationSeconds"> & {
  /** Only for records without a status of their own (TaurusDB incremental backups). */
  status?: BackupStatus;
};

export function toBackup(service: Service, project: ProjectRef, fields: BackupFields): Backup {
  const { status, ...rest } = fields;
  return {
    ...rest,
    service,
    region: project.region,
    projectId: project.projectId,
    status: status ?? normaliseStatus(fields.rawStatus),
    durationSeconds: durationSeconds(fields.startedAt, fields.endedAt),
  };
}

/** `details` with only the values a record actually has (undefined and null are left out). */
export function details(entries: Record<string, JsonValue | undefined>): Record<string, JsonValue> {
  const kept: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined && value !== null) kept[key] = value;
  return kept;
}

export function toInstance(
  service: Service,
  project: ProjectRef,
  fields: Omit<Instance, "service" | "region" | "projectId">,
): Instance {
  return { service, region: project.region, projectId: project.projectId, ...fields };
}

export function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}
