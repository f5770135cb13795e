import "server-only";
import {
  DAY_MS,
  type Dataset,
  type DcsInstance,
  HOUR_MS,
  LOG_FAILURE_PERIOD,
  LOG_FAILURE_RUN,
  LOG_INTERVAL_MS,
  MANUAL_PURPOSES,
  MANUAL_DESCRIPTIONS,
  MINUTE_MS,
  OFFSITE_LOG_INTERVAL_MS,
  optionalFieldsOf,
  type OptionalFields,
  type RdsInstance,
  type SimInstance,
  type TaurusInstance,
} from "./dataset";
import { hash32, hex32, hexDigits, permute32, Rng, unpermute32 } from "./random";
import { formatCompact } from "./time";

/**
 * Every backup of the simulated cloud, derived from its instance's schedule rather than stored. A backup is the
 * occurrence `k` of one of its instance's series (the daily automated backup of day k, the log backup of 5-minute
 * slot k...), named by a handle: one number that encodes instance, series and occurrence. From a handle alone
 * come the backup's times, size, type and outcome; its status at an instant follows from those (running until it
 * ends, then its outcome; a DCS record turns `expired` after the instance's retention). The same seed, anchor and
 * handle give the same backup, whenever it is asked for.
 */

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

/** The series an instance's backups come in; `k` counts days, 5-minute slots and so on, from the epoch. */
export const Series = {
  /** The automated full (or TaurusDB differential) backup of day k, at the backup window. */
  daily: 0,
  /** A manual backup on day k, now and then, in office hours. */
  manual: 1,
  /** The one manual backup being deleted (k = 0). */
  removal: 2,
  /** RDS SQL Server differential backups: k = day × 4 + n, n-th of the three a day. */
  fragment: 3,
  /** Log backups: the slot k of the instance's log interval. */
  log: 4,
  /** TaurusDB cross-region log copies, every 12 hours: slot k. */
  offsiteLog: 5,
  /** RDS cross-region copy of the completed daily backup of day k. */
  offsiteDaily: 6,
  /** RDS cross-region copy of the completed log backup of slot k. */
  offsiteLogCopy: 7,
  /** The DCS manual backup queued behind a running one (k = 0). */
  waiting: 8,
} as const;
export type SeriesKind = (typeof Series)[keyof typeof Series];
const SERIES_SLOTS = 16;
const K_SPAN = 2 ** 32;

export function handleOf(instance: number, series: SeriesKind, k: number): number {
  return (instance * SERIES_SLOTS + series) * K_SPAN + k;
}

export function instanceIndexOf(handle: number): number {
  return Math.floor(handle / K_SPAN / SERIES_SLOTS);
}

export function seriesOf(handle: number): SeriesKind {
  return (Math.floor(handle / K_SPAN) % SERIES_SLOTS) as SeriesKind;
}

export function occurrenceOf(handle: number): number {
  return handle % K_SPAN;
}

export function instanceOfHandle(dataset: Dataset, handle: number): SimInstance {
  return dataset.instances[instanceIndexOf(handle)];
}

/** One backup, whatever the time: its state at an instant is `stateAt`. */
export interface Backup {
  handle: number;
  instance: SimInstance;
  series: SeriesKind;
  type: BackupType;
  start: number;
  /** Queued before it runs, ms (the DCS `waiting` record); 0 otherwise. */
  waitMs: number;
  /** Running time, ms; it ends at start + waitMs + durationMs. */
  durationMs: number;
  /** Once ended. */
  sizeBytes: number;
  /** The status once ended (DELETING and deleted from the start). */
  outcome: RawStatus;
}

export function endOf(backup: Backup): number {
  return backup.start + backup.waitMs + backup.durationMs;
}

/** What a backup looks like at an instant: running ones have no end and no size yet. */
export interface BackupState {
  status: RawStatus;
  /** ms; undefined while running. */
  end: number | undefined;
  sizeBytes: number;
}

export function stateAt(backup: Backup, nowMs: number): BackupState {
  const end = endOf(backup);
  if (backup.outcome === "DELETING" || backup.outcome === "deleted")
    return { status: backup.outcome, end, sizeBytes: backup.sizeBytes };
  if (nowMs < end) {
    const dcs = backup.instance.service === "dcs";
    const status = nowMs < backup.start + backup.waitMs ? "waiting" : dcs ? "backuping" : "BUILDING";
    return { status, end: undefined, sizeBytes: 0 };
  }
  // DCS keeps listing a record after the instance's retention, as expired.
  if (backup.outcome === "succeed" && backup.start < nowMs - backup.instance.keepDays * DAY_MS)
    return { status: "expired", end, sizeBytes: backup.sizeBytes };
  return { status: backup.outcome, end, sizeBytes: backup.sizeBytes };
}

