import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  BACKUP_KINDS,
  BACKUP_STATUSES,
  BACKUP_TRIGGERS,
  type Backup,
  ENGINES,
  type Instance,
  SERVICES,
  type Service,
} from "../lib/inventory/model";
import { backupsCsvStream } from "../lib/inventory/csv";
import { SORT_FIELDS } from "../lib/inventory/query";
import { findRestorePoint, prepareChains } from "../lib/restore/chain";
import { openDuckDBStore, STORE_FILE } from "../lib/store/duckdb";
import type { BackupStore, SourceKey, StoreBackupQuery } from "../lib/store/types";
import { median, percentile, round } from "./stats";

/**
 * The store benchmark (lib/store/README.md, "Measured"): fills a DuckDB store through applyListing with synthetic
 * backups at each scale, then times the queries the routes make, the export (rows, and CSV through
 * lib/inventory/csv.ts), a steady sync cycle's commit and the reopen; and, on a fresh store, the queries while a
 * first sync writes. Each scale and scenario runs in a fresh process, so its RSS is its own.
 *
 *   node --conditions=react-server --import tsx bench/store.ts [--rows 274000,1000000,3000000] [--queries 120]
 *     [--during-sync 274000] [--store-dir <folder>]
 *
 * `--store-dir` keeps each scale's filled store in `<folder>/<rows>` and reuses it on the next run (no fill: for
 * profiling; the steady cycles add a few rows each run). `--during-sync ""` skips that scenario. Prints one JSON
 * object per scale and scenario, then a summary.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const FIVE_MINUTES = 300_000;
const NOW = Date.UTC(2026, 10, 22, 8, 0, 0);

/** 200 instances over three services and four projects: 100 TaurusDB, 60 RDS, 40 DCS (the real-volume account). */
const PROJECTS = [
  { region: "cn-north-4", projectId: "0483b6b16e954cb88930a360d2c4e663" },
  { region: "cn-east-3", projectId: "1f9d5a8e3c2b4a6f8e7d6c5b4a3f2e1d" },
  { region: "ap-southeast-1", projectId: "2a8c7e6d5f4b3a2918e7d6c5b4a3f2e0" },
  { region: "eu-west-101", projectId: "3b7d6c5e4f3a2b1908f7e6d5c4b3a2f1" },
];
const INSTANCES_PER_SERVICE: Record<Service, number> = { taurusdb: 100, rds: 60, dcs: 40 };

function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface BenchInstance extends Instance {
  /** Whether it takes a log backup every 5 minutes. */
  logs: boolean;
}

function instancesOf(): BenchInstance[] {
  const random = generator(7);
  return SERVICES.flatMap((service) =>
    Array.from({ length: INSTANCES_PER_SERVICE[service] }, (_, index): BenchInstance => {
      const project = PROJECTS[index % PROJECTS.length];
      const engine =
        service === "taurusdb" ? "gaussdb-mysql" : service === "dcs" ? "redis" : (["mysql", "postgresql", "sqlserver"] as const)[index % 3];
      return {
        service,
        ...project,
        id: `${service.slice(0, 2)}${index.toString(16).padStart(4, "0")}${Math.floor(random() * 1e12).toString(36)}in07`,
        name: `${["orders", "billing", "prod", "staging", "release", "search"][index % 6]}-db-${index}`,
        engine,
        engineVersion: service === "dcs" ? "5.0" : "8.0",
        status: "ACTIVE",
        // RDS SQL Server has no log backups in this mix; every TaurusDB and other RDS instance has them.
        logs: service === "taurusdb" || (service === "rds" && engine !== "sqlserver"),
      };
    }),
  );
}

