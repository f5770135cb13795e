import "server-only";
import type { ProjectRef } from "../config";
import type { BackupKind, BackupStatus, BackupTrigger, Engine, Service } from "../inventory/model";
import { hash32, hashString, hex32, hexDigits, permute32, Rng, seedNumber, unpermute32, uuidFrom } from "./random";
import { formatCompact } from "./time";

/**
 * The simulated cloud's data: instances of the three services and their backups, generated deterministically
 * from a seed and an anchor time. Backups are stored column-wise in typed arrays (about 30 bytes each), grouped
 * per instance and sorted newest first, so that the APIs page through index ranges without copying lists.
 */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

export const RAW_STATUSES = [
  "COMPLETED",
  "AVAILABLE",
  "FAILED",
  "BUILDING",
  "DELETING",
  "waiting",
  "backuping",
  "succeed",
  "failed",
  "expired",
  "deleted",
] as const;
export type RawStatus = (typeof RAW_STATUSES)[number];

/** The type column: what produced the record (`differential`: a TaurusDB automated differential backup). */
export const BACKUP_TYPES = ["auto", "manual", "fragment", "incremental", "Log", "OffSiteLog", "differential"] as const;
export type BackupType = (typeof BACKUP_TYPES)[number];

export const OPERATIONS = {
  taurusdb: [
    "ListGaussMySqlInstances",
    "ShowGaussMySqlBackupList",
    "ShowInstanceBackups",
    "ShowGaussMySqlIncrementalBackupList",
  ],
  rds: ["ListInstances", "ListBackups", "ListOffSiteInstances", "ListOffSiteBackups"],
  dcs: ["ListInstances", "ListBackupRecords"],
} as const satisfies Record<Service, readonly string[]>;

export interface SimProject extends ProjectRef {
  /** Minutes east of UTC of the times the APIs print for this region. */
  offsetMinutes: number;
  azs: string[];
}

interface InstanceCommon {
  index: number;
  project: SimProject;
  id: string;
  name: string;
  status: string;
  engine: Engine;
  engineVersion: string;
  createdMs: number;
  /**
   * Backup records: [backupStart, backupSplit) those of the instance's own backup list (every record for DCS; for
   * TaurusDB its full and differential backups), [backupSplit, backupEnd) those listed apart: TaurusDB's
   * incremental backups, RDS's cross-region copies.
   */
  backupStart: number;
  backupSplit: number;
  backupEnd: number;
  keepDays: number;
  /** `hh:mm-hh:mm` UTC. */
  backupWindow: string;
  /** Milliseconds since UTC midnight of the daily automated backup. */
  dailyOffsetMs: number;
}

export interface TaurusInstance extends InstanceCommon {
  service: "taurusdb";
  kernelVersion: string;
  nodeCount: number;
  vcpus: number;
  ramGb: number;
  storageGb: number;
  backupMethod: "Db" | "Snapshot";
  offsite: boolean;
  /** Automated backups are differential except on one day a week (`backup_mode` of the per-instance list). */
  differentialPolicy: boolean;
}

export type RdsDatastore = "MySQL" | "PostgreSQL" | "SQLServer" | "MariaDB";

export interface RdsInstance extends InstanceCommon {
  service: "rds";
  datastore: RdsDatastore;
  completeVersion: string;
  haMode: "Single" | "Ha";
  vcpus: number;
  ramGb: number;
  storageGb: number;
  port: number;
  databases: string[];
  associatedWithDdm: boolean;
  /** A Flexus RDS instance: ListInstances lists it only with `group_type=flexus`. */
  flexus: boolean;
  /** Where its cross-region backups are copied (another project of the dataset), or null. */
  offsiteTo: SimProject | null;
  /** Its incremental backups are copied too, not only the automated full ones. */
  offsiteLogs: boolean;
}

export interface DcsInstance extends InstanceCommon {
  service: "dcs";
  engineName: "Redis" | "Memcached";
  cacheMode: "single" | "ha" | "cluster" | "proxy";
  capacityGb: number;
  usedMemoryMb: number;
  backupFormat: "aof" | "rdb";
  port: number;
  ip: string;
}

export type SimInstance = TaurusInstance | RdsInstance | DcsInstance;

export interface BackupColumns {
  count: number;
  instance: Uint32Array;
  /** Start, ms since epoch. */
  start: Float64Array;
  /** ms; NaN while running. */
  duration: Float64Array;
  sizeBytes: Float64Array;
  type: Uint8Array;
  status: Uint8Array;
}

export interface Dataset {
  seed: number;
  anchorMs: number;
  windowStartMs: number;
  days: number;
  projects: SimProject[];
  instances: SimInstance[];
  backups: BackupColumns;
  /** Per `service|projectId`, newest instance first. */
  instancesOf: Map<string, SimInstance[]>;
  instanceById: Map<string, SimInstance>;
  /** Per project, TaurusDB full backups listed by the project-wide API (all but DELETING), newest first. */
  taurusProjectFull: Map<string, Int32Array>;
}

export interface DatasetOptions {
  seed: string | number;
  instances: number;
  days: number;
  anchor: Date;
  projects?: ProjectRef[];
}

