import "server-only";
import type { ProjectRef } from "../config";
import type { Engine, Service } from "../inventory/model";
import { hash32, hashString, hex32, hexDigits, Rng, seedNumber, uuidFrom } from "./random";

/**
 * The simulated account: its projects and instances, generated deterministically from a seed and the instant the
 * simulator started (the anchor), with what each instance's backup schedule needs (backup window, retention,
 * sizes, the role it plays). The backups themselves are never generated up front: lib/simulator/backups.ts
 * derives each one from its instance's schedule, and lib/simulator/listing.ts what each list holds at an instant.
 */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

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

/** Roles that guarantee every status and edge case appears, by an instance's ordinal within its service. */
export const SCENARIOS = [
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
export type Scenario = (typeof SCENARIOS)[number];

interface InstanceCommon {
  index: number;
  project: SimProject;
  id: string;
  name: string;
  status: string;
  engine: Engine;
  engineVersion: string;
  createdMs: number;
  scenario: Scenario;
  /** Hash key of the instance: every backup's values derive from it, its series and its occurrence. */
  key: number;
  /** Retention: TaurusDB and RDS backups older than this expire (the lists drop them); DCS ones turn `expired`. */
  keepDays: number;
  /** How long a backup stays listed: `keepDays`, except DCS, which lists expired records for the account's days. */
  listDays: number;
  /** `hh:mm-hh:mm` UTC. */
  backupWindow: string;
  /** Milliseconds since UTC midnight of the daily automated backup. */
  dailyOffsetMs: number;
  /** Its log backups start every `logIntervalMs` at this offset (ms, below the interval); 0 interval: none. */
  logIntervalMs: number;
  logPhaseMs: number;
  /** The one manual backup being deleted (`removals`), ms, or null. */
  removalStartMs: number | null;
}

export interface TaurusInstance extends InstanceCommon {
  service: "taurusdb";
  kernelVersion: string;
  nodeCount: number;
  vcpus: number;
  ramGb: number;
  storageGb: number;
  backupMethod: "Db" | "Snapshot";
  /** Its logs are copied to another region too (OffSiteLog, listed with `display_offsite_backup=true`). */
  offsite: boolean;
  /** Automated backups are differential except on one day a week (`backup_mode` of the per-instance list). */
  differentialPolicy: boolean;
  /** Size of a full backup on the first day of the window, MB, and its growth per day. */
  baseMb: number;
  growthMb: number;
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
  /** Size of a full backup on the first day of the window, GB, and its growth per day, MB. */
  baseGb: number;
  growthMb: number;
  /** Log backups fail where their slot plus this, modulo LOG_FAILURE_PERIOD, is below LOG_FAILURE_RUN. */
  logFailureOffset: number;
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
  /** Backs up at all: Redis instances that are not single-node. */
  backsUp: boolean;
  /** The manual backup queued behind the running automated one (`runningNow`), ms, or null. */
  waitingStartMs: number | null;
}

export type SimInstance = TaurusInstance | RdsInstance | DcsInstance;

export interface Dataset {
  seed: number;
  /** The instant the account is generated around (the simulator's start), ms. */
  anchorMs: number;
  /** `anchorMs` minus the days: where sizes start growing from. */
  windowStartMs: number;
  days: number;
  projects: SimProject[];
  instances: SimInstance[];
  /** Per `service|projectId`, newest instance first. */
  instancesOf: Map<string, SimInstance[]>;
  instanceById: Map<string, SimInstance>;
}

export interface DatasetOptions {
  seed: string | number;
  instances: number;
  days: number;
  anchor: Date;
  projects?: ProjectRef[];
}

/** Log backups (TaurusDB; RDS MySQL and PostgreSQL): one every 5 minutes, each holding the 5 minutes before its end. */
export const LOG_INTERVAL_MS = 5 * MINUTE_MS;
/** RDS SQL Server and MariaDB log backups, further apart. */
export const SLOW_LOG_INTERVAL_MS = 2 * HOUR_MS;
/** TaurusDB cross-region log copies (OffSiteLog), each holding the 12 hours before its end. */
export const OFFSITE_LOG_INTERVAL_MS = 12 * HOUR_MS;
/**
 * RDS log backups fail two in a row once in this many (about once a day at 5 minutes): ten minutes of log
 * missing, a break in the chain that a restore must not bridge.
 */
export const LOG_FAILURE_PERIOD = 331;
export const LOG_FAILURE_RUN = 2;

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


/** Per 20 instances: 10 TaurusDB, 6 RDS, 4 DCS (so 200 instances are 100, 60 and 40). */
const SERVICE_PATTERN: Service[] = [
  "taurusdb",
  "rds",
  "taurusdb",
  "dcs",
  "taurusdb",
  "rds",
  "taurusdb",
  "dcs",
  "taurusdb",
  "rds",
  "taurusdb",
  "rds",
  "taurusdb",
  "dcs",
  "taurusdb",
  "rds",
  "taurusdb",
  "dcs",
  "taurusdb",
  "rds",
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
export const MANUAL_PURPOSES = ["before-release", "pre-upgrade", "pre-migration", "archive", "before-schema-change"];
export const MANUAL_DESCRIPTIONS: Record<string, string> = {
  "before-release": "Before release",
  "pre-upgrade": "Before engine upgrade",
  "pre-migration": "Before data migration",
  archive: "Monthly archive copy",
  "before-schema-change": "Before schema change",
};
const SQLSERVER_DATABASES = ["orders", "billing", "reporting", "crm", "hr", "audit", "inventory"];

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

interface Window {
  anchor: number;
  windowStart: number;
  days: number;
}

function instanceBasics(
  index: number,
  seed: number,
  project: SimProject,
  scenario: Scenario,
  window: Window,
  rng: Rng,
): Omit<InstanceCommon, "id" | "name" | "status" | "engine" | "engineVersion" | "logIntervalMs" | "listDays"> {
  let createdMs: number;
  if (scenario === "noBackups") createdMs = window.anchor - rng.int(3, 25) * MINUTE_MS;
  else if (scenario === "young")
    createdMs = window.windowStart + (window.anchor - window.windowStart) * (0.3 + 0.5 * rng.next());
  else createdMs = window.anchor - rng.int(60, 900) * DAY_MS - rng.int(0, DAY_MS / 1000) * 1000;
  createdMs = Math.floor(createdMs / 1000) * 1000;
  const windowHour = rng.int(0, 23);
  let dailyOffsetMs = windowHour * HOUR_MS + rng.int(0, 50) * MINUTE_MS;
  // The automated backup of these instances starts minutes before the anchor's time of day and runs for long.
  if (scenario === "runningNow")
    dailyOffsetMs = (((window.anchor - rng.int(4, 18) * MINUTE_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  const hour = Math.floor(dailyOffsetMs / HOUR_MS);
  const pad = (h: number) => String(h % 24).padStart(2, "0");
  const from = Math.max(window.windowStart, createdMs);
  return {
    index,
    project,
    createdMs,
    scenario,
    key: hash32(seed, index, 0x5e),
    keepDays: window.days,
    backupWindow: `${pad(hour)}:00-${pad(hour + 1)}:00`,
    dailyOffsetMs,
    // Whole seconds, like every time the APIs print.
    logPhaseMs: (hash32(seed, index, 0x1a) % (LOG_INTERVAL_MS / 1000)) * 1000,
    removalStartMs:
      scenario === "removals"
        ? Math.floor((from + (window.anchor - from) * (0.2 + 0.5 * rng.next())) / 1000) * 1000
        : null,
  };
}

function statusFor(scenario: Scenario, building: string, running: string, frozen: string, active: string): string {
  if (scenario === "noBackups") return building;
  if (scenario === "runningNow") return running;
  if (scenario === "frozen") return frozen;
  return active;
}

/** The project after `project` in the dataset's list: where an instance's cross-region backups are stored. */
function otherProject(projects: SimProject[], project: SimProject): SimProject {
  return projects[(projects.indexOf(project) + 1) % projects.length];
}

export function generateDataset(options: DatasetOptions): Dataset {
  const seed = seedNumber(options.seed);
  const anchor = Math.floor(options.anchor.getTime() / 1000) * 1000;
  const window: Window = { anchor, windowStart: anchor - options.days * DAY_MS, days: options.days };
  const projects = buildProjects(seed, options.projects);
  const names = nameCounter();
  const ordinals: Record<Service, number> = { taurusdb: 0, rds: 0, dcs: 0 };
  const instances: SimInstance[] = [];

  for (let index = 0; index < options.instances; index++) {
    const rng = new Rng(hash32(seed, index, 0x11));
    const service = SERVICE_PATTERN[index % SERVICE_PATTERN.length];
    const ordinal = ordinals[service]++;
    const scenario = SCENARIOS[ordinal % SCENARIOS.length];
    const project = rng.weighted(projects.map((p) => [p, KNOWN_REGIONS[p.region]?.weight ?? 20] as const));
    const base = instanceBasics(index, seed, project, scenario, window, rng);
    const app = rng.pick(APPS);
    const env = rng.weighted(ENVIRONMENTS);
    const idHex = hexDigits(hash32(seed, index), 0x1d, 32);
    // An instance still being created has made no backup yet.
    const logIntervalMs = scenario === "noBackups" ? 0 : LOG_INTERVAL_MS;

    if (service === "taurusdb") {
      const vcpus = rng.pick([2, 4, 8, 16, 32]);
      const baseMb = rng.pick([2048, 5120, 10240, 20480, 51200, 102400, 204800]);
      const growthMb = rng.int(0, 64);
      const largestGb = (baseMb + growthMb * (options.days + 1)) / 1024;
      instances.push({
        ...base,
        service,
        id: `${idHex}in07`,
        name: names.next(project, `${app}-db-${env}`),
        status: statusFor(scenario, "BUILD", "BACKING UP", "FROZEN", "ACTIVE"),
        engine: "gaussdb-mysql",
        engineVersion: "8.0",
        listDays: options.days,
        logIntervalMs,
        kernelVersion: rng.pick(["2.0.51.240300", "2.0.54.240600", "2.0.57.240900"]),
        nodeCount: rng.int(2, 3),
        vcpus,
        ramGb: vcpus * rng.pick([4, 8]),
        storageGb: Math.max(10, Math.ceil((largestGb * 1.5) / 10) * 10),
        backupMethod: rng.chance(0.2) ? "Snapshot" : "Db",
        offsite: scenario === "special" || rng.chance(0.1),
        // Decided by a hash, not the generator, so that every other value of the dataset stays as it was.
        differentialPolicy: scenario === "special" || hash32(seed, index, 0xd1) % 3 === 0,
        baseMb,
        growthMb,
      });
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
      const databases =
        datastore === "SQLServer"
          ? SQLSERVER_DATABASES.filter((_, i) => hash32(seed, index, i) % 3 === 0).slice(0, 4)
          : [];
      if (databases.length === 0 && datastore === "SQLServer") databases.push(app);
      instances.push({
        ...base,
        service,
        id: `${idHex}${datastore === "PostgreSQL" ? "in03" : datastore === "SQLServer" ? "in04" : "in01"}`,
        name: names.next(project, `${app}-${roles[datastore]}-${env}`),
        status: statusFor(scenario, "BUILD", "BACKING UP", "FROZEN", "ACTIVE"),
        engine: datastore.toLowerCase() as Engine,
        engineVersion: version,
        listDays: options.days,
        // MySQL's binlog and PostgreSQL's WAL every 5 minutes; SQL Server and MariaDB logs further apart.
        logIntervalMs:
          logIntervalMs > 0 && (datastore === "SQLServer" || datastore === "MariaDB")
            ? SLOW_LOG_INTERVAL_MS
            : logIntervalMs,
        datastore,
        completeVersion:
          datastore === "SQLServer" ? `${version}.${rng.int(1, 9)}` : `${version}.${rng.int(1, 40)}.${rng.int(1, 9)}`,
        haMode: rng.chance(0.6) ? "Ha" : "Single",
        vcpus,
        ramGb: vcpus * rng.pick([2, 4, 8]),
        storageGb: rng.pick([40, 100, 200, 500, 1000]),
        port: datastore === "PostgreSQL" ? 5432 : datastore === "SQLServer" ? 1433 : 3306,
        databases,
        associatedWithDdm: datastore === "MySQL" && (scenario === "special" || rng.chance(0.05)),
        // Decided by hashes and the scenario, not the generator, so that every other value stays as it was.
        flexus: datastore === "MySQL" && hash32(seed, index, 0xf1) % 4 === 0,
        offsiteTo: scenario === "special" && projects.length > 1 ? otherProject(projects, project) : null,
        offsiteLogs: datastore !== "SQLServer" && hash32(seed, index, 0x0f) % 2 === 0,
        baseGb: rng.pick([5, 10, 20, 50, 100, 200, 500]),
        growthMb: rng.int(0, 256),
        logFailureOffset: hash32(seed, index, 0xfa) % LOG_FAILURE_PERIOD,
      });
    } else {
      const memcached = ordinal % 7 === 6 && (scenario === "normal" || scenario === "frozen");
      const capacityGb = rng.pick([1, 2, 4, 8, 16, 32, 64]);
      const cacheMode = scenario === "noBackups" ? "single" : rng.pick(["ha", "ha", "cluster", "proxy"] as const);
      const keepDays =
        scenario === "removals"
          ? Math.min(3, options.days)
          : rng.chance(0.3)
            ? Math.max(1, options.days - 2)
            : options.days;
      instances.push({
        ...base,
        service,
        id: uuidFrom(hex32(hash32(seed, index, 0x5c)), hash32(seed, index), 0x5d),
        name: names.next(project, `${app}-${memcached ? "memcache" : rng.pick(["redis", "cache", "session"])}-${env}`),
        status: statusFor(scenario, "RUNNING", "RUNNING", "FROZEN", "RUNNING"),
        engine: memcached ? "memcached" : "redis",
        engineVersion: memcached ? "1.5" : rng.pick(["7.0", "6.0", "5.0", "4.0"]),
        keepDays,
        listDays: options.days,
        logIntervalMs: 0,
        engineName: memcached ? "Memcached" : "Redis",
        cacheMode: memcached ? "ha" : cacheMode,
        capacityGb,
        usedMemoryMb: Math.round(capacityGb * 1024 * (0.05 + 0.6 * rng.next())),
        backupFormat: rng.chance(0.25) ? "aof" : "rdb",
        port: memcached ? 11211 : 6379,
        ip: `192.168.${rng.int(0, 15)}.${rng.int(2, 250)}`,
        backsUp: !memcached && cacheMode !== "single",
        waitingStartMs: scenario === "runningNow" ? anchor - rng.int(5, 40) * 1000 - rng.int(0, 999) : null,
      });
    }
  }

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

  return {
    seed,
    anchorMs: anchor,
    windowStartMs: window.windowStart,
    days: options.days,
    projects,
    instances,
    instancesOf,
    instanceById,
  };
}

/**
 * How a record sends its optional fields: real answers carry JSON null and leave optional fields out, so every
 * third record (by its position: an instance's index, a backup's place in its series) does, null and absent by turns.
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
