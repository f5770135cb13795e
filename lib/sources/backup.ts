import type { ProjectRef } from "../config";
import type { Backup, BackupKind, BackupStatus, Instance, JsonValue, Service } from "../inventory/model";
import { normaliseStatus } from "./status";
import { durationSeconds } from "./time";

/** What a service's normaliser decides; the rest of a Backup follows from it and the project. */
export type BackupFields = Omit<Backup, "service" | "region" | "projectId" | "status" | "durationSeconds"> & {
  /** Only for records without a status of their own (TaurusDB incremental backups). */
  status?: BackupStatus;
};

/**
 * How long a backup took, from its two times; null for an incremental (log) backup, whose two times are the span
 * of log it holds (what a point-in-time restore reaches), not how long it ran.
 */
export function backupDuration(kind: BackupKind, startedAt: string, endedAt: string | null): number | null {
  return kind === "incremental" ? null : durationSeconds(startedAt, endedAt);
}

/** A Backup with its fields in the model's order (the order of the JSON the API sends). */
export function toBackup(service: Service, project: ProjectRef, fields: BackupFields): Backup {
  return {
    id: fields.id,
    service,
    engine: fields.engine,
    engineVersion: fields.engineVersion,
    region: project.region,
    projectId: project.projectId,
    instanceId: fields.instanceId,
    instanceName: fields.instanceName,
    name: fields.name,
    kind: fields.kind,
    trigger: fields.trigger,
    status: fields.status ?? normaliseStatus(fields.rawStatus),
    rawStatus: fields.rawStatus,
    startedAt: fields.startedAt,
    endedAt: fields.endedAt,
    durationSeconds: backupDuration(fields.kind, fields.startedAt, fields.endedAt),
    sizeBytes: fields.sizeBytes,
    description: fields.description,
    details: fields.details,
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