/** One backup of an instance: 2 % failed, running ones in the last 20 minutes, some nulls, 3 % offsite. */
function benchBackup(
  instance: BenchInstance,
  kind: Backup["kind"],
  started: number,
  id: string,
  day: number,
  random: () => number,
): Backup {
  const roll = random();
  const status = roll < 0.02 ? "failed" : started > NOW - 20 * 60_000 && roll < 0.3 ? "in_progress" : "completed";
  const running = status === "in_progress";
  const length = kind === "full" ? 600_000 + Math.floor(random() * 3_000_000) : FIVE_MINUTES - 5_000;
  return {
    id,
    service: instance.service,
    engine: instance.engine,
    engineVersion: instance.engineVersion,
    region: instance.region,
    projectId: instance.projectId,
    instanceId: instance.id,
    instanceName: random() < 0.05 ? null : instance.name,
    name: kind === "full" ? `${instance.name}-${random() < 0.1 ? "manual" : "auto"}-${day}` : null,
    kind,
    trigger: kind === "incremental" ? "auto" : random() < 0.05 ? null : random() < 0.1 ? "manual" : "auto",
    status,
    rawStatus: status === "completed" ? "COMPLETED" : status === "failed" ? "FAILED" : "BUILDING",
    startedAt: new Date(started).toISOString(),
    endedAt: running ? null : new Date(started + length).toISOString(),
    durationSeconds: running || kind === "incremental" ? null : length / 1000,
    sizeBytes: running ? null : Math.floor(random() * (kind === "full" ? 5e10 : 5e7)),
    description: random() < 0.2 ? "Before MIGRATION of the release" : null,
    details: kind === "incremental" && random() < 0.03 ? { offsite: true } : { format: "physical" },
  };
}

/** One day of one instance's backups (day 0 ends at NOW): a daily full at 02:00 and, with logs, an incremental every 5 minutes. */
function dayOfBackups(instance: BenchInstance, day: number, random: () => number): Backup[] {
  const dayStart = NOW - (day + 1) * DAY_MS;
  const id = (kind: Backup["kind"], index: number) => `${instance.id.slice(0, 12)}${kind[0]}${day.toString(36)}x${index.toString(36)}br01`;
  const backups = [benchBackup(instance, "full", dayStart + 2 * HOUR_MS, id("full", 0), day, random)];
  if (instance.logs)
    for (let slot = 0; slot < DAY_MS / FIVE_MINUTES; slot++)
      backups.push(benchBackup(instance, "incremental", dayStart + slot * FIVE_MINUTES, id("incremental", slot + 1), day, random));
  return backups;
}

function rowsPerDay(instances: readonly BenchInstance[]): number {
  return instances.reduce((sum, instance) => sum + 1 + (instance.logs ? DAY_MS / FIVE_MINUTES : 0), 0);
}

