import "server-only";
import {
  type Backup,
  backupOf,
  endOf,
  failedLog,
  failedLogsUpTo,
  findBackup,
  firstSlot,
  handleOf,
  hasDenseSeries,
  intervalOf,
  Series,
  type SeriesKind,
  slotStart,
} from "./backups";
import { DAY_MS, type Dataset, projectKey, type RdsInstance, type SimInstance } from "./dataset";

/**
 * What each list of the simulated cloud holds at an instant, as read-only views sorted newest first, so that a
 * page costs the page: log backups are arithmetic series (the j-th newest is computed, never stored), the few
 * others (daily, manual) are enumerated day by day over the retention, and a list of both is a merge of the two
 * views that finds any position by binary search. Only predicate filters materialise their matches.
 */

export interface BackupList {
  readonly length: number;
  /** The handle at a position, newest first. */
  handleAt(position: number): number;
  /** Its start, ms (non-increasing with the position). */
  startAt(position: number): number;
}

export const EMPTY_LIST: BackupList = {
  length: 0,
  handleAt: () => Number.NaN,
  startAt: () => Number.NaN,
};

/** A list held as arrays (already sorted newest first). */
export function arrayList(handles: Float64Array, starts: Float64Array): BackupList {
  return { length: handles.length, handleAt: (p) => handles[p], startAt: (p) => starts[p] };
}

function sliceList(list: BackupList, from: number, to: number): BackupList {
  const start = Math.max(0, Math.min(from, list.length));
  const end = Math.max(start, Math.min(to, list.length));
  if (start === 0 && end === list.length) return list;
  return {
    length: end - start,
    handleAt: (p) => list.handleAt(start + p),
    startAt: (p) => list.startAt(start + p),
  };
}