const KNOWN_REGIONS: Record<string, { offsetMinutes: number; azs: string[]; weight: number }> = {
  "cn-north-4": { offsetMinutes: 480, azs: ["cn-north-4a", "cn-north-4b", "cn-north-4c", "cn-north-4g"], weight: 40 },
  "cn-east-3": { offsetMinutes: 480, azs: ["cn-east-3a", "cn-east-3b", "cn-east-3c"], weight: 25 },
  "ap-southeast-1": { offsetMinutes: 480, azs: ["ap-southeast-1a", "ap-southeast-1b"], weight: 20 },
  "la-north-2": { offsetMinutes: -360, azs: ["la-north-2a", "la-north-2c"], weight: 15 },
};
const DEFAULT_REGIONS = Object.keys(KNOWN_REGIONS);

export function projectKey(service: Service, projectId: string): string {
  return `${service}|${projectId}`;
}

function buildProjects(seed: number, refs: ProjectRef[] | undefined): SimProject[] {
  const list = refs ?? DEFAULT_REGIONS.map((region) => ({ region, projectId: "" }));
  return list.map(({ region, projectId }) => {
    const known = KNOWN_REGIONS[region];
    return {
      region,
      projectId: projectId || hexDigits(hash32(seed, hashString(region)), 0x70, 32),
      offsetMinutes: known?.offsetMinutes ?? 480,
      azs: known?.azs ?? [`${region}a`, `${region}b`],
    };
  });
}

/** Roles that guarantee every status and edge case appears, by an instance's ordinal within its service. */
const SCENARIOS = [
  "noBackups",
  "runningNow",
  "recentFailures",
  "removals",
  "young",
  "special",
  "normal",
  "frozen",
  "normal",
  "normal",
  "normal",
  "normal",
] as const;
type Scenario = (typeof SCENARIOS)[number];

/** Per 20 instances: 6 TaurusDB, 9 RDS, 5 DCS. */
const SERVICE_PATTERN: Service[] = [
  "taurusdb",
  "rds",
  "dcs",
  "rds",
  "taurusdb",
  "rds",
  "dcs",
  "rds",
  "taurusdb",
  "rds",
  "taurusdb",
  "rds",
  "dcs",
  "rds",
  "taurusdb",
  "rds",
  "dcs",
  "taurusdb",
  "rds",
  "dcs",
];
/** Per 20 RDS instances: 10 MySQL, 6 PostgreSQL, 2 SQL Server, 2 MariaDB. */
const RDS_PATTERN: RdsDatastore[] = [
  "MySQL",
  "PostgreSQL",
  "MySQL",
  "SQLServer",
  "MySQL",
  "PostgreSQL",
  "MySQL",
  "MariaDB",
  "MySQL",
  "PostgreSQL",
  "MySQL",
  "PostgreSQL",
  "MySQL",
  "SQLServer",
  "MySQL",
  "PostgreSQL",
  "MySQL",
  "MariaDB",
  "MySQL",
  "PostgreSQL",
];

const APPS = [
  "orders",
  "billing",
  "catalog",
  "payments",
  "inventory",
  "users",
  "search",
  "analytics",
  "auth",
  "notifications",
  "reports",
  "shipping",
  "crm",
  "ledger",
  "checkout",
  "pricing",
];
const ENVIRONMENTS = [
  ["prod", 50],
  ["staging", 25],
  ["dev", 15],
  ["test", 10],
] as const;
const MANUAL_PURPOSES = ["before-release", "pre-upgrade", "pre-migration", "archive", "before-schema-change"];
export const MANUAL_DESCRIPTIONS: Record<string, string> = {
  "before-release": "Before release",
  "pre-upgrade": "Before engine upgrade",
  "pre-migration": "Before data migration",
  archive: "Monthly archive copy",
  "before-schema-change": "Before schema change",
};
const SQLSERVER_DATABASES = ["orders", "billing", "reporting", "crm", "hr", "audit", "inventory"];

/** Growable typed columns. */
class ColumnBuilder {
  private capacity: number;
  private columns: BackupColumns;

  constructor(capacity: number) {
    this.capacity = Math.max(1024, capacity);
    this.columns = ColumnBuilder.allocate(this.capacity, 0);
  }

  private static allocate(capacity: number, count: number): BackupColumns {
    return {
      count,
      instance: new Uint32Array(capacity),
      start: new Float64Array(capacity),
      duration: new Float64Array(capacity),
      sizeBytes: new Float64Array(capacity),
      type: new Uint8Array(capacity),
      status: new Uint8Array(capacity),
    };
  }

  get count(): number {
    return this.columns.count;
  }

  push(instance: number, draft: Draft): void {
    if (this.columns.count === this.capacity) {
      this.capacity *= 2;
      const next = ColumnBuilder.allocate(this.capacity, this.columns.count);
      next.instance.set(this.columns.instance);
      next.start.set(this.columns.start);
      next.duration.set(this.columns.duration);
      next.sizeBytes.set(this.columns.sizeBytes);
      next.type.set(this.columns.type);
      next.status.set(this.columns.status);
      this.columns = next;
    }
    const c = this.columns;
    const i = c.count++;
    c.instance[i] = instance;
    c.start[i] = draft.start;
    c.duration[i] = draft.duration;
    c.sizeBytes[i] = draft.sizeBytes;
    c.type[i] = BACKUP_TYPES.indexOf(draft.type);
    c.status[i] = RAW_STATUSES.indexOf(draft.status);
  }

