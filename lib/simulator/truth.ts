import "server-only";
import type { BackupKind, BackupStatus, BackupTrigger, Engine, Service } from "../inventory/model";
import {
  type Backup,
  backupId,
  backupName,
  backupOf,
  listedTypeOf,
  optionalFieldsOfBackup,
  type RawStatus,
  Series,
  stateAt,
} from "./backups";
import { type Dataset, type OptionalFields, optionalFieldsOf, type SimInstance } from "./dataset";
import { type BackupList, instanceList, LISTS } from "./listing";

/**
 * The ground truth at an instant: every instance and every backup the APIs list then, as a faithful reader of them
 * can know them. Tests and benchmarks compare what they read with it; it builds an object per backup, so it is for
 * small accounts. `countBackups` gives the counts of any account without building anything.
 */

export interface TruthInstance {
  service: Service;
  region: string;
  projectId: string;
  id: string;
  name: string;
  engine: Engine;
  engineVersion: string;
  /** Null where the instance list leaves it out (TaurusDB instances whose optional fields are not sent). */
  status: string | null;
  /** How many backups of this instance the APIs list (its cross-region copies included). */
  backups: number;
  /** RDS: a Flexus instance, which ListInstances lists only with `group_type=flexus`. */
  flexus: boolean;
  /** RDS: the project its cross-region backups are stored in (ListOffSiteInstances there names it), or null. */
  offsiteTo: string | null;
}

/**
 * One backup as a faithful reader of the five APIs can know it (a TaurusDB full backup once, although two
 * APIs list it). `trigger` and `endedAt` are null where no API tells them.
 */
export interface TruthBackup {
  service: Service;
  region: string;
  projectId: string;
  instanceId: string;
  instanceName: string;
  engine: Engine;
  engineVersion: string;
  id: string;
  name: string;
  kind: BackupKind;
  trigger: BackupTrigger | null;
  /** A cross-region copy: a TaurusDB OffSiteLog, or an RDS backup listed by ListOffSiteBackups where it is stored. */
  offsite: boolean;
  /** As the service sends it; null for TaurusDB incremental backups, whose API has no status. */
  rawStatus: RawStatus | null;
  status: BackupStatus;
  sizeBytes: number;
  startedAt: string;
  endedAt: string | null;
  /** The operations that list it. */
  operations: string[];
  /** How its records send their optional fields (the values above are what a reader still knows). */
  optionalFields: OptionalFields;
}

export interface Truth {
  instances: TruthInstance[];
  backups: TruthBackup[];
}

const NORMALISED: Record<RawStatus, BackupStatus> = {
  COMPLETED: "completed",
  AVAILABLE: "completed",
  succeed: "completed",
  FAILED: "failed",
  failed: "failed",
  BUILDING: "in_progress",
  backuping: "in_progress",
  waiting: "pending",
  DELETING: "deleting",
  expired: "expired",
  deleted: "deleted",
};

/** The lists an instance's backups are read from, at an instant. */
function listsOf(dataset: Dataset, instance: SimInstance, nowMs: number): BackupList[] {
  switch (instance.service) {
    case "taurusdb":
      return [
        instanceList(dataset, instance, LISTS.taurusInstance, nowMs),
        instanceList(dataset, instance, LISTS.taurusIncremental, nowMs),
      ];
    case "rds":
      return [
        instanceList(dataset, instance, LISTS.rdsBackups, nowMs),
        instanceList(dataset, instance, LISTS.rdsOffsite, nowMs),
      ];
    case "dcs":
      return [instanceList(dataset, instance, LISTS.dcsBackups, nowMs)];
  }
}

