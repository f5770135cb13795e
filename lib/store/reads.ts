import type { BackupRef, CoverageRow, CoverageWindow } from "../coverage/model";
import type { CoverageQuery } from "../coverage/query";
import { DEFAULT_WINDOW_DAYS } from "../coverage/query";
import { coverageRowOf, type InstanceIdentity } from "../coverage/rows";
import { queryCoverage, sortedCoverage } from "../coverage/view";
import { InvalidQueryError } from "../errors";
import { BACKUP_STATUSES, FACET_FIELDS, type FacetField, type Facets, SERVICES, type Service } from "../inventory/model";
import { DEFAULT_PAGE_SIZE } from "../params";
import { CHAIN_TOLERANCE_SECONDS, INCREMENTAL_SUPPORT } from "../restore/model";
import { countWindow, daySpan, orderGroups, WindowTooLongError } from "../timeline/days";
import { MAX_TIMELINE_DAYS, type Timeline } from "../timeline/model";
import type { TimelineQuery } from "../timeline/query";
import {
  BACKUP_COLUMNS,
  backupFromRow,
  baseConditions,
  joinConditions,
  orderBy,
  Params,
  type SqlValue,
  type StoreFilter,
  whereOf,
} from "./sql";
import { compareCodeUnits } from "./text";
import type { FromStore, StoreBackupQuery, StoredBackupPage } from "./types";

/**
 * Every read of the store as SQL over the `backups` table, finished in JavaScript only over small results (facet
 * combinations, one row per instance or per day). Engine-neutral: an engine supplies `Run`.
 */

export type Run = (sql: string, params: readonly SqlValue[]) => Promise<unknown[][]>;

const DAY_MS = 86_400_000;

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

// ---- the backup list ----

/** One row per distinct facet combination under the filters no facet ignores: [...FACET_FIELDS, count, size]. */
export type Combination = unknown[];

export function combinationsQuery(filter: StoreFilter): { sql: string; params: SqlValue[] } {
  const params = new Params();
  const where = joinConditions(baseConditions(filter, params));
  return {
    sql: `SELECT ${FACET_FIELDS.join(", ")}, count(*)::DOUBLE, sum(coalesce(size_bytes, 0))::DOUBLE
          FROM backups WHERE ${where} GROUP BY ${FACET_FIELDS.join(", ")}`,
    params: params.values,
  };
}

/** The key under which a filter's combinations may be reused (until the next commit). */
export function combinationsKey(filter: StoreFilter): string {
  return JSON.stringify([filter.presence, filter.instance ?? [], filter.from, filter.to, filter.q ?? ""]);
}

/**
 * Total, size and facets from the combinations: a combination failing exactly one facet filter counts in that
 * facet only (facets.X ignores the filter on X); failing none, it counts everywhere. Null values are not counted.
 */
export function summarise(
  combinations: readonly Combination[],
  filter: StoreFilter,
): { total: number; sizeBytes: number; facets: Facets } {
  const active = FACET_FIELDS.flatMap((field, index) => {
    const wanted: readonly string[] | undefined = filter[field];
    return wanted && wanted.length > 0 ? [{ index, wanted: new Set(wanted) }] : [];
  });
  const counts = FACET_FIELDS.map(() => new Map<string, number>());
  let total = 0;
  let sizeBytes = 0;
  for (const row of combinations) {
    const failing = active.filter(({ index, wanted }) => row[index] === null || !wanted.has(row[index] as string));
    if (failing.length > 1) continue;
    const count = row[FACET_FIELDS.length] as number;
    const counted = failing.length === 1 ? [failing[0].index] : FACET_FIELDS.map((_, index) => index);
    for (const index of counted) {
      const value = row[index];
      if (value !== null) counts[index].set(value as string, (counts[index].get(value as string) ?? 0) + count);
    }
    if (failing.length === 0) {
      total += count;
      sizeBytes += row[FACET_FIELDS.length + 1] as number;
    }
  }
  const facet = (index: number) =>
    Object.fromEntries([...counts[index]].sort(([left], [right]) => compareCodeUnits(left, right)));
  const facets = Object.fromEntries(FACET_FIELDS.map((field, index) => [field, facet(index)])) as Record<
    FacetField,
    Record<string, number>
  >;
  return { total, sizeBytes, facets };
}