/** Start of day `day`'s automated backup (whole seconds; DCS adds milliseconds). */
function dailyStart(instance: SimInstance, day: number): number {
  const jitter = hash32(instance.key, Series.daily, day);
  return (
    day * DAY_MS +
    instance.dailyOffsetMs +
    (jitter % 60) * 1000 +
    (instance.service === "dcs" ? (jitter >>> 8) % 1000 : 0)
  );
}

/** Full backups of these instances take at least 45 minutes: one is always running at the anchor. */
function runTime(instance: SimInstance, ms: number): number {
  return instance.scenario === "runningNow" ? Math.max(ms, 45 * MINUTE_MS) : ms;
}

function failedFull(instance: SimInstance, dataset: Dataset, start: number, rng: Rng): boolean {
  if (instance.scenario === "recentFailures" && start > dataset.anchorMs - 2 * DAY_MS) return true;
  return rng.chance(0.02);
}

function taurusSizeMb(dataset: Dataset, instance: TaurusInstance, start: number): number {
  return instance.baseMb + instance.growthMb * Math.max(0, Math.floor((start - dataset.windowStartMs) / DAY_MS));
}

function rdsSizeKb(dataset: Dataset, instance: RdsInstance, start: number): number {
  const days = Math.max(0, Math.floor((start - dataset.windowStartMs) / DAY_MS));
  return (instance.baseGb * 1024 + instance.growthMb * days) * 1024;
}

/** A TaurusDB or RDS full backup (automated, manual or being deleted) starting at `start`. */
function fullBackup(
  dataset: Dataset,
  instance: TaurusInstance | RdsInstance,
  handle: number,
  series: SeriesKind,
  start: number,
  rng: Rng,
): Backup {
  const manual = series !== Series.daily;
  const day = Math.floor(start / DAY_MS);
  let type: BackupType = manual ? "manual" : "auto";
  let sizeBytes: number;
  let durationMs: number;
  if (instance.service === "taurusdb") {
    const weeklyFull = (day + instance.index) % 7 === 0;
    if (!manual && instance.differentialPolicy && !weeklyFull) type = "differential";
    // A differential backup holds the changes since the last full one: a few percent of the data.
    const fullMb = taurusSizeMb(dataset, instance, start);
    const changedPercent = 5 + (hash32(instance.index, day) % 16);
    const sizeMb = type === "differential" ? Math.max(64, Math.round((fullMb * changedPercent) / 100)) : fullMb;
    sizeBytes = sizeMb * 1024 * 1024;
    durationMs = (120 + Math.round((sizeMb / 1024) * 25) + rng.int(0, 60)) * 1000;
  } else {
    const sizeKb = rdsSizeKb(dataset, instance, start);
    sizeBytes = sizeKb * 1024;
    durationMs = (60 + Math.round((sizeKb / 1048576) * 20) + rng.int(0, 60)) * 1000;
  }
  let outcome: RawStatus;
  if (series === Series.removal) outcome = "DELETING";
  else if (manual) outcome = rng.chance(0.03) ? "FAILED" : "COMPLETED";
  else if (failedFull(instance, dataset, start, rng)) outcome = "FAILED";
  else outcome = instance.service === "taurusdb" && rng.chance(0.1) ? "AVAILABLE" : "COMPLETED";
  const failed = outcome === "FAILED";
  return {
    handle,
    instance,
    series,
    type,
    start,
    waitMs: 0,
    durationMs: failed ? rng.int(30, 600) * 1000 : runTime(instance, durationMs),
    sizeBytes: failed ? 0 : sizeBytes,
    outcome,
  };
}

