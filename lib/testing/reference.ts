import type { CoverageRow, CoverageWindow } from "../coverage/model";
import { coverageRowOf, type InstanceIdentity } from "../coverage/rows";
import {
  type Backup,
  FACET_FIELDS,
  type FacetField,
  type Facets,
  type Instance,
  type Service,
} from "../inventory/model";
import type { BackupFilter, SortField } from "../inventory/query";
import type { SortOrder } from "../params";
import { latestRecoveryPoint, prepareChains } from "../restore/chain";
import { countWindow, daySpan, orderGroups } from "../timeline/days";
import type { TimelineDay } from "../timeline/model";

/**
 * A deliberately naive reading of the documented query rules (docs/api.md; lib/store/README.md, "Query rules"),
 * over plain arrays: the oracle the store's reads are compared with on random inventories (lib/store/reads.test.ts).
 * Written for obviousness, not speed. `presence` is the store's business: give these the backups of one presence.
 */

export type ReferenceQuery = Partial<Omit<BackupFilter, "presence">> & {
  sort?: SortField;
  order?: SortOrder;
  page?: number;
  pageSize?: number;
};

function inList(list: readonly string[] | undefined, value: string | null): boolean {
  return !list || list.length === 0 || (value !== null && list.includes(value));
}

/** Whether a backup passes every filter of the query, but the one on `except`. */
export function referenceMatches(item: Backup, query: ReferenceQuery, except?: FacetField): boolean {
  for (const field of FACET_FIELDS) if (field !== except && !inList(query[field], item[field])) return false;
  if (!inList(query.instance, item.instanceId)) return false;
  const started = Date.parse(item.startedAt);
  if (query.from && started < Date.parse(query.from)) return false;
  if (query.to && started >= Date.parse(query.to)) return false;
  if (query.q) {
    const needle = query.q.toLowerCase();
    const fields = [item.id, item.name, item.instanceId, item.instanceName, item.description];
    if (!fields.some((field) => field?.toLowerCase().includes(needle))) return false;
  }
  return true;
}

function sortValue(item: Backup, field: SortField): string | number | null {
  if (field === "startedAt" || field === "endedAt") return item[field] === null ? null : Date.parse(item[field]);
  return item[field];
}

function codeUnitCompare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Nulls last in both directions; text lower-cased first, then exact; ties by service, id, then project. */
export function referenceCompare(field: SortField, order: SortOrder) {
  return (left: Backup, right: Backup): number => {
    const a = sortValue(left, field);
    const b = sortValue(right, field);
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1;
    } else {
      const byValue =
        typeof a === "number" && typeof b === "number"
          ? a - b
          : codeUnitCompare(String(a).toLowerCase(), String(b).toLowerCase()) || codeUnitCompare(String(a), String(b));
      if (byValue !== 0) return order === "asc" ? byValue : -byValue;
    }
    return (
      codeUnitCompare(left.service, right.service) ||
      codeUnitCompare(left.id, right.id) ||
      codeUnitCompare(left.projectId, right.projectId)
    );
  };
}

/** Every match in the query's order (paging ignored). */
export function referenceMatching(backups: readonly Backup[], query: ReferenceQuery): Backup[] {
  return backups
    .filter((item) => referenceMatches(item, query))
    .sort(referenceCompare(query.sort ?? "startedAt", query.order ?? "desc"));
}

