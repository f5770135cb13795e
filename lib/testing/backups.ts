import type { Backup } from "../inventory/model";

/**
 * Constructed backups for unit tests of the logic over Backup[] (restore chains, coverage, timeline). Times are
 * given as ISO instants; the defaults make a completed TaurusDB full backup of instance `i-1`.
 */
export function makeBackup(fields: Partial<Backup> & { id: string; startedAt: string }): Backup {
  const endedAt = fields.endedAt === undefined ? null : fields.endedAt;
  return {
    service: "taurusdb",
    engine: "gaussdb-mysql",
    engineVersion: "8.0",
    region: "cn-north-4",
    projectId: "p-1",
    instanceId: "i-1",
    instanceName: "orders-db",
    name: fields.id,
    kind: "full",
    trigger: "auto",
    status: "completed",
    rawStatus: "COMPLETED",
    durationSeconds:
      endedAt === null || fields.kind === "incremental"
        ? null
        : (Date.parse(endedAt) - Date.parse(fields.startedAt)) / 1000,
    sizeBytes: 1024,
    description: null,
    details: {},
    ...fields,
    endedAt,
  };
}