function dcsBackup(
  dataset: Dataset,
  instance: DcsInstance,
  handle: number,
  series: SeriesKind,
  start: number,
  rng: Rng,
): Backup {
  const usedBytes = instance.usedMemoryMb * 1024 * 1024;
  let outcome: RawStatus;
  if (series === Series.removal) outcome = "deleted";
  else if (series === Series.daily) outcome = failedFull(instance, dataset, start, rng) ? "failed" : "succeed";
  else outcome = series === Series.manual && rng.chance(0.03) ? "failed" : "succeed";
  const failed = outcome === "failed";
  const durationMs = failed
    ? rng.int(5, 60) * 1000 + rng.int(0, 999)
    : runTime(instance, rng.int(5, 240) * 1000 + rng.int(0, 999));
  return {
    handle,
    instance,
    series,
    type: series === Series.daily ? "auto" : "manual",
    start,
    // Queued behind the automated backup that is running.
    waitMs: series === Series.waiting ? 15 * MINUTE_MS : 0,
    durationMs,
    sizeBytes: failed ? 0 : Math.round(usedBytes * (0.9 + 0.2 * rng.next())),
    outcome,
  };
}

/** Manual backups: one on about one day in 20 (DCS 25), at an office hour of the region. */
function manualStart(instance: SimInstance, day: number, rng: Rng): number | undefined {
  if (!rng.chance(instance.service === "dcs" ? 0.04 : 0.05)) return undefined;
  const localHour = rng.int(9, 18);
  const start =
    day * DAY_MS + (localHour * 60 - instance.project.offsetMinutes) * MINUTE_MS + rng.int(0, 3599) * 1000;
  return instance.service === "dcs" ? start + rng.int(0, 999) : start;
}

/** The log interval of a dense series of the instance (0: it has none). */
export function intervalOf(instance: SimInstance, series: SeriesKind): number {
  if (series === Series.log || series === Series.offsiteLogCopy) return instance.logIntervalMs;
  if (series === Series.offsiteLog) return instance.logIntervalMs === 0 ? 0 : OFFSITE_LOG_INTERVAL_MS;
  return 0;
}

/** Whether the instance has this dense series (log backups, their cross-region copies). */
export function hasDenseSeries(instance: SimInstance, series: SeriesKind): boolean {
  if (intervalOf(instance, series) === 0) return false;
  if (series === Series.log) return instance.service !== "dcs";
  if (series === Series.offsiteLog) return instance.service === "taurusdb" && instance.offsite;
  if (series === Series.offsiteLogCopy)
    return instance.service === "rds" && instance.offsiteTo !== null && instance.offsiteLogs;
  return false;
}

/** Start of slot `k` of a dense series: slots are on a grid from the epoch, at the instance's phase. */
export function slotStart(instance: SimInstance, series: SeriesKind, k: number): number {
  const interval = intervalOf(instance, series);
  return k * interval + (instance.logPhaseMs % interval);
}

/** An RDS log backup that fails: a run of slots once a period, so that counting the others stays arithmetic. */
export function failedLog(instance: RdsInstance, k: number): boolean {
  return (k + instance.logFailureOffset) % LOG_FAILURE_PERIOD < LOG_FAILURE_RUN;
}

/** How many of the instance's log slots up to `k` fail (counted from a fixed origin: differences are what count). */
export function failedLogsUpTo(instance: RdsInstance, k: number): number {
  const count = k + instance.logFailureOffset + 1;
  const periods = Math.floor(count / LOG_FAILURE_PERIOD);
  return periods * LOG_FAILURE_RUN + Math.min(LOG_FAILURE_RUN, count % LOG_FAILURE_PERIOD);
}

function logBackup(instance: SimInstance, handle: number, series: SeriesKind, k: number, rng: Rng): Backup {
  const interval = intervalOf(instance, series);
  const start = slotStart(instance, series, k);
  let type: BackupType;
  let sizeBytes: number;
  let outcome: RawStatus = "COMPLETED";
  if (instance.service === "taurusdb") {
    type = series === Series.offsiteLog ? "OffSiteLog" : "Log";
    // Sizes in KB with a fraction (128-byte steps), as the incremental list sends them.
    sizeBytes = (type === "OffSiteLog" ? rng.int(8192, 16_000_000) : rng.int(8, 800_000)) * 128;
  } else {
    type = "incremental";
    if (failedLog(instance as RdsInstance, k)) outcome = "FAILED";
    // Longer logs hold more.
    const growth = Math.sqrt(interval / LOG_INTERVAL_MS);
    sizeBytes = outcome === "FAILED" ? 0 : Math.round(rng.int(16, 100_000) * growth) * 1024;
  }
  return { handle, instance, series, type, start, waitMs: 0, durationMs: interval, sizeBytes, outcome };
}

/** The first slot of a dense series at or after the instance's creation. */
export function firstSlot(instance: SimInstance, series: SeriesKind): number {
  const interval = intervalOf(instance, series);
  const phase = instance.logPhaseMs % interval;
  return Math.ceil((instance.createdMs - phase) / interval);
}