export function pageQuery(query: StoreBackupQuery): { sql: string; params: SqlValue[]; offset: number } {
  const page = positiveInteger("page", query.page ?? 1);
  const pageSize = positiveInteger("pageSize", query.pageSize ?? DEFAULT_PAGE_SIZE);
  const where = whereOf(query);
  const offset = (page - 1) * pageSize;
  return {
    sql: `SELECT ${BACKUP_COLUMNS} FROM backups WHERE ${where.sql}
          ORDER BY ${orderBy(query.sort ?? "startedAt", query.order ?? "desc")}
          LIMIT ${pageSize} OFFSET ${offset}`,
    params: where.params,
    offset,
  };
}

export function exportQuery(query: Omit<StoreBackupQuery, "page" | "pageSize">): { sql: string; params: SqlValue[] } {
  const where = whereOf(query);
  return {
    sql: `SELECT ${BACKUP_COLUMNS} FROM backups WHERE ${where.sql}
          ORDER BY ${orderBy(query.sort ?? "startedAt", query.order ?? "desc")}`,
    params: where.params,
  };
}

/** A page: the page query and the combinations run side by side; `combinations` may answer from a cache. */
export async function queryBackupPage(
  run: Run,
  query: StoreBackupQuery,
  combinations: (filter: StoreFilter) => Promise<Combination[]>,
): Promise<StoredBackupPage> {
  const page = pageQuery(query);
  const [rows, combined] = await Promise.all([run(page.sql, page.params), combinations(query)]);
  const { total, sizeBytes, facets } = summarise(combined, query);
  return {
    items: rows.map(backupFromRow),
    total,
    page: query.page,
    pageSize: query.pageSize,
    facets,
    summary: { sizeBytes },
  };
}

// ---- the timeline ----

const GROUP_ORDER = { status: BACKUP_STATUSES, service: SERVICES } as const;

/**
 * The day index of `started_ms` as SQL: the window's days in runs of equal length (24 hours, or one 23- or
 * 25-hour day at a DST change), each run one CASE branch, so the database counts per day in the zone exactly
 * and the answer holds one row per day and group.
 */
function dayIndexSql(starts: readonly number[], params: Params): string {
  const runs: { start: number; first: number; length: number }[] = [];
  for (let day = 0; day < starts.length; day++) {
    const length = day + 1 < starts.length ? starts[day + 1] - starts[day] : DAY_MS;
    const last = runs.at(-1);
    if (last && last.length === length && starts[day] === last.start + (day - last.first) * length) continue;
    runs.push({ start: starts[day], first: day, length });
  }
  const branch = (run: (typeof runs)[number]) =>
    `${params.add(run.first)}::BIGINT + (started_ms - ${params.add(run.start)}::BIGINT) // ${params.add(run.length)}::BIGINT`;
  const branches = runs
    .slice(1)
    .map((run, index) => `WHEN started_ms < ${params.add(run.start)}::BIGINT THEN ${branch(runs[index])}`);
  return branches.length === 0 ? branch(runs[0]) : `CASE ${branches.join(" ")} ELSE ${branch(runs.at(-1)!)} END`;
}