interface Timings {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

function timings(values: number[]): Timings {
  return {
    count: values.length,
    p50: round(median(values)),
    p95: round(percentile(values, 95)),
    max: round(Math.max(...values)),
  };
}

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

function rssMiB(): number {
  return round(process.memoryUsage().rss / 1048576);
}

/** The process's peak RSS, sampled every 20 ms whenever the event loop lets the timer run. */
function rssSampler() {
  let peak = rssMiB();
  const timer = setInterval(() => (peak = Math.max(peak, rssMiB())), 20);
  return {
    peak: () => (peak = Math.max(peak, rssMiB())),
    stop: () => clearInterval(timer),
  };
}

function mixedQueries(count: number, instances: readonly BenchInstance[]): StoreBackupQuery[] {
  const random = generator(20261122);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const filters: Array<() => Partial<StoreBackupQuery>> = [
    () => ({ service: [pick(SERVICES)] }),
    () => ({ engine: [pick(ENGINES)] }),
    () => ({ status: [pick(BACKUP_STATUSES)] }),
    () => ({ status: ["failed", "in_progress"] }),
    () => ({ kind: [pick(BACKUP_KINDS)] }),
    () => ({ trigger: [pick(BACKUP_TRIGGERS)] }),
    () => ({ region: [pick(PROJECTS).region] }),
    () => ({ instance: [pick(instances).id] }),
    () => ({ instance: [pick(instances).id, pick(instances).id, pick(instances).id] }),
    () => ({ q: pick(["prod", "orders", "manual", "staging", "billing-db", "release"]) }),
    // A backup ID's first 8 characters are its instance's.
    () => ({ q: pick(instances).id.slice(0, 8) }),
    () => ({ from: new Date(NOW - pick([1, 24, 7 * 24]) * HOUR_MS).toISOString() }),
    () => {
      const to = NOW - Math.floor(random() * 6 * 24) * HOUR_MS;
      return { from: new Date(to - 24 * HOUR_MS).toISOString(), to: new Date(to).toISOString() };
    },
  ];
  return Array.from({ length: count }, (_, index) => {
    const query: StoreBackupQuery = {
      sort: SORT_FIELDS[index % SORT_FIELDS.length],
      order: random() < 0.5 ? "desc" : "asc",
      page: pick([1, 1, 1, 1, 2, 3, 10]),
      pageSize: pick([50, 50, 50, 100, 1000]),
      presence: "current",
    };
    const filterCount = pick([0, 1, 1, 1, 2, 2, 3]);
    for (let filter = 0; filter < filterCount; filter++) Object.assign(query, pick(filters)());
    return query;
  });
}

const COVERAGE_SORTS = ["status", "instanceName", "lastFullAt", "sizeBytes", "backups"] as const;

function coverageQuery(run: number) {
  return {
    rpo: 24,
    sort: COVERAGE_SORTS[run % COVERAGE_SORTS.length],
    order: "desc" as const,
    page: 1,
    pageSize: 50,
    service: run % 3 === 0 ? (["rds"] as Service[]) : undefined,
  };
}

function timelineQuery(run: number) {
  return {
    presence: "current" as const,
    groupBy: run % 2 === 0 ? ("status" as const) : ("service" as const),
    tz: ["UTC", "Europe/Berlin", "Asia/Shanghai"][run % 3],
    service: run % 4 === 0 ? (["taurusdb"] as Service[]) : undefined,
    from: run % 5 === 0 ? new Date(NOW - 7 * DAY_MS).toISOString() : undefined,
  };
}

/** The restore finder's work: an instance's backups, its chains and the plan for a time. */
async function restorePoint(store: BackupStore, instance: BenchInstance, at: Date) {
  const backups = (await store.instanceBackups(instance.id)).filter((backup) => backup.service === instance.service);
  return findRestorePoint(prepareChains(backups, instance.service), at, new Date(NOW));
}

interface BenchSource {
  key: SourceKey;
  instances: BenchInstance[];
}

/** The account's sources (service × project) and their instances. */
function sourcesOf(instances: readonly BenchInstance[]): BenchSource[] {
  const sources = new Map<string, BenchSource>();
  for (const instance of instances) {
    const id = `${instance.service}|${instance.projectId}`;
    const entry = sources.get(id) ?? {
      key: { service: instance.service, region: instance.region, projectId: instance.projectId },
      instances: [],
    };
    entry.instances.push(instance);
    sources.set(id, entry);
  }
  return [...sources.values()];
}

function listingOf(
  source: BenchSource,
  seenAt: number,
  backups: Backup[],
  complete: boolean,
): Parameters<BackupStore["applyListing"]>[0] {
  return {
    source: source.key,
    seenAt: new Date(seenAt),
    backups,
    instances: source.instances.map(({ logs: _logs, ...instance }) => instance),
    complete,
    listedBefore: complete ? new Date(seenAt) : undefined,
    cursor: { newestStartMs: seenAt, lastCompleteMs: complete ? seenAt : null },
    calls: Math.ceil(backups.length / 50),
    durationMs: 1000,
    skipped: 0,
    skippedReason: null,
  };
}

/** Oldest day first, one listing per source and day: the history a sync builds up, cycle after cycle. */
async function fill(store: BackupStore, instances: readonly BenchInstance[], days: number) {
  const random = generator(42);
  let rows = 0;
  const commitMs: number[] = [];
  for (let day = days - 1; day >= 0; day--)
    for (const source of sourcesOf(instances)) {
      const backups = source.instances.flatMap((instance) => dayOfBackups(instance, day, random));
      rows += backups.length;
      const [ms] = await time(() => store.applyListing(listingOf(source, NOW - day * DAY_MS, backups, false)));
      commitMs.push(ms);
    }
  return { rows, commits: timings(commitMs) };
}

/**
 * A steady cycle of one source on the filled store: its instances listed again, and its time-windowed lists read
 * from the newest start minus the sync's 3-hour margin, with one new incremental per instance that takes them.
 */
async function steadyCycles(store: BackupStore, instances: readonly BenchInstance[], cycles: number) {
  const source = sourcesOf(instances)[0];
  const random = generator(11);
  const commitMs: number[] = [];
  let listed = 0;
  for (let cycle = 0; cycle < cycles; cycle++) {
    const now = NOW + (cycle + 1) * FIVE_MINUTES;
    const backups = source.instances.flatMap((instance) => [
      ...dayOfBackups(instance, 0, random).filter((backup) => Date.parse(backup.startedAt) >= now - 3 * HOUR_MS),
      ...(instance.logs
        ? [benchBackup(instance, "incremental", now - FIVE_MINUTES, `${instance.id.slice(0, 12)}s${cycle.toString(36)}br01`, 0, random)]
        : []),
    ]);
    listed += backups.length;
    commitMs.push((await time(() => store.applyListing(listingOf(source, now, backups, false))))[0]);
  }
  return { source: `${source.key.service} ${source.key.region}`, rowsPerListing: Math.round(listed / cycles), ms: timings(commitMs) };
}

/** The CSV export as the route writes it: the store's batches through lib/inventory/csv.ts's stream, read to the end. */
async function exportCsv(store: BackupStore) {
  let rows = 0;
  async function* counted() {
    for await (const batch of store.exportBackups({ sort: "startedAt", order: "desc", presence: "current" })) {
      rows += batch.length;
      yield batch;
    }
  }
  let bytes = 0;
  const reader = backupsCsvStream(counted(), { history: false }).getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
  return { rows, bytes };
}

async function exportRows(store: BackupStore) {
  let rows = 0;
  for await (const batch of store.exportBackups({ sort: "startedAt", order: "desc", presence: "current" }))
    rows += batch.length;
  return rows;
}

const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000));