  finish(): BackupColumns {
    const c = this.columns;
    const n = c.count;
    return {
      count: n,
      instance: c.instance.slice(0, n),
      start: c.start.slice(0, n),
      duration: c.duration.slice(0, n),
      sizeBytes: c.sizeBytes.slice(0, n),
      type: c.type.slice(0, n),
      status: c.status.slice(0, n),
    };
  }
}

interface Draft {
  type: BackupType;
  start: number;
  duration: number;
  sizeBytes: number;
  status: RawStatus;
}

const byNewest = (a: Draft, b: Draft) => b.start - a.start;

interface Schedule {
  anchor: number;
  windowStart: number;
  days: number;
}

/** Starts of the daily automated backup within the window. */
function dailyStarts(schedule: Schedule, instance: InstanceCommon, rng: Rng): number[] {
  const starts: number[] = [];
  const from = Math.max(schedule.windowStart, instance.createdMs);
  for (let day = Math.floor(schedule.windowStart / DAY_MS); day * DAY_MS <= schedule.anchor; day++) {
    const start = day * DAY_MS + instance.dailyOffsetMs + rng.int(0, 59) * 1000;
    if (start >= from && start <= schedule.anchor) starts.push(start);
  }
  return starts;
}

/** Starts of a backup repeated every `interval` from a phase, covering whole intervals that ended by the anchor. */
function periodicStarts(schedule: Schedule, createdMs: number, interval: number, phase: number): number[] {
  const starts: number[] = [];
  const from = Math.max(schedule.windowStart, createdMs);
  for (let start = Math.ceil((from - phase) / interval) * interval + phase; start + interval <= schedule.anchor; ) {
    starts.push(start);
    start += interval;
  }
  return starts;
}

/** Manual backups: a few per instance over the window, in office hours of the region. */
function manualStarts(schedule: Schedule, instance: InstanceCommon, rng: Rng, perDay: number): number[] {
  const starts: number[] = [];
  const from = Math.max(schedule.windowStart, instance.createdMs);
  for (let day = Math.floor(schedule.windowStart / DAY_MS); day * DAY_MS <= schedule.anchor; day++) {
    if (!rng.chance(perDay)) continue;
    const localHour = rng.int(9, 18);
    const start =
      day * DAY_MS + (localHour * 60 - instance.project.offsetMinutes) * MINUTE_MS + rng.int(0, 3599) * 1000;
    if (start >= from && start <= schedule.anchor) starts.push(start);
  }
  return starts;
}

/** One moment in the window (after creation) for a backup that is being removed. */
function removalStart(schedule: Schedule, instance: InstanceCommon, rng: Rng): number {
  const from = Math.max(schedule.windowStart, instance.createdMs);
  return Math.floor((from + (schedule.anchor - from) * (0.2 + 0.5 * rng.next())) / 1000) * 1000;
}

/** Marks a draft running when it would end after the anchor. */
function settle(draft: Draft, anchor: number, running: RawStatus): Draft {
  if (draft.start + draft.duration > anchor) return { ...draft, status: running, duration: Number.NaN, sizeBytes: 0 };
  return draft;
}

function fullStatus(
  schedule: Schedule,
  scenario: Scenario,
  start: number,
  rng: Rng,
  success: RawStatus,
  failed: RawStatus,
): RawStatus {
  if (scenario === "recentFailures" && start > schedule.anchor - 2 * DAY_MS) return failed;
  return rng.chance(0.02) ? failed : success;
}