/**
 * The backup a handle names, or undefined when the series has no such occurrence (no manual backup that day, a
 * day before the instance existed, a series the instance does not have).
 */
export function backupOf(dataset: Dataset, handle: number): Backup | undefined {
  const index = instanceIndexOf(handle);
  const instance = dataset.instances[index];
  if (!instance || instance.scenario === "noBackups") return undefined;
  const series = seriesOf(handle);
  const k = occurrenceOf(handle);
  const rng = new Rng(hash32(instance.key, series, k));
  const dcs = instance.service === "dcs";
  if (dcs && !instance.backsUp) return undefined;
  const occurring = (start: number) =>
    dcs
      ? dcsBackup(dataset, instance, handle, series, start, rng)
      : fullBackup(dataset, instance, handle, series, start, rng);
  switch (series) {
    case Series.daily: {
      const start = dailyStart(instance, k);
      if (start < instance.createdMs) return undefined;
      return occurring(start);
    }
    case Series.manual: {
      const start = manualStart(instance, k, rng);
      if (start === undefined || start < instance.createdMs) return undefined;
      return occurring(start);
    }
    case Series.removal: {
      if (k !== 0 || instance.removalStartMs === null) return undefined;
      const start = instance.removalStartMs + (dcs ? rng.int(0, 999) : 0);
      return occurring(start);
    }
    case Series.waiting: {
      if (!dcs || k !== 0 || instance.waitingStartMs === null) return undefined;
      return dcsBackup(dataset, instance, handle, series, instance.waitingStartMs, rng);
    }
    case Series.fragment: {
      if (instance.service !== "rds" || instance.datastore !== "SQLServer") return undefined;
      const n = k % 4;
      const day = (k - n) / 4;
      const start = dailyStart(instance, day) + n * 6 * HOUR_MS;
      if (n === 0 || dailyStart(instance, day) < instance.createdMs) return undefined;
      const failed = rng.chance(0.02);
      const sizeKb = Math.round((rdsSizeKb(dataset, instance, start) * rng.int(5, 20)) / 100);
      return {
        handle,
        instance,
        series,
        type: "fragment",
        start,
        waitMs: 0,
        durationMs: rng.int(60, 600) * 1000,
        sizeBytes: failed ? 0 : sizeKb * 1024,
        outcome: failed ? "FAILED" : "COMPLETED",
      };
    }
    case Series.log:
    case Series.offsiteLog: {
      if (!hasDenseSeries(instance, series) || k < firstSlot(instance, series)) return undefined;
      return logBackup(instance, handle, series, k, rng);
    }
    case Series.offsiteDaily:
    case Series.offsiteLogCopy: {
      if (instance.service !== "rds" || instance.offsiteTo === null) return undefined;
      if (series === Series.offsiteLogCopy && !instance.offsiteLogs) return undefined;
      // A copy of a completed automated backup, with its times and size.
      const originalSeries = series === Series.offsiteDaily ? Series.daily : Series.log;
      const original = backupOf(dataset, handleOf(index, originalSeries, k));
      if (!original || original.outcome !== "COMPLETED" || original.type === "manual") return undefined;
      return { ...original, handle, series };
    }
    default:
      return undefined;
  }
}

/** The `type` the TaurusDB full-backup list and RDS ListBackups give: a differential TaurusDB backup is `auto`. */
export function listedTypeOf(backup: Backup): BackupType {
  return backup.type === "differential" ? "auto" : backup.type;
}

/** How the backup's records send their optional fields: every third of a series, by turns. */
export function optionalFieldsOfBackup(handle: number): OptionalFields {
  return optionalFieldsOf(occurrenceOf(handle) + 7 * Math.floor(handle / K_SPAN));
}

// ---- IDs ----

const ID_KEY_SALT = 0x1b;
const OCCURRENCE_KEY_SALT = 0x2b;
const ID_TAIL_SALT = 0xb4;

function idWords(dataset: Dataset, handle: number): [number, number] {
  const owner = Math.floor(handle / K_SPAN);
  return [
    permute32(owner, hash32(dataset.seed, ID_KEY_SALT)),
    permute32(occurrenceOf(handle), hash32(dataset.seed, OCCURRENCE_KEY_SALT, owner)),
  ];
}