interface ScaleOptions {
  rows: number;
  queries: number;
  /** Keep the filled store in this folder, and reuse it when it is already there (no fill). */
  directory?: string;
}

async function measureScale({ rows: targetRows, queries: queryCount, directory: kept }: ScaleOptions) {
  const instances = instancesOf();
  const days = Math.max(1, Math.round(targetRows / rowsPerDay(instances)));
  const directory = kept ?? (await mkdtemp(path.join(os.tmpdir(), "store-bench-")));
  const options = { directory, memoryLimit: "512MB", threads: 2 };
  const rss = rssSampler();
  try {
    let store: BackupStore = await openDuckDBStore(options);
    const reused = (await store.sourceStates()).length > 0;
    const [fillMs, filled] = reused ? [0, null] : await time(() => fill(store, instances, days));
    const rows = (await store.queryBackups({ sort: "startedAt", order: "desc", page: 1, pageSize: 1, presence: "all" })).total;
    const queries = mixedQueries(queryCount, instances);
    const invalidate = () => store.purgeGone(new Date(0));

    // The first run of each query, with facet combinations reused only within a data version (as served)...
    const served: number[] = [];
    for (const query of queries) served.push((await time(() => store.queryBackups(query)))[0]);
    // ...and with every cached combination dropped before each query (a commit between every two).
    const cold: number[] = [];
    const pageOnly: number[] = [];
    for (const query of queries) {
      await invalidate();
      cold.push((await time(() => store.queryBackups(query)))[0]);
      pageOnly.push((await time(() => store.queryBackups(query)))[0]);
    }
    const bySort: Record<string, number[]> = {};
    queries.forEach((query, index) => (bySort[query.sort] ??= []).push(cold[index]));

    const coverageMs: number[] = [];
    for (let run = 0; run < 15; run++) coverageMs.push((await time(() => store.coverage(coverageQuery(run), new Date(NOW))))[0]);
    const timelineMs: number[] = [];
    for (let run = 0; run < 15; run++) timelineMs.push((await time(() => store.timeline(timelineQuery(run))))[0]);
    const restoreMs: number[] = [];
    const random = generator(3);
    for (let run = 0; run < 15; run++) {
      const instance = instances[Math.floor(random() * instances.length)];
      const at = new Date(NOW - Math.floor(random() * days * DAY_MS));
      restoreMs.push((await time(() => restorePoint(store, instance, at)))[0]);
    }

    const rssAfterQueries = rssMiB();
    const [rowsMs, exported] = await time(() => exportRows(store));
    const [csvMs, csv] = await time(() => exportCsv(store));
    const steady = await steadyCycles(store, instances, 10);

    await store.close();
    const file = path.join(directory, STORE_FILE);
    const fileMiB = round((await stat(file)).size / 1048576);
    const [reopenMs] = await time(async () => {
      store = await openDuckDBStore(options);
      await store.queryBackups({ sort: "startedAt", order: "desc", page: 1, pageSize: 50, presence: "current" });
    });
    await store.close();
    return {
      rows,
      days,
      instances: instances.length,
      fill: filled && {
        seconds: round(fillMs / 1000),
        rowsPerSecond: perSecond(filled.rows, fillMs),
        commitMs: filled.commits,
      },
      pageFacetsServed: timings(served),
      pageFacetsCold: timings(cold),
      pageFacetsRepeated: timings(pageOnly),
      coldBySort: Object.fromEntries(Object.entries(bySort).map(([sort, values]) => [sort, round(median(values))])),
      coverage: timings(coverageMs),
      timeline: timings(timelineMs),
      restore: timings(restoreMs),
      export: { rows: exported, seconds: round(rowsMs / 1000, 2), rowsPerSecond: perSecond(exported, rowsMs) },
      exportCsv: {
        rows: csv.rows,
        MiB: round(csv.bytes / 1048576),
        seconds: round(csvMs / 1000, 2),
        rowsPerSecond: perSecond(csv.rows, csvMs),
      },
      steadyCycle: steady,
      rssMiB: { afterQueries: rssAfterQueries, peak: rss.peak() },
      fileMiB,
      reopenToFirstPageMs: round(reopenMs),
    };
  } finally {
    rss.stop();
    if (!kept) await rm(directory, { recursive: true, force: true });
  }
}