/** First position whose start is `<= bound`. */
function firstAtOrBelow(list: BackupList, bound: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list.startAt(mid) > bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The records with `from <= start <= to` (binary search, no copy). */
export function windowList(list: BackupList, from: number, to: number): BackupList {
  return sliceList(list, firstAtOrBelow(list, to), firstAtOrBelow(list, from - 1));
}

/** Two lists as one, newest first (`a` first on equal starts). */
export function mergeLists(a: BackupList, b: BackupList): BackupList {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  // How many of the first `position` records come from `a`: the first i whose record comes after b's
  // (position - i - 1)-th.
  const fromA = (position: number) => {
    let lo = Math.max(0, position - b.length);
    let hi = Math.min(position, a.length);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a.startAt(mid) >= b.startAt(position - mid - 1)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const pick = (position: number): [BackupList, number] => {
    const i = fromA(position);
    const j = position - i;
    if (i < a.length && (j >= b.length || a.startAt(i) >= b.startAt(j))) return [a, i];
    return [b, j];
  };
  return {
    length: a.length + b.length,
    handleAt: (p) => {
      const [list, at] = pick(p);
      return list.handleAt(at);
    },
    startAt: (p) => {
      const [list, at] = pick(p);
      return list.startAt(at);
    },
  };
}

export function filterList(list: BackupList, keep: (handle: number) => boolean): BackupList {
  const handles: number[] = [];
  const starts: number[] = [];
  for (let p = 0; p < list.length; p++) {
    const handle = list.handleAt(p);
    if (keep(handle)) {
      handles.push(handle);
      starts.push(list.startAt(p));
    }
  }
  return arrayList(Float64Array.from(handles), Float64Array.from(starts));
}

function singleList(handle: number, start: number): BackupList {
  return arrayList(Float64Array.of(handle), Float64Array.of(start));
}

export function pageOf(list: BackupList, offset: number, limit: number): number[] {
  const page: number[] = [];
  for (let p = offset; p < Math.min(list.length, offset + limit); p++) page.push(list.handleAt(p));
  return page;
}

// ---- What a list holds at an instant ----

/** Bounds on start times (inclusive, ms) a request asks for. */
export interface StartWindow {
  from: number;
  to: number;
}

const ANY_TIME: StartWindow = { from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY };

/**
 * A dense series at an instant: the log slots that have ended by `nowMs` and not expired, within the window, newest
 * first; RDS copies skip the failed slots (a run once a period, so positions stay arithmetic).
 */
function denseList(
  instance: SimInstance,
  series: SeriesKind,
  nowMs: number,
  window: StartWindow,
): BackupList {
  if (!hasDenseSeries(instance, series)) return EMPTY_LIST;
  const interval = intervalOf(instance, series);
  const phase = slotStart(instance, series, 0);
  // Listed once it ends; expired once it started more than the retention ago.
  const newest = Math.min(nowMs - interval, window.to);
  const oldest = Math.max(nowMs - instance.keepDays * DAY_MS, window.from);
  const kHi = Math.floor((newest - phase) / interval);
  const kLo = Math.max(firstSlot(instance, series), Math.ceil((oldest - phase) / interval));
  if (kHi < kLo) return EMPTY_LIST;
  if (series !== Series.offsiteLogCopy)
    return {
      length: kHi - kLo + 1,
      handleAt: (p) => handleOf(instance.index, series, kHi - p),
      startAt: (p) => (kHi - p) * interval + phase,
    };
  const rds = instance as RdsInstance;
  /** Slots in [k, kHi] that did not fail. */
  const kept = (k: number) => kHi - k + 1 - (failedLogsUpTo(rds, kHi) - failedLogsUpTo(rds, k - 1));
  /** The slot of the p-th newest copy: the lowest slot with p + 1 kept up to kHi, moved past failed ones. */
  const slotAt = (p: number) => {
    let k = kHi - p;
    for (let count = kept(k); count < p + 1; count = kept(k)) k -= p + 1 - count;
    while (failedLog(rds, k)) k++;
    return k;
  };
  return {
    length: kept(kLo),
    handleAt: (p) => handleOf(instance.index, series, slotAt(p)),
    startAt: (p) => slotAt(p) * interval + phase,
  };
}

/**
 * The backups of an instance's sparse series (daily, manual, being deleted, SQL Server differentials, the queued
 * DCS backup) that started within `started`, enumerated day by day; cross-region copies only once their original
 * has ended by `nowMs`.
 */
function sparseBackups(
  dataset: Dataset,
  instance: SimInstance,
  series: readonly SeriesKind[],
  started: StartWindow,
  nowMs: number,
): Backup[] {
  const from = Math.max(started.from, instance.createdMs);
  const to = started.to;
  if (to < from) return [];
  const found: Backup[] = [];
  const listed = (backup: Backup | undefined) => {
    if (!backup || backup.start < from || backup.start > to) return;
    // A copy exists once its original has ended.
    if (backup.series === Series.offsiteDaily && endOf(backup) > nowMs) return;
    found.push(backup);
  };
  // A day's manual backup can fall on the next UTC day and a SQL Server differential up to 42 hours after it.
  const firstDay = Math.floor(from / DAY_MS) - 2;
  const lastDay = Math.floor(to / DAY_MS) + 1;
  for (const kind of series) {
    if (kind === Series.removal || kind === Series.waiting) {
      listed(backupOf(dataset, handleOf(instance.index, kind, 0)));
      continue;
    }
    for (let day = firstDay; day <= lastDay; day++) {
      if (kind === Series.fragment)
        for (let n = 1; n <= 3; n++) listed(backupOf(dataset, handleOf(instance.index, kind, day * 4 + n)));
      else listed(backupOf(dataset, handleOf(instance.index, kind, day)));
    }
  }
  return found.sort((a, b) => b.start - a.start || a.handle - b.handle);
}

function listOf(backups: readonly Backup[]): BackupList {
  return arrayList(
    Float64Array.from(backups, (backup) => backup.handle),
    Float64Array.from(backups, (backup) => backup.start),
  );
}

/** Which series a list is made of. */
export interface ListParts {
  sparse: readonly SeriesKind[];
  dense: readonly SeriesKind[];
}

/** An instance's list at an instant, of the given series. */
export function instanceList(
  dataset: Dataset,
  instance: SimInstance,
  parts: ListParts,
  nowMs: number,
  window: StartWindow = ANY_TIME,
): BackupList {
  const started = { from: Math.max(nowMs - instance.listDays * DAY_MS, window.from), to: Math.min(nowMs, window.to) };
  let list = EMPTY_LIST;
  if (parts.sparse.length > 0) list = listOf(sparseBackups(dataset, instance, parts.sparse, started, nowMs));
  for (const series of parts.dense) list = mergeLists(list, denseList(instance, series, nowMs, window));
  return list;
}

/** The lists of each service: their series. */
export const LISTS = {
  /** TaurusDB ShowInstanceBackups: full and differential backups, those being deleted too. */
  taurusInstance: { sparse: [Series.daily, Series.manual, Series.removal], dense: [] },
  /** TaurusDB ShowGaussMySqlIncrementalBackupList, with `display_offsite_backup=true` or without. */
  taurusIncremental: { sparse: [], dense: [Series.log, Series.offsiteLog] },
  taurusLocalIncremental: { sparse: [], dense: [Series.log] },
  /** RDS ListBackups. */
  rdsBackups: { sparse: [Series.daily, Series.manual, Series.removal, Series.fragment], dense: [Series.log] },
  /** RDS ListOffSiteBackups, in the project the copies are stored in. */
  rdsOffsite: { sparse: [Series.offsiteDaily], dense: [Series.offsiteLogCopy] },
  /** DCS ListBackupRecords. */
  dcsBackups: { sparse: [Series.daily, Series.manual, Series.removal, Series.waiting], dense: [] },
} as const satisfies Record<string, ListParts>;

/** RDS ListBackups `backup_type`: the series of each type. */
export function rdsListOfType(type: string | undefined): ListParts {
  switch (type) {
    case "auto":
      return { sparse: [Series.daily], dense: [] };
    case "manual":
      return { sparse: [Series.manual, Series.removal], dense: [] };
    case "fragment":
      return { sparse: [Series.fragment], dense: [] };
    case "incremental":
      return { sparse: [], dense: [Series.log] };
    default:
      return LISTS.rdsBackups;
  }
}

/** RDS ListOffSiteBackups `backup_type`: copies of automated full backups, of log backups, or both. */
export function rdsOffsiteOfType(type: string | undefined): ListParts {
  if (type === "auto") return { sparse: [Series.offsiteDaily], dense: [] };
  if (type === "incremental") return { sparse: [], dense: [Series.offsiteLogCopy] };
  return LISTS.rdsOffsite;
}

interface ProjectFulls {
  day: number;
  list: BackupList;
}

/**
 * TaurusDB's project-wide full-backup list (ShowGaussMySqlBackupList: every instance's full and differential
 * backups but those being deleted). Its records over the days around the instant's are sorted once per day and
 * project; at an instant the list is the range of them that has started and not expired (every TaurusDB instance
 * keeps the account's days).
 */
export class ProjectFullLists {
  private readonly cache = new Map<string, ProjectFulls>();

  constructor(private readonly dataset: Dataset) {}

  at(projectId: string, nowMs: number, window: StartWindow = ANY_TIME): BackupList {
    const day = Math.floor(nowMs / DAY_MS);
    let cached = this.cache.get(projectId);
    if (cached?.day !== day) {
      const instances = this.dataset.instancesOf.get(projectKey("taurusdb", projectId)) ?? [];
      // Whatever instant of the day asks, what it lists started within these bounds.
      const started = { from: (day - this.dataset.days) * DAY_MS, to: (day + 1) * DAY_MS };
      const backups = instances
        .flatMap((instance) =>
          sparseBackups(this.dataset, instance, [Series.daily, Series.manual], started, Number.POSITIVE_INFINITY),
        )
        .sort((a, b) => b.start - a.start || a.handle - b.handle);
      cached = { day, list: listOf(backups) };
      this.cache.set(projectId, cached);
    }
    const from = Math.max(window.from, nowMs - this.dataset.days * DAY_MS);
    return windowList(cached.list, from, Math.min(window.to, nowMs));
  }
}

/** Whether the handle's backup is in the list (by its start, then its handle among equal starts). */
function listHolds(list: BackupList, handle: number, start: number): boolean {
  for (let p = firstAtOrBelow(list, start); p < list.length && list.startAt(p) === start; p++)
    if (list.handleAt(p) === handle) return true;
  return false;
}

/** The list's one backup a `backup_id` names: IDs decode to their backup, so that filter needs no scan. */
export function onlyBackup(dataset: Dataset, list: BackupList, id: string): BackupList {
  const handle = findBackup(dataset, id);
  const backup = handle === undefined ? undefined : backupOf(dataset, handle);
  return backup && listHolds(list, backup.handle, backup.start) ? singleList(backup.handle, backup.start) : EMPTY_LIST;
}