function taurusBackups(schedule: Schedule, instance: TaurusInstance, scenario: Scenario, rng: Rng) {
  const baseMb = rng.pick([2048, 5120, 10240, 20480, 51200, 102400, 204800]);
  const growthMb = rng.int(0, 64);
  const sizeMbAt = (start: number) => baseMb + growthMb * Math.floor((start - schedule.windowStart) / DAY_MS);
  const fullDuration = (sizeMb: number) => (120 + Math.round((sizeMb / 1024) * 25) + rng.int(0, 60)) * 1000;
  const full: Draft[] = [];
  const add = (type: BackupType, start: number, status: RawStatus) => {
    // A differential backup holds the changes since the last full one: a few percent of the data.
    const day = Math.floor(start / DAY_MS);
    const sizeMb =
      type === "differential"
        ? Math.max(64, Math.round((sizeMbAt(start) * (5 + (hash32(instance.index, day) % 16))) / 100))
        : sizeMbAt(start);
    let duration = fullDuration(sizeMb);
    if (scenario === "runningNow") duration = Math.max(duration, 45 * MINUTE_MS);
    const failed = status === "FAILED";
    const draft: Draft = {
      type,
      start,
      duration: failed ? rng.int(30, 600) * 1000 : duration,
      sizeBytes: failed ? 0 : sizeMb * 1024 * 1024,
      status,
    };
    full.push(status === "DELETING" ? draft : settle(draft, schedule.anchor, "BUILDING"));
  };
  for (const start of dailyStarts(schedule, instance, rng)) {
    const status = fullStatus(schedule, scenario, start, rng, rng.chance(0.1) ? "AVAILABLE" : "COMPLETED", "FAILED");
    const weeklyFull = (Math.floor(start / DAY_MS) + instance.index) % 7 === 0;
    add(instance.differentialPolicy && !weeklyFull ? "differential" : "auto", start, status);
  }
  for (const start of manualStarts(schedule, instance, rng, 0.05))
    add("manual", start, rng.chance(0.03) ? "FAILED" : "COMPLETED");
  if (scenario === "removals") add("manual", removalStart(schedule, instance, rng), "DELETING");

  const incremental: Draft[] = [];
  const logPhase = rng.int(0, 119) * MINUTE_MS;
  for (const start of periodicStarts(schedule, instance.createdMs, 2 * HOUR_MS, logPhase))
    incremental.push({
      type: "Log",
      start,
      duration: 2 * HOUR_MS - rng.int(1, 120) * 1000,
      sizeBytes: rng.int(512, 4_000_000) * 128,
      status: "COMPLETED",
    });
  if (instance.offsite)
    for (const start of periodicStarts(schedule, instance.createdMs, 12 * HOUR_MS, logPhase))
      incremental.push({
        type: "OffSiteLog",
        start,
        duration: 12 * HOUR_MS - rng.int(1, 300) * 1000,
        sizeBytes: rng.int(8192, 16_000_000) * 128,
        status: "COMPLETED",
      });
  return { full: full.sort(byNewest), incremental: incremental.sort(byNewest) };
}

function rdsBackups(schedule: Schedule, instance: RdsInstance, scenario: Scenario, rng: Rng): Draft[] {
  const baseGb = rng.pick([5, 10, 20, 50, 100, 200, 500]);
  const growthMb = rng.int(0, 256);
  const sizeKbAt = (start: number) =>
    (baseGb * 1024 + growthMb * Math.floor((start - schedule.windowStart) / DAY_MS)) * 1024;
  const drafts: Draft[] = [];
  const addFull = (type: BackupType, start: number, status: RawStatus) => {
    const sizeKb = sizeKbAt(start);
    let duration = (60 + Math.round((sizeKb / 1048576) * 20) + rng.int(0, 60)) * 1000;
    if (scenario === "runningNow") duration = Math.max(duration, 45 * MINUTE_MS);
    const failed = status === "FAILED";
    const draft: Draft = {
      type,
      start,
      duration: failed ? rng.int(30, 600) * 1000 : duration,
      sizeBytes: failed ? 0 : sizeKb * 1024,
      status,
    };
    drafts.push(status === "DELETING" ? draft : settle(draft, schedule.anchor, "BUILDING"));
  };
  const daily = dailyStarts(schedule, instance, rng);
  for (const start of daily) addFull("auto", start, fullStatus(schedule, scenario, start, rng, "COMPLETED", "FAILED"));
  for (const start of manualStarts(schedule, instance, rng, 0.05))
    addFull("manual", start, rng.chance(0.03) ? "FAILED" : "COMPLETED");
  if (scenario === "removals") addFull("manual", removalStart(schedule, instance, rng), "DELETING");
  if (instance.datastore === "SQLServer")
    for (const day of daily)
      for (const hours of [6, 12, 18]) {
        const start = day + hours * HOUR_MS;
        if (start > schedule.anchor) continue;
        const failed = rng.chance(0.02);
        const draft: Draft = {
          type: "fragment",
          start,
          duration: rng.int(60, 600) * 1000,
          sizeBytes: failed ? 0 : Math.round((sizeKbAt(start) * rng.int(5, 20)) / 100) * 1024,
          status: failed ? "FAILED" : "COMPLETED",
        };
        drafts.push(settle(draft, schedule.anchor, "BUILDING"));
      }
  for (const start of periodicStarts(schedule, instance.createdMs, 2 * HOUR_MS, rng.int(0, 119) * MINUTE_MS)) {
    const failed = rng.chance(0.01);
    drafts.push({
      type: "incremental",
      start,
      duration: 2 * HOUR_MS - rng.int(1, 120) * 1000,
      sizeBytes: failed ? 0 : rng.int(16, 1_048_576) * 1024,
      status: failed ? "FAILED" : "COMPLETED",
    });
  }
  return drafts.sort(byNewest);
}

/** The project after `project` in the dataset's list: where an instance's cross-region backups are stored. */
function otherProject(projects: SimProject[], project: SimProject): SimProject {
  return projects[(projects.indexOf(project) + 1) % projects.length];
}

/**
 * The cross-region copies of an RDS instance's backups: each completed automated full backup (and, with
 * `logs`, each completed incremental one), with the original's times and size, newest first.
 */
function offsiteCopies(own: readonly Draft[], logs: boolean): Draft[] {
  return own.filter(
    (draft) => draft.status === "COMPLETED" && (draft.type === "auto" || (logs && draft.type === "incremental")),
  );
}