/**
 * Backup IDs encode their backup: the first 8 hex digits are a keyed permutation of instance and series, and 8
 * more (the next ones; in a DCS UUID the last group's first 8) one of the occurrence.
 */
export function backupId(dataset: Dataset, handle: number): string {
  const [owner, occurrence] = idWords(dataset, handle);
  const tail = hexDigits(hash32(dataset.seed, owner, occurrence), ID_TAIL_SALT, 16);
  const service = instanceOfHandle(dataset, handle).service;
  if (service === "dcs") {
    const variant = "89ab"[Number.parseInt(tail[7], 16) & 3];
    const groups = [tail.slice(0, 4), `4${tail.slice(4, 7)}`, `${variant}${tail.slice(8, 11)}`];
    return `${hex32(owner)}-${groups.join("-")}-${hex32(occurrence)}${tail.slice(12, 16)}`;
  }
  return `${hex32(owner)}${hex32(occurrence)}${tail}${service === "taurusdb" ? "br07" : "br01"}`;
}

/** The two words of an ID: TaurusDB and RDS `{owner}{occurrence}...br0x`, DCS `{owner}-....-....-....-{occurrence}....`. */
const ID_WORDS =
  /^([0-9a-f]{8})(?:([0-9a-f]{8})[0-9a-f]{16}br0[17]|-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-([0-9a-f]{8})[0-9a-f]{4})$/;

/** The handle of the backup an ID names, if it is one of this cloud's (listed or not at a given instant). */
export function findBackup(dataset: Dataset, id: string): number | undefined {
  const words = ID_WORDS.exec(id);
  if (!words) return undefined;
  const owner = unpermute32(Number.parseInt(words[1], 16), hash32(dataset.seed, ID_KEY_SALT));
  if (owner >= dataset.instances.length * SERIES_SLOTS) return undefined;
  const k = unpermute32(Number.parseInt(words[2] ?? words[3], 16), hash32(dataset.seed, OCCURRENCE_KEY_SALT, owner));
  const handle = owner * K_SPAN + k;
  return backupId(dataset, handle) === id && backupOf(dataset, handle) !== undefined ? handle : undefined;
}

// ---- Names and descriptions ----

/** A stable hash of one backup, for values a record derives from it (names, remarks, error codes). */
export function backupHash(dataset: Dataset, handle: number, salt: number): number {
  return hash32(dataset.seed, Math.floor(handle / K_SPAN), occurrenceOf(handle), salt);
}

/** Eight upper-case hex digits of a PostgreSQL WAL file name. */
function walSegment(value: number): string {
  return value.toString(16).toUpperCase().padStart(8, "0");
}

function manualPurpose(dataset: Dataset, backup: Backup): string {
  return MANUAL_PURPOSES[backupHash(dataset, backup.handle, 0x3a) % MANUAL_PURPOSES.length];
}

export function descriptionOf(dataset: Dataset, backup: Backup): string {
  return backup.type === "manual" ? MANUAL_DESCRIPTIONS[manualPurpose(dataset, backup)] : "";
}

export function backupName(dataset: Dataset, backup: Backup): string {
  const { instance, type, start } = backup;
  const stamp = formatCompact(start, instance.project.offsetMinutes);
  if (instance.service === "dcs") return `backup_${stamp}`;
  if (type === "manual") return `${manualPurpose(dataset, backup)}-${stamp.slice(0, 8)}-${stamp.slice(8, 12)}`;
  switch (instance.service) {
    case "taurusdb": {
      const millis = String(backupHash(dataset, backup.handle, 0x6d) % 1000).padStart(3, "0");
      // As in the API's own examples: full backups are named after the instance, incremental ones are not.
      return type === "auto" || type === "differential"
        ? `${instance.name}-${stamp}${millis}`
        : `TaurusDB--${stamp}${millis}`;
    }
    case "rds": {
      if (type === "fragment") return `${instance.name}-diff-${stamp}`;
      if (type !== "incremental") return `${instance.name}-${stamp}`;
      // Binlog and WAL files are numbered from the instance's first.
      const sequence = occurrenceOf(backup.handle) - firstSlot(instance, Series.log) + 1;
      if (instance.datastore === "PostgreSQL")
        return `00000001${walSegment(sequence >>> 8)}${walSegment(sequence & 0xff)}`;
      if (instance.datastore === "SQLServer") return `${instance.name}-log-${stamp}`;
      return `mysql-bin.${String(sequence % 1_000_000).padStart(6, "0")}`;
    }
  }
}