export async function timeline(
  run: Run,
  query: Omit<TimelineQuery, "refresh">,
): Promise<FromStore<Timeline>> {
  const { groupBy, tz, ...rest } = query;
  const filter: StoreFilter = rest;
  const bounds = {
    from: filter.from === undefined ? undefined : Date.parse(filter.from),
    to: filter.to === undefined ? undefined : Date.parse(filter.to),
  };
  let extent: { earliest: number; latest: number } | null = null;
  if (bounds.from === undefined || bounds.to === undefined) {
    const where = whereOf(filter);
    const [[earliest, latest]] = await run(
      `SELECT min(started_ms)::DOUBLE, max(started_ms)::DOUBLE FROM backups WHERE ${where.sql}`,
      where.params,
    );
    extent = earliest === null ? null : { earliest: earliest as number, latest: latest as number };
  }
  const window = countWindow(bounds, extent);
  const sizes = filter.instance?.length === 1 ? await sizesOf(run, filter) : null;
  if (!window) return { days: [], groups: [], groupBy, tz, total: 0, sizes };
  let span: ReturnType<typeof daySpan>;
  try {
    span = daySpan(window.first, window.last, tz, MAX_TIMELINE_DAYS);
  } catch (error) {
    if (!(error instanceof WindowTooLongError)) throw error;
    throw new InvalidQueryError([
      { path: filter.from && filter.to ? "to" : "from", message: `${error.message}: narrow from/to` },
    ]);
  }
  const params = new Params();
  const day = dayIndexSql(span.starts, params);
  const where = whereOf(filter, params);
  const rows = await run(
    `SELECT ${day} AS day, ${groupBy}, count(*)::DOUBLE FROM backups WHERE ${where.sql} GROUP BY day, ${groupBy}`,
    where.params,
  );
  const groups = orderGroups(
    rows.map((row) => row[1] as string),
    GROUP_ORDER[groupBy],
  );
  const days = span.dates.map((date) => ({
    date,
    total: 0,
    counts: Object.fromEntries(groups.map((group) => [group, 0])) as Record<string, number>,
  }));
  let total = 0;
  for (const [index, group, count] of rows) {
    const entry = days[Number(index)];
    entry.total += count as number;
    entry.counts[group as string] += count as number;
    total += count as number;
  }
  return { days, groups, groupBy, tz, total, sizes };
}

/** Completed backups with a known size, oldest first: a failed or running backup's size says nothing. */
async function sizesOf(run: Run, filter: StoreFilter): Promise<Timeline["sizes"]> {
  const where = whereOf({ ...filter, status: ["completed"] });
  const rows = await run(
    `SELECT id, started_ms::DOUBLE, size_bytes, kind FROM backups
     WHERE ${where.sql} AND size_bytes IS NOT NULL ORDER BY started_ms ASC, service ASC, id ASC, project_id ASC`,
    where.params,
  );
  return rows.map(([id, started, size, kind]) => ({
    id: id as string,
    startedAt: new Date(started as number).toISOString(),
    sizeBytes: size as number,
    kind: kind as "full" | "incremental" | "differential",
  }));
}

// ---- coverage ----

/** The services whose incremental backups are chain links. */
const chainServices = SERVICES.filter((service) => INCREMENTAL_SUPPORT[service])
  .map((service) => `'${service}'`)
  .join(", ");

const REF_COLUMNS = "id, name, started_ms, ended_ms, size_bytes";

/**
 * One row per instance: every listed instance and every instance only its current backups name (named as its
 * latest backup names it). The facts
 * (latest full, latest incremental, latest finished full, window counts) come from SQL over current backups;
 * the recovery point by the chain rules of lib/restore/chain.ts, in SQL (the tests hold the two to the same
 * answers).
 */