function truthBackup(dataset: Dataset, backup: Backup, nowMs: number): TruthBackup {
  const { instance, type } = backup;
  const state = stateAt(backup, nowMs);
  const raw = state.status;
  const taurusIncremental = type === "Log" || type === "OffSiteLog";
  const onlyPerInstance = instance.service === "taurusdb" && raw === "DELETING";
  const kind: BackupKind =
    taurusIncremental || type === "incremental"
      ? "incremental"
      : type === "fragment" || type === "differential"
        ? "differential"
        : "full";
  const listedType = listedTypeOf(backup);
  let trigger: BackupTrigger | null = listedType === "auto" || listedType === "manual" ? listedType : null;
  if (kind === "incremental") trigger = "auto";
  if (onlyPerInstance) trigger = null;
  const endKnown = !onlyPerInstance && (instance.service !== "dcs" || raw === "succeed" || raw === "failed");
  // An RDS cross-region copy is listed by the project it is stored in.
  const copy = backup.series === Series.offsiteDaily || backup.series === Series.offsiteLogCopy;
  const storedIn = instance.service === "rds" && copy ? instance.offsiteTo : null;
  const operations =
    instance.service === "taurusdb"
      ? taurusIncremental
        ? ["ShowGaussMySqlIncrementalBackupList"]
        : onlyPerInstance
          ? ["ShowInstanceBackups"]
          : ["ShowGaussMySqlBackupList", "ShowInstanceBackups"]
      : instance.service === "rds"
        ? [storedIn ? "ListOffSiteBackups" : "ListBackups"]
        : ["ListBackupRecords"];
  return {
    service: instance.service,
    region: (storedIn ?? instance.project).region,
    projectId: (storedIn ?? instance.project).projectId,
    instanceId: instance.id,
    instanceName: instance.name,
    engine: instance.engine,
    engineVersion: instance.engineVersion,
    id: backupId(dataset, backup.handle),
    name: backupName(dataset, backup),
    kind,
    trigger,
    offsite: type === "OffSiteLog" || storedIn !== null,
    rawStatus: taurusIncremental ? null : raw,
    status: NORMALISED[raw],
    sizeBytes: state.sizeBytes,
    startedAt: new Date(backup.start).toISOString(),
    endedAt: state.end !== undefined && endKnown ? new Date(state.end).toISOString() : null,
    operations,
    optionalFields: optionalFieldsOfBackup(backup.handle),
  };
}

export function truthOf(dataset: Dataset, nowMs: number): Truth {
  const backups: TruthBackup[] = [];
  const instances = dataset.instances.map((instance): TruthInstance => {
    let count = 0;
    for (const list of listsOf(dataset, instance, nowMs))
      for (let position = 0; position < list.length; position++) {
        const backup = backupOf(dataset, list.handleAt(position));
        if (!backup) throw new Error(`a listed backup of ${instance.id} does not exist`);
        backups.push(truthBackup(dataset, backup, nowMs));
        count++;
      }
    return {
      service: instance.service,
      region: instance.project.region,
      projectId: instance.project.projectId,
      id: instance.id,
      name: instance.name,
      engine: instance.engine,
      engineVersion: instance.engineVersion,
      status:
        instance.service === "taurusdb" && optionalFieldsOf(instance.index) !== "present" ? null : instance.status,
      backups: count,
      flexus: instance.service === "rds" && instance.flexus,
      offsiteTo: instance.service === "rds" ? (instance.offsiteTo?.projectId ?? null) : null,
    };
  });
  return { instances, backups };
}

export interface BackupCounts {
  instances: number;
  backups: number;
  byService: Record<Service, { instances: number; backups: number }>;
}

/** How many instances and backups the APIs list at an instant, from the lists' lengths alone. */
export function countBackups(dataset: Dataset, nowMs: number): BackupCounts {
  const byService: BackupCounts["byService"] = {
    taurusdb: { instances: 0, backups: 0 },
    rds: { instances: 0, backups: 0 },
    dcs: { instances: 0, backups: 0 },
  };
  let backups = 0;
  for (const instance of dataset.instances) {
    const count = listsOf(dataset, instance, nowMs).reduce((sum, list) => sum + list.length, 0);
    byService[instance.service].instances++;
    byService[instance.service].backups += count;
    backups += count;
  }
  return { instances: dataset.instances.length, backups, byService };
}