/** facets.X: the matches of every filter but the one on X; null values and zero counts left out, keys sorted. */
export function referenceFacets(backups: readonly Backup[], query: ReferenceQuery): Facets {
  const facet = (field: FacetField) => {
    const counts = new Map<string, number>();
    for (const item of backups) {
      const value = item[field];
      if (value !== null && referenceMatches(item, query, field)) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return Object.fromEntries([...counts].sort(([left], [right]) => codeUnitCompare(left, right)));
  };
  return Object.fromEntries(FACET_FIELDS.map((field) => [field, facet(field)])) as Facets;
}

/** One page of the matches, their total and size, and the facets. */
export function referencePage(backups: readonly Backup[], query: ReferenceQuery) {
  const matched = referenceMatching(backups, query);
  const pageSize = query.pageSize ?? 50;
  const start = ((query.page ?? 1) - 1) * pageSize;
  return {
    items: matched.slice(start, start + pageSize),
    total: matched.length,
    facets: referenceFacets(backups, query),
    summary: { sizeBytes: matched.reduce((sum, item) => sum + (item.sizeBytes ?? 0), 0) },
  };
}

/**
 * Backups per calendar day of `timeZone`, per group: every day of the window `[from, to)` (a missing bound: the
 * earliest or latest backup), each listing every group present, in `groupOrder`.
 */
export function referenceDays(
  backups: readonly Backup[],
  options: {
    groupOf: (backup: Backup) => string;
    groupOrder: readonly string[];
    timeZone: string;
    from?: number;
    to?: number;
    maxDays: number;
  },
): { days: TimelineDay[]; groups: string[] } {
  const times = backups.map((backup) => Date.parse(backup.startedAt));
  const extent = times.length > 0 ? { earliest: Math.min(...times), latest: Math.max(...times) } : null;
  const window = countWindow(options, extent);
  if (!window) return { days: [], groups: [] };
  const { dates, starts } = daySpan(window.first, window.last, options.timeZone, options.maxDays);
  const inWindow = backups.filter((_, index) => times[index] >= window.first && times[index] <= window.last);
  const groups = orderGroups(inWindow.map(options.groupOf), options.groupOrder);
  const days = dates.map((date) => ({
    date,
    total: 0,
    counts: Object.fromEntries(groups.map((group) => [group, 0])) as Record<string, number>,
  }));
  for (const backup of inWindow) {
    const time = Date.parse(backup.startedAt);
    const day = starts.filter((start) => start <= time).length - 1;
    days[day].total++;
    days[day].counts[options.groupOf(backup)]++;
  }
  return { days, groups };
}

/** Whether `candidate` comes before `current` in `/api/backups`' default order (startedAt desc, then id asc). */
function isLater(candidate: Backup, current: Backup | null): boolean {
  if (!current) return true;
  const [a, b] = [Date.parse(candidate.startedAt), Date.parse(current.startedAt)];
  return a > b || (a === b && candidate.id < current.id);
}

/**
 * One coverage row per listed instance and per instance only its backups name (named as its newest backup names
 * it; pass the backups newest first), judged by lib/coverage/rows.ts at `now`.
 */
export function referenceCoverage(input: {
  instances: readonly Instance[];
  backups: readonly Backup[];
  rpoHours: number;
  window: CoverageWindow;
  now: Date;
}): CoverageRow[] {
  const keyOf = (service: Service, instanceId: string) => `${service}|${instanceId}`;
  const byInstance = new Map<string, Backup[]>();
  for (const backup of input.backups) {
    const key = keyOf(backup.service, backup.instanceId);
    byInstance.set(key, [...(byInstance.get(key) ?? []), backup]);
  }
  const identities = new Map<string, InstanceIdentity>();
  for (const instance of input.instances)
    identities.set(keyOf(instance.service, instance.id), {
      service: instance.service,
      region: instance.region,
      projectId: instance.projectId,
      instanceId: instance.id,
      instanceName: instance.name,
      engine: instance.engine,
      engineVersion: instance.engineVersion,
      instanceStatus: instance.status,
    });
  for (const [key, [backup]] of byInstance)
    if (!identities.has(key))
      identities.set(key, {
        service: backup.service,
        region: backup.region,
        projectId: backup.projectId,
        instanceId: backup.instanceId,
        instanceName: backup.instanceName,
        engine: backup.engine,
        engineVersion: backup.engineVersion,
        instanceStatus: null,
      });
  const from = Date.parse(input.window.from);
  const to = input.window.to === null ? Number.POSITIVE_INFINITY : Date.parse(input.window.to);
  return [...identities].map(([key, identity]) => {
    const backups = byInstance.get(key) ?? [];
    let lastFull: Backup | null = null;
    let lastIncremental: Backup | null = null;
    let lastFinishedFull: Backup | null = null;
    for (const backup of backups) {
      if (backup.kind === "full" && (backup.status === "completed" || backup.status === "failed")) {
        if (isLater(backup, lastFinishedFull)) lastFinishedFull = backup;
        if (backup.status === "completed" && isLater(backup, lastFull)) lastFull = backup;
      } else if (
        backup.kind === "incremental" &&
        backup.status === "completed" &&
        backup.details.offsite !== true &&
        isLater(backup, lastIncremental)
      )
        lastIncremental = backup;
    }
    const windowed = backups.filter((backup) => {
      const started = Date.parse(backup.startedAt);
      return started >= from && started < to;
    });
    return coverageRowOf(
      identity,
      {
        lastFull,
        lastIncremental,
        lastFullFailed: lastFinishedFull?.status === "failed",
        recoveryPoint: latestRecoveryPoint(prepareChains(backups, identity.service)),
        failed: windowed.filter((backup) => backup.status === "failed").length,
        backups: windowed.length,
        sizeBytes: windowed.reduce((sum, backup) => sum + (backup.sizeBytes ?? 0), 0),
      },
      { rpoMs: input.rpoHours * 3_600_000, now: input.now.getTime() },
    );
  });
}