async function coverageRows(
  run: Run,
  query: Pick<CoverageQuery, "rpo" | "from" | "to">,
  now: Date,
): Promise<{ rows: CoverageRow[]; window: CoverageWindow }> {
  const window: CoverageWindow = {
    from: query.from ?? new Date(now.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS).toISOString(),
    to: query.to ?? null,
  };
  const fromMs = Date.parse(window.from);
  const toMs = window.to === null ? Number.MAX_SAFE_INTEGER : Date.parse(window.to);
  // An instance is one (service, instance ID) whatever the project: a cross-region copy (offsite) is listed in the
  // region it is stored in, under another project, and is still a backup of its instance.
  const key = "service, instance_id";
  const [identities, latest, counts, chainRows] = await Promise.all([
    run(
      `SELECT service, region, project_id, id, name, engine, engine_version, status FROM instances
       UNION ALL
       SELECT service, region, project_id, instance_id, instance_name, engine, engine_version, NULL FROM (
         SELECT b.*, row_number() OVER (PARTITION BY b.service, b.instance_id ORDER BY b.started_ms DESC, b.id ASC) AS rank
         FROM backups b LEFT JOIN instances i
           ON i.service = b.service AND i.id = b.instance_id
         WHERE b.gone_ms IS NULL AND i.id IS NULL
       ) WHERE rank = 1`,
      [],
    ),
    run(
      // The latest by start per instance and category; JavaScript keeps the smallest ID among equal starts.
      `WITH candidates AS (
         SELECT ${key}, 'full' AS category, status, ${REF_COLUMNS} FROM backups
           WHERE gone_ms IS NULL AND kind = 'full' AND status = 'completed'
         UNION ALL SELECT ${key}, 'finished_full', status, ${REF_COLUMNS} FROM backups
           WHERE gone_ms IS NULL AND kind = 'full' AND status IN ('completed', 'failed')
         UNION ALL SELECT ${key}, 'incremental', status, ${REF_COLUMNS} FROM backups
           WHERE gone_ms IS NULL AND kind = 'incremental' AND status = 'completed' AND NOT offsite),
       latest AS (SELECT ${key}, category, max(started_ms) AS at FROM candidates GROUP BY ${key}, category)
       SELECT c.* FROM candidates c JOIN latest l USING (${key}, category) WHERE c.started_ms = l.at`,
      [],
    ),
    run(
      `SELECT ${key}, count(*)::DOUBLE, count(*) FILTER (WHERE status = 'failed')::DOUBLE,
         sum(coalesce(size_bytes, 0))::DOUBLE
       FROM backups WHERE gone_ms IS NULL AND started_ms >= $1::BIGINT AND started_ms < $2::BIGINT GROUP BY ${key}`,
      [fromMs, toMs],
    ),
    run(
      // The chain rules of lib/restore/chain.ts, in SQL: the latest restore base (a completed full, or a completed
      // differential started after some full had ended; offsite copies restore elsewhere and are never bases);
      // from it, links taken in start order while each starts at most the tolerance after the furthest end so far
      // (the greedy chain reaches exactly as far).
      `WITH bases AS (
         SELECT ${key}, kind, started_ms, ended_ms FROM backups
         WHERE gone_ms IS NULL AND kind IN ('full', 'differential') AND status = 'completed' AND ended_ms IS NOT NULL
           AND NOT offsite),
       first_full AS (SELECT ${key}, min(ended_ms) AS first_end FROM bases WHERE kind = 'full' GROUP BY ${key}),
       latest_base AS (
         SELECT ${key}, max(b.ended_ms) AS base_at FROM bases b JOIN first_full f USING (${key})
         WHERE b.kind = 'full' OR b.started_ms >= f.first_end GROUP BY ${key}),
       links AS (
         SELECT ${key}, b.started_ms AS link_start, b.ended_ms AS link_end, l.base_at
         FROM backups b JOIN latest_base l USING (${key})
         WHERE b.gone_ms IS NULL AND b.kind = 'incremental' AND b.status = 'completed' AND b.ended_ms IS NOT NULL
           AND NOT b.offsite AND b.ended_ms > l.base_at AND b.service IN (${chainServices})),
       reach AS (
         SELECT *, greatest(base_at, coalesce(max(link_end) OVER (PARTITION BY ${key} ORDER BY link_start
           RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), base_at)) AS covered FROM links),
       first_gap AS (
         SELECT ${key}, min(link_start) AS gap FROM reach WHERE link_start > covered + $1::BIGINT GROUP BY ${key})
       SELECT l.service, l.instance_id, greatest(l.base_at, coalesce(max(r.link_end), l.base_at))::DOUBLE
       FROM latest_base l LEFT JOIN first_gap g USING (${key})
         LEFT JOIN reach r ON r.service = l.service AND r.instance_id = l.instance_id
           AND (g.gap IS NULL OR r.link_start < g.gap)
       GROUP BY l.service, l.instance_id, l.base_at`,
      [CHAIN_TOLERANCE_SECONDS * 1000],
    ),
  ]);
  const keyOf = (service: unknown, instanceId: unknown) => `${service}|${instanceId}`;
  const facts = new Map<
    string,
    { full: BackupRef | null; incremental: BackupRef | null; finished: BackupRef | null; fullFailed: boolean }
  >();
  const factsOf = (id: string) => {
    let entry = facts.get(id);
    if (!entry) facts.set(id, (entry = { full: null, incremental: null, finished: null, fullFailed: false }));
    return entry;
  };
  for (const [service, instanceId, category, status, id, name, started, ended, size] of latest) {
    const entry = factsOf(keyOf(service, instanceId));
    const current = category === "full" ? entry.full : category === "incremental" ? entry.incremental : entry.finished;
    if (current && compareCodeUnits(current.id, id as string) < 0) continue;
    const ref = {
      id: id as string,
      name: name as string | null,
      startedAt: new Date(Number(started)).toISOString(),
      endedAt: ended === null ? null : new Date(Number(ended)).toISOString(),
      sizeBytes: size as number | null,
    };
    if (category === "full") entry.full = ref;
    else if (category === "incremental") entry.incremental = ref;
    else {
      entry.finished = ref;
      entry.fullFailed = status === "failed";
    }
  }
  const windowCounts = new Map(counts.map((row) => [keyOf(row[0], row[1]), row.slice(2) as number[]]));
  const recoveryPoints = new Map(
    chainRows.map((row) => [keyOf(row[0], row[1]), new Date(row[2] as number).toISOString()]),
  );
  const rows = identities.map((row) => {
    const identity: InstanceIdentity = {
      service: row[0] as Service,
      region: row[1] as string,
      projectId: row[2] as string,
      instanceId: row[3] as string,
      instanceName: row[4] as string | null,
      engine: row[5] as string,
      engineVersion: row[6] as string | null,
      instanceStatus: row[7] as string | null,
    };
    const id = keyOf(identity.service, identity.instanceId);
    const fact = facts.get(id);
    const [backups, failed, sizeBytes] = windowCounts.get(id) ?? [0, 0, 0];
    const recoveryPoint = recoveryPoints.get(id) ?? null;
    return coverageRowOf(
      identity,
      {
        lastFull: fact?.full ?? null,
        lastIncremental: fact?.incremental ?? null,
        lastFullFailed: fact?.fullFailed ?? false,
        recoveryPoint,
        failed,
        backups,
        sizeBytes,
      },
      { rpoMs: query.rpo * 3_600_000, now: now.getTime() },
    );
  });
  return { rows, window };
}

export async function coverage(run: Run, query: Omit<CoverageQuery, "refresh">, now: Date) {
  const { rows, window } = await coverageRows(run, query, now);
  const view = queryCoverage(rows, query);
  return {
    items: view.items,
    total: view.total,
    page: query.page,
    pageSize: query.pageSize,
    facets: view.facets,
    rpoHours: query.rpo,
    window,
  };
}

export async function exportCoverage(
  run: Run,
  query: Omit<CoverageQuery, "refresh" | "page" | "pageSize">,
  now: Date,
): Promise<{ rows: CoverageRow[]; window: CoverageWindow }> {
  const { rows, window } = await coverageRows(run, query, now);
  return { rows: sortedCoverage(rows, query).rows, window };
}