/**
 * Queries while a first sync writes: a fresh store, one writer committing each source's whole history as one
 * listing (as a first sync does), source after source and then over again, while the routes' queries run one
 * after another until `queryCount` of each kind have answered.
 */
async function measureDuringFirstSync({ rows: targetRows, queries: queryCount }: ScaleOptions) {
  const instances = instancesOf();
  const days = Math.max(1, Math.round(targetRows / rowsPerDay(instances)));
  const directory = await mkdtemp(path.join(os.tmpdir(), "store-bench-sync-"));
  const store = await openDuckDBStore({ directory, memoryLimit: "512MB", threads: 2 });
  try {
    const sources = sourcesOf(instances);
    let writing = true;
    const commitMs: number[] = [];
    let written = 0;
    let firstCommit: () => void = () => undefined;
    const committed = new Promise<void>((resolve) => (firstCommit = resolve));
    const writer = (async () => {
      const random = generator(42);
      for (let pass = 0; writing; pass++)
        for (const source of sources) {
          if (!writing) break;
          const backups = source.instances.flatMap((instance) =>
            Array.from({ length: days }, (_, day) => dayOfBackups(instance, day, random)).flat(),
          );
          const seenAt = NOW + pass * FIVE_MINUTES;
          commitMs.push((await time(() => store.applyListing(listingOf(source, seenAt, backups, true))))[0]);
          written += backups.length;
          firstCommit();
        }
    })();
    await committed;
    const queries = mixedQueries(queryCount, instances);
    const measured = { pageFacets: [] as number[], coverage: [] as number[], timeline: [] as number[], restore: [] as number[] };
    const random = generator(3);
    for (let run = 0; run < queryCount; run++) {
      measured.pageFacets.push((await time(() => store.queryBackups(queries[run])))[0]);
      measured.coverage.push((await time(() => store.coverage(coverageQuery(run), new Date(NOW))))[0]);
      measured.timeline.push((await time(() => store.timeline(timelineQuery(run))))[0]);
      const instance = instances[Math.floor(random() * instances.length)];
      measured.restore.push((await time(() => restorePoint(store, instance, new Date(NOW - Math.floor(random() * days * DAY_MS)))))[0]);
    }
    writing = false;
    await writer;
    return {
      rows: Math.round(days * rowsPerDay(instances)),
      writer: { commits: commitMs.length, rowsWritten: written, commitMs: timings(commitMs) },
      pageFacets: timings(measured.pageFacets),
      coverage: timings(measured.coverage),
      timeline: timings(measured.timeline),
      restore: timings(measured.restore),
      all: timings(Object.values(measured).flat()),
    };
  } finally {
    await store.close();
    await rm(directory, { recursive: true, force: true });
  }
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

const scalesOf = (text: string) => (text === "" ? [] : text.split(",").map(Number));

/** Runs one scenario at one scale in a fresh process (so that its RSS is its own) and returns its figures. */
function child(scenario: "scale" | "sync-scale", rows: number, queries: number, directory: string | undefined) {
  const load = os.loadavg()[0];
  const args = [...process.execArgv, fileURLToPath(import.meta.url), `--${scenario}`, String(rows), "--queries", String(queries)];
  if (directory) args.push("--store-dir", path.join(directory, String(rows)));
  const run = spawnSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`the ${scenario} run at ${rows} rows failed (${run.status})`);
  return { ...JSON.parse(run.stdout.trim().split("\n").at(-1)!), loadBefore: round(load, 2), loadAfter: round(os.loadavg()[0], 2) };
}