function dcsBackups(schedule: Schedule, instance: DcsInstance, scenario: Scenario, rng: Rng): Draft[] {
  if (instance.engineName !== "Redis" || instance.cacheMode === "single") return [];
  const drafts: Draft[] = [];
  const usedBytes = instance.usedMemoryMb * 1024 * 1024;
  const backup = (type: BackupType, start: number, status: RawStatus): Draft => {
    const failed = status === "failed";
    let duration = rng.int(5, 240) * 1000 + rng.int(0, 999);
    if (scenario === "runningNow") duration = Math.max(duration, 45 * MINUTE_MS);
    return {
      type,
      start,
      duration: failed ? rng.int(5, 60) * 1000 + rng.int(0, 999) : duration,
      sizeBytes: failed ? 0 : Math.round(usedBytes * (0.9 + 0.2 * rng.next())),
      status,
    };
  };
  for (const start of dailyStarts(schedule, instance, rng)) {
    const at = start + rng.int(0, 999);
    let status = fullStatus(schedule, scenario, at, rng, "succeed", "failed");
    if (status === "succeed" && at < schedule.anchor - instance.keepDays * DAY_MS) status = "expired";
    drafts.push(settle(backup("auto", at, status), schedule.anchor, "backuping"));
  }
  for (const start of manualStarts(schedule, instance, rng, 0.04))
    drafts.push(
      settle(
        backup("manual", start + rng.int(0, 999), rng.chance(0.03) ? "failed" : "succeed"),
        schedule.anchor,
        "backuping",
      ),
    );
  if (scenario === "removals")
    drafts.push(backup("manual", removalStart(schedule, instance, rng) + rng.int(0, 999), "deleted"));
  if (scenario === "runningNow")
    drafts.push({
      type: "manual",
      start: schedule.anchor - rng.int(5, 40) * 1000 - rng.int(0, 999),
      duration: Number.NaN,
      sizeBytes: 0,
      status: "waiting",
    });
  return drafts.sort(byNewest);
}

interface NameCounter {
  next(project: SimProject, base: string): string;
}

function nameCounter(): NameCounter {
  const used = new Map<string, number>();
  return {
    next(project, base) {
      const key = `${project.projectId}|${base}`;
      const n = (used.get(key) ?? 0) + 1;
      used.set(key, n);
      return `${base}-${String(n).padStart(2, "0")}`;
    },
  };
}

function instanceBasics(
  index: number,
  project: SimProject,
  scenario: Scenario,
  schedule: Schedule,
  rng: Rng,
): Omit<InstanceCommon, "id" | "name" | "status" | "engine" | "engineVersion"> {
  let createdMs: number;
  if (scenario === "noBackups") createdMs = schedule.anchor - rng.int(3, 25) * MINUTE_MS;
  else if (scenario === "young")
    createdMs = schedule.windowStart + (schedule.anchor - schedule.windowStart) * (0.3 + 0.5 * rng.next());
  else createdMs = schedule.anchor - rng.int(60, 900) * DAY_MS - rng.int(0, DAY_MS / 1000) * 1000;
  createdMs = Math.floor(createdMs / 1000) * 1000;
  const windowHour = rng.int(0, 23);
  let dailyOffsetMs = windowHour * HOUR_MS + rng.int(0, 50) * MINUTE_MS;
  // The last automated backup of these instances started minutes before the anchor and is still running.
  if (scenario === "runningNow")
    dailyOffsetMs = (((schedule.anchor - rng.int(4, 18) * MINUTE_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  const hour = Math.floor(dailyOffsetMs / HOUR_MS);
  const pad = (h: number) => String(h % 24).padStart(2, "0");
  return {
    index,
    project,
    createdMs,
    backupStart: 0,
    backupSplit: 0,
    backupEnd: 0,
    keepDays: schedule.days,
    backupWindow: `${pad(hour)}:00-${pad(hour + 1)}:00`,
    dailyOffsetMs,
  };
}

function statusFor(scenario: Scenario, building: string, running: string, frozen: string, active: string): string {
  if (scenario === "noBackups") return building;
  if (scenario === "runningNow") return running;
  if (scenario === "frozen") return frozen;
  return active;
}

export function generateDataset(options: DatasetOptions): Dataset {
  const seed = seedNumber(options.seed);
  const anchor = Math.floor(options.anchor.getTime() / 1000) * 1000;
  const schedule: Schedule = { anchor, windowStart: anchor - options.days * DAY_MS, days: options.days };
  const projects = buildProjects(seed, options.projects);
  const names = nameCounter();
  const ordinals: Record<Service, number> = { taurusdb: 0, rds: 0, dcs: 0 };
  const columns = new ColumnBuilder(options.instances * options.days * 12);
  const instances: SimInstance[] = [];

  for (let index = 0; index < options.instances; index++) {
    const rng = new Rng(hash32(seed, index, 0x11));
    const service = SERVICE_PATTERN[index % SERVICE_PATTERN.length];
    const ordinal = ordinals[service]++;
    const scenario = SCENARIOS[ordinal % SCENARIOS.length];
    const project = rng.weighted(projects.map((p) => [p, KNOWN_REGIONS[p.region]?.weight ?? 20] as const));
    const base = instanceBasics(index, project, scenario, schedule, rng);
    const app = rng.pick(APPS);
    const env = rng.weighted(ENVIRONMENTS);
    const idHex = hexDigits(hash32(seed, index), 0x1d, 32);
    let instance: SimInstance;
    let drafts: { full: Draft[]; incremental: Draft[] };

    if (service === "taurusdb") {
      const vcpus = rng.pick([2, 4, 8, 16, 32]);
      const taurus: TaurusInstance = {
        ...base,
        service,
        id: `${idHex}in07`,
        name: names.next(project, `${app}-db-${env}`),
        status: statusFor(scenario, "BUILD", "BACKING UP", "FROZEN", "ACTIVE"),
        engine: "gaussdb-mysql",
        engineVersion: "8.0",
        kernelVersion: rng.pick(["2.0.51.240300", "2.0.54.240600", "2.0.57.240900"]),
        nodeCount: rng.int(2, 3),
        vcpus,
        ramGb: vcpus * rng.pick([4, 8]),
        storageGb: 0,
        backupMethod: rng.chance(0.2) ? "Snapshot" : "Db",
        offsite: scenario === "special" || rng.chance(0.1),
        // Decided by a hash, not the generator, so that every other value of the dataset stays as it was.
        differentialPolicy: scenario === "special" || hash32(seed, index, 0xd1) % 3 === 0,
      };
      drafts = taurusBackups(schedule, taurus, scenario, rng);
      const largestGb = drafts.full.reduce((max, draft) => Math.max(max, draft.sizeBytes), 0) / 2 ** 30;
      taurus.storageGb = Math.max(10, Math.ceil((largestGb * 1.5) / 10) * 10);
      instance = taurus;
    } else if (service === "rds") {
      const datastore = RDS_PATTERN[ordinal % RDS_PATTERN.length];
      const versions: Record<RdsDatastore, string[]> = {
        MySQL: ["8.0", "5.7"],
        PostgreSQL: ["16", "15", "14", "13"],
        SQLServer: ["2022_SE", "2019_EE", "2017_WEB"],
        MariaDB: ["10.5"],
      };
      const roles: Record<RdsDatastore, string> = {
        MySQL: "mysql",
        PostgreSQL: "pg",
        SQLServer: "mssql",
        MariaDB: "mariadb",
      };
      const version = rng.pick(versions[datastore]);
      const vcpus = rng.pick([2, 4, 8, 16]);
      const rds: RdsInstance = {
        ...base,
        service,
        id: `${idHex}${datastore === "PostgreSQL" ? "in03" : datastore === "SQLServer" ? "in04" : "in01"}`,
        name: names.next(project, `${app}-${roles[datastore]}-${env}`),
        status: statusFor(scenario, "BUILD", "BACKING UP", "FROZEN", "ACTIVE"),
        engine: datastore.toLowerCase() as Engine,
        engineVersion: version,
        datastore,
        completeVersion:
          datastore === "SQLServer" ? `${version}.${rng.int(1, 9)}` : `${version}.${rng.int(1, 40)}.${rng.int(1, 9)}`,
        haMode: rng.chance(0.6) ? "Ha" : "Single",
        vcpus,
        ramGb: vcpus * rng.pick([2, 4, 8]),
        storageGb: rng.pick([40, 100, 200, 500, 1000]),
        port: datastore === "PostgreSQL" ? 5432 : datastore === "SQLServer" ? 1433 : 3306,
        databases:
          datastore === "SQLServer"
            ? SQLSERVER_DATABASES.filter((_, i) => hash32(seed, index, i) % 3 === 0).slice(0, 4)
            : [],
        associatedWithDdm: datastore === "MySQL" && (scenario === "special" || rng.chance(0.05)),
        // Decided by hashes and the scenario, not the generator, so that every other value stays as it was.
        flexus: datastore === "MySQL" && hash32(seed, index, 0xf1) % 4 === 0,
        offsiteTo: scenario === "special" && projects.length > 1 ? otherProject(projects, project) : null,
        offsiteLogs: datastore !== "SQLServer" && hash32(seed, index, 0x0f) % 2 === 0,
      };
      if (rds.databases.length === 0 && datastore === "SQLServer") rds.databases = [app];
      const own = rdsBackups(schedule, rds, scenario, rng);
      drafts = { full: own, incremental: rds.offsiteTo ? offsiteCopies(own, rds.offsiteLogs) : [] };
      instance = rds;
    } else {
      const memcached = ordinal % 7 === 6 && (scenario === "normal" || scenario === "frozen");
      const capacityGb = rng.pick([1, 2, 4, 8, 16, 32, 64]);
      const cacheMode = scenario === "noBackups" ? "single" : rng.pick(["ha", "ha", "cluster", "proxy"] as const);
      const dcs: DcsInstance = {
        ...base,
        service,
        id: uuidFrom(hex32(hash32(seed, index, 0x5c)), hash32(seed, index), 0x5d),
        name: names.next(project, `${app}-${memcached ? "memcache" : rng.pick(["redis", "cache", "session"])}-${env}`),
        status: statusFor(scenario, "RUNNING", "RUNNING", "FROZEN", "RUNNING"),
        engine: memcached ? "memcached" : "redis",
        engineVersion: memcached ? "1.5" : rng.pick(["7.0", "6.0", "5.0", "4.0"]),
        engineName: memcached ? "Memcached" : "Redis",
        cacheMode: memcached ? "ha" : cacheMode,
        capacityGb,
        usedMemoryMb: Math.round(capacityGb * 1024 * (0.05 + 0.6 * rng.next())),
        backupFormat: rng.chance(0.25) ? "aof" : "rdb",
        port: memcached ? 11211 : 6379,
        ip: `192.168.${rng.int(0, 15)}.${rng.int(2, 250)}`,
        keepDays:
          scenario === "removals"
            ? Math.min(3, options.days)
            : rng.chance(0.3)
              ? Math.max(1, options.days - 2)
              : options.days,
      };
      drafts = { full: dcsBackups(schedule, dcs, scenario, rng), incremental: [] };
      instance = dcs;
    }

    instance.backupStart = columns.count;
    for (const draft of drafts.full) columns.push(index, draft);
    instance.backupSplit = columns.count;
    for (const draft of drafts.incremental) columns.push(index, draft);
    instance.backupEnd = columns.count;
    instances.push(instance);
  }

  const backups = columns.finish();
  const instancesOf = new Map<string, SimInstance[]>();
  const instanceById = new Map<string, SimInstance>();
  for (const instance of instances) {
    const key = projectKey(instance.service, instance.project.projectId);
    const list = instancesOf.get(key) ?? [];
    list.push(instance);
    instancesOf.set(key, list);
    instanceById.set(instance.id, instance);
  }
  for (const list of instancesOf.values()) list.sort((a, b) => b.createdMs - a.createdMs || a.index - b.index);

  const deleting = RAW_STATUSES.indexOf("DELETING");
  const taurusProjectFull = new Map<string, Int32Array>();
  for (const project of projects) {
    const indices: number[] = [];
    for (const instance of instancesOf.get(projectKey("taurusdb", project.projectId)) ?? [])
      for (let i = instance.backupStart; i < instance.backupSplit; i++)
        if (backups.status[i] !== deleting) indices.push(i);
    indices.sort((a, b) => backups.start[b] - backups.start[a] || a - b);
    taurusProjectFull.set(project.projectId, Int32Array.from(indices));
  }

  return {
    seed,
    anchorMs: anchor,
    windowStartMs: schedule.windowStart,
    days: options.days,
    projects,
    instances,
    backups,
    instancesOf,
    instanceById,
    taurusProjectFull,
  };
}

// ---- Reading records ----

/**
 * How a record sends its optional fields: real answers carry JSON null and leave optional fields out, so every
 * third record (by its position in the dataset: a backup's index, an instance's) does, null and absent by turns.
 */
export type OptionalFields = "present" | "null" | "absent";

export function optionalFieldsOf(position: number): OptionalFields {
  if (position % 3 !== 2) return "present";
  return Math.floor(position / 3) % 2 === 0 ? "null" : "absent";
}

/** The network a project's instances live in. */
export function networkIds(dataset: Dataset, projectId: string) {
  const key = hash32(dataset.seed, hashString(projectId));
  return {
    vpc_id: uuidFrom(hex32(hash32(key, 1)), key, 1),
    subnet_id: uuidFrom(hex32(hash32(key, 2)), key, 2),
    security_group_id: uuidFrom(hex32(hash32(key, 3)), key, 3),
  };
}

export function instanceOf(dataset: Dataset, index: number): SimInstance {
  return dataset.instances[dataset.backups.instance[index]];
}

export function rawStatusOf(dataset: Dataset, index: number): RawStatus {
  return RAW_STATUSES[dataset.backups.status[index]];
}

export function typeOf(dataset: Dataset, index: number): BackupType {
  return BACKUP_TYPES[dataset.backups.type[index]];
}

/** The `type` the TaurusDB full-backup list and RDS ListBackups give: a differential TaurusDB backup is `auto`. */
export function listedTypeOf(dataset: Dataset, index: number): BackupType {
  const type = typeOf(dataset, index);
  return type === "differential" ? "auto" : type;
}

/** End of the backup, ms; undefined while running. */
export function endOf(dataset: Dataset, index: number): number | undefined {
  const duration = dataset.backups.duration[index];
  return Number.isNaN(duration) ? undefined : dataset.backups.start[index] + duration;
}

const ID_KEY_SALT = 0x1b;
const ID_TAIL_SALT = 0xb4;

/** Backup IDs encode their record: the first 8 hex digits are a keyed permutation of the index. */
export function backupId(dataset: Dataset, index: number): string {
  const head = hex32(permute32(index, hash32(dataset.seed, ID_KEY_SALT)));
  const instance = instanceOf(dataset, index);
  if (instance.service === "dcs") return uuidFrom(head, hash32(dataset.seed, index), ID_TAIL_SALT);
  return `${head}${hexDigits(hash32(dataset.seed, index), ID_TAIL_SALT, 24)}${instance.service === "taurusdb" ? "br07" : "br01"}`;
}

export function findBackup(dataset: Dataset, id: string): number | undefined {
  if (!/^[0-9a-f]{8}/.test(id)) return undefined;
  const index = unpermute32(Number.parseInt(id.slice(0, 8), 16), hash32(dataset.seed, ID_KEY_SALT));
  return index < dataset.backups.count && backupId(dataset, index) === id ? index : undefined;
}

/** Position of a periodic backup since its instance was created (binlog file numbers and the like). */
function sequenceOf(dataset: Dataset, index: number, interval: number): number {
  return Math.floor((dataset.backups.start[index] - instanceOf(dataset, index).createdMs) / interval) + 1;
}

function manualPurpose(dataset: Dataset, index: number): string {
  return MANUAL_PURPOSES[hash32(dataset.seed, index, 0x3a) % MANUAL_PURPOSES.length];
}

export function descriptionOf(dataset: Dataset, index: number): string {
  return typeOf(dataset, index) === "manual" ? MANUAL_DESCRIPTIONS[manualPurpose(dataset, index)] : "";
}

export function backupName(dataset: Dataset, index: number): string {
  const instance = instanceOf(dataset, index);
  const start = dataset.backups.start[index];
  const offset = instance.project.offsetMinutes;
  const type = typeOf(dataset, index);
  const stamp = formatCompact(start, offset);
  if (instance.service === "dcs") return `backup_${stamp}`;
  if (type === "manual") return `${manualPurpose(dataset, index)}-${stamp.slice(0, 8)}-${stamp.slice(8, 12)}`;
  switch (instance.service) {
    case "taurusdb": {
      const millis = String(hash32(dataset.seed, index, 0x6d) % 1000).padStart(3, "0");
      // As in the API's own examples: full backups are named after the instance, incremental ones are not.
      return type === "auto" || type === "differential"
        ? `${instance.name}-${stamp}${millis}`
        : `TaurusDB--${stamp}${millis}`;
    }
    case "rds": {
      if (type === "fragment") return `${instance.name}-diff-${stamp}`;
      if (type !== "incremental") return `${instance.name}-${stamp}`;
      const sequence = sequenceOf(dataset, index, 2 * HOUR_MS);
      if (instance.datastore === "PostgreSQL")
        return `00000001${(sequence >>> 8).toString(16).toUpperCase().padStart(8, "0")}${(sequence & 0xff).toString(16).toUpperCase().padStart(8, "0")}`;
      if (instance.datastore === "SQLServer") return `${instance.name}-log-${stamp}`;
      return `mysql-bin.${String(sequence % 1_000_000).padStart(6, "0")}`;
    }
  }
}

// ---- Ground truth ----

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

function truthBackup(dataset: Dataset, index: number): TruthBackup {
  const instance = instanceOf(dataset, index);
  const type = typeOf(dataset, index);
  const raw = rawStatusOf(dataset, index);
  const end = endOf(dataset, index);
  const taurusIncremental = type === "Log" || type === "OffSiteLog";
  const onlyPerInstance = instance.service === "taurusdb" && raw === "DELETING";
  const kind: BackupKind =
    taurusIncremental || type === "incremental"
      ? "incremental"
      : type === "fragment" || type === "differential"
        ? "differential"
        : "full";
  const listedType = listedTypeOf(dataset, index);
  let trigger: BackupTrigger | null = listedType === "auto" || listedType === "manual" ? listedType : null;
  if (kind === "incremental") trigger = "auto";
  if (onlyPerInstance) trigger = null;
  const endKnown = !onlyPerInstance && (instance.service !== "dcs" || raw === "succeed" || raw === "failed");
  // An RDS cross-region copy is listed by the project it is stored in.
  const storedIn = instance.service === "rds" && index >= instance.backupSplit ? instance.offsiteTo : null;
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
    id: backupId(dataset, index),
    name: backupName(dataset, index),
    kind,
    trigger,
    offsite: type === "OffSiteLog" || storedIn !== null,
    rawStatus: taurusIncremental ? null : raw,
    status: NORMALISED[raw],
    sizeBytes: dataset.backups.sizeBytes[index],
    startedAt: new Date(dataset.backups.start[index]).toISOString(),
    endedAt: end !== undefined && endKnown ? new Date(end).toISOString() : null,
    operations,
    optionalFields: optionalFieldsOf(index),
  };
}

export function truthOf(dataset: Dataset): Truth {
  const backups: TruthBackup[] = [];
  for (let index = 0; index < dataset.backups.count; index++) backups.push(truthBackup(dataset, index));
  const instances = dataset.instances.map((instance) => ({
    service: instance.service,
    region: instance.project.region,
    projectId: instance.project.projectId,
    id: instance.id,
    name: instance.name,
    engine: instance.engine,
    engineVersion: instance.engineVersion,
    status:
      instance.service === "taurusdb" && optionalFieldsOf(instance.index) !== "present" ? null : instance.status,
    backups: instance.backupEnd - instance.backupStart,
    flexus: instance.service === "rds" && instance.flexus,
    offsiteTo: instance.service === "rds" ? (instance.offsiteTo?.projectId ?? null) : null,
  }));
  return { instances, backups };
}