async function main(): Promise<void> {
  const queries = Number(argument("queries") ?? 120);
  const directory = argument("store-dir");
  const one = argument("scale");
  if (one) {
    console.log(JSON.stringify(await measureScale({ rows: Number(one), queries, directory })));
    return;
  }
  const oneDuringSync = argument("sync-scale");
  if (oneDuringSync) {
    console.log(JSON.stringify(await measureDuringFirstSync({ rows: Number(oneDuringSync), queries })));
    return;
  }
  const scales = scalesOf(argument("rows") ?? "274000,1000000,3000000");
  const syncScales = scalesOf(argument("during-sync") ?? "274000");
  const results = [];
  for (const scale of scales) {
    const result = child("scale", scale, queries, directory);
    console.log(JSON.stringify(result));
    results.push(result);
  }
  const syncResults = [];
  for (const scale of syncScales) {
    const result = child("sync-scale", scale, Math.min(queries, 60), undefined);
    console.log(JSON.stringify(result));
    syncResults.push(result);
  }
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  console.log(`\ncommit ${commit}, ${os.cpus().length} cores, Node.js ${process.version}`);
  for (const r of results)
    console.log(
      `${r.rows} rows: page+facets p50/p95 ${r.pageFacetsServed.p50}/${r.pageFacetsServed.p95} ms (cold ${r.pageFacetsCold.p50}/${r.pageFacetsCold.p95}), ` +
        `coverage ${r.coverage.p50}/${r.coverage.p95}, timeline ${r.timeline.p50}/${r.timeline.p95}, restore ${r.restore.p50}/${r.restore.p95} ms, ` +
        `export ${r.export.rowsPerSecond} rows/s (CSV ${r.exportCsv.rowsPerSecond}), steady cycle ${r.steadyCycle.ms.p50}/${r.steadyCycle.ms.p95} ms, ` +
        `fill ${r.fill ? `${r.fill.rowsPerSecond} rows/s` : "reused"}, RSS ${r.rssMiB.peak} MiB, file ${r.fileMiB} MiB, reopen ${r.reopenToFirstPageMs} ms, ` +
        `load ${r.loadBefore}→${r.loadAfter}`,
    );
  for (const r of syncResults)
    console.log(
      `during a first sync to ${r.rows} rows (${r.writer.commits} commits, p50 ${r.writer.commitMs.p50} ms): page+facets p95 ${r.pageFacets.p95}, ` +
        `coverage ${r.coverage.p95}, timeline ${r.timeline.p95}, restore ${r.restore.p95}, all ${r.all.p50}/${r.all.p95} ms, load ${r.loadBefore}→${r.loadAfter}`,
    );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
export { measureDuringFirstSync, measureScale };
