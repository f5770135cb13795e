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
import { SORT_FIELDS } from "../lib/inventory/query";
import { findRestorePoint, prepareChains } from "../lib/restore/chain";
import { openDuckDBStore } from "../lib/store/duckdb";
import type { BackupStore, SourceKey, StoreBackupQuery } from "../lib/store/types";
import { median, percentile, round } from "./stats";

/**
 * The store benchmark (lib/store/README.md, "Measured"): fills a DuckDB store through applyListing with synthetic
 * backups at each scale, then times the queries the routes make. Each scale runs in a fresh process, so its RSS
 * is its own.
 *
 *   node --conditions=react-server --import tsx bench/store.ts [--rows 274000,1000000,3000000] [--queries 120]
 *
 * Prints one JSON object per scale and a summary table.
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

/** One day of one instance's backups: a daily full at 02:00 and, with logs, an incremental every 5 minutes. */
function dayOfBackups(instance: BenchInstance, day: number, random: () => number): Backup[] {
  const dayStart = NOW - (day + 1) * DAY_MS;
  const backups: Backup[] = [];
  const make = (kind: Backup["kind"], started: number, index: number): Backup => {
    const roll = random();
    const status = roll < 0.02 ? "failed" : started > NOW - 20 * 60_000 && roll < 0.3 ? "in_progress" : "completed";
    const running = status === "in_progress";
    const length = kind === "full" ? 600_000 + Math.floor(random() * 3_000_000) : FIVE_MINUTES - 5_000;
    return {
      id: `${instance.id.slice(0, 12)}${kind[0]}${day.toString(36)}x${index.toString(36)}br01`,
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
  };
  backups.push(make("full", dayStart + 2 * HOUR_MS, 0));
  if (instance.logs)
    for (let slot = 0; slot < DAY_MS / FIVE_MINUTES; slot++)
      backups.push(make("incremental", dayStart + slot * FIVE_MINUTES, slot + 1));
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

function mixedQueries(count: number, instances: readonly BenchInstance[], sample: Backup[]): StoreBackupQuery[] {
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
    () => ({ q: pick(sample).id.slice(0, 8) }),
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

async function fill(store: BackupStore, instances: readonly BenchInstance[], days: number) {
  const random = generator(42);
  const sources = new Map<string, { key: SourceKey; instances: BenchInstance[] }>();
  for (const instance of instances) {
    const id = `${instance.service}|${instance.projectId}`;
    const entry = sources.get(id) ?? {
      key: { service: instance.service, region: instance.region, projectId: instance.projectId },
      instances: [],
    };
    entry.instances.push(instance);
    sources.set(id, entry);
  }
  let rows = 0;
  let sample: Backup[] = [];
  const commitMs: number[] = [];
  // Oldest day first, one listing per source and day: the history a sync builds up.
  for (let day = days - 1; day >= 0; day--)
    for (const { key, instances: own } of sources.values()) {
      const backups = own.flatMap((instance) => dayOfBackups(instance, day, random));
      rows += backups.length;
      if (day === 0) sample = sample.concat(backups.filter((_, index) => index % 97 === 0));
      const [ms] = await time(() =>
        store.applyListing({
          source: key,
          seenAt: new Date(NOW - day * DAY_MS),
          backups,
          instances: own.map(({ logs: _logs, ...instance }) => instance),
          complete: false,
          cursor: { newestStartMs: NOW - day * DAY_MS, lastCompleteMs: null },
          calls: Math.ceil(backups.length / 50),
          durationMs: 1000,
          skipped: 0,
          skippedReason: null,
        }),
      );
      commitMs.push(ms);
    }
  return { rows, sample, commits: timings(commitMs) };
}

async function measureScale(targetRows: number, queryCount: number) {
  const instances = instancesOf();
  const days = Math.max(1, Math.round(targetRows / rowsPerDay(instances)));
  const directory = await mkdtemp(path.join(os.tmpdir(), "store-bench-"));
  const options = { directory, memoryLimit: "512MB", threads: 2 };
  try {
    let store: BackupStore = await openDuckDBStore(options);
    const [fillMs, filled] = await time(() => fill(store, instances, days));
    const { sample } = filled;
    const queries = mixedQueries(queryCount, instances, sample);
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
    for (let run = 0; run < 15; run++) {
      const query = {
        rpo: 24,
        sort: (["status", "instanceName", "lastFullAt", "sizeBytes", "backups"] as const)[run % 5],
        order: "desc" as const,
        page: 1,
        pageSize: 50,
        service: run % 3 === 0 ? (["rds"] as Service[]) : undefined,
      };
      coverageMs.push((await time(() => store.coverage(query, new Date(NOW))))[0]);
    }
    const timelineMs: number[] = [];
    for (let run = 0; run < 15; run++) {
      const query = {
        presence: "current" as const,
        groupBy: run % 2 === 0 ? ("status" as const) : ("service" as const),
        tz: ["UTC", "Europe/Berlin", "Asia/Shanghai"][run % 3],
        service: run % 4 === 0 ? (["taurusdb"] as Service[]) : undefined,
        from: run % 5 === 0 ? new Date(NOW - 7 * DAY_MS).toISOString() : undefined,
      };
      timelineMs.push((await time(() => store.timeline(query)))[0]);
    }
    const restoreMs: number[] = [];
    const random = generator(3);
    for (let run = 0; run < 15; run++) {
      const instance = instances[Math.floor(random() * instances.length)];
      const at = new Date(NOW - Math.floor(random() * days * DAY_MS));
      restoreMs.push(
        (
          await time(async () => {
            const backups = (await store.instanceBackups(instance.id)).filter((backup) => backup.service === instance.service);
            return findRestorePoint(prepareChains(backups, instance.service), at, new Date(NOW));
          })
        )[0],
      );
    }

    const rssBeforeExport = rssMiB();
    let peakRss = rssBeforeExport;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMiB())), 20);
    const [exportMs, exported] = await time(async () => {
      let count = 0;
      for await (const batch of store.exportBackups({ sort: "startedAt", order: "desc", presence: "current" }))
        count += batch.length;
      return count;
    });
    clearInterval(sampler);
    const rss = rssMiB();

    await store.close();
    const file = path.join(directory, "inventory.duckdb");
    const fileMiB = round((await stat(file)).size / 1048576);
    const [reopenMs] = await time(async () => {
      store = await openDuckDBStore(options);
      await store.queryBackups({ sort: "startedAt", order: "desc", page: 1, pageSize: 50, presence: "current" });
    });
    await store.close();
    return {
      rows: filled.rows,
      days,
      instances: instances.length,
      fill: { seconds: round(fillMs / 1000), rowsPerSecond: Math.round(filled.rows / (fillMs / 1000)), commitMs: filled.commits },
      pageFacetsServed: timings(served),
      pageFacetsCold: timings(cold),
      pageFacetsRepeated: timings(pageOnly),
      coldBySort: Object.fromEntries(Object.entries(bySort).map(([sort, values]) => [sort, round(median(values))])),
      coverage: timings(coverageMs),
      timeline: timings(timelineMs),
      restore: timings(restoreMs),
      export: { rows: exported, seconds: round(exportMs / 1000, 2), rowsPerSecond: Math.round(exported / (exportMs / 1000)) },
      rssMiB: { afterQueries: rssBeforeExport, exportPeak: peakRss, end: rss },
      fileMiB,
      reopenToFirstPageMs: round(reopenMs),
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
  const queries = Number(argument("queries") ?? 120);
  const one = argument("scale");
  if (one) {
    console.log(JSON.stringify(await measureScale(Number(one), queries)));
    return;
  }
  const scales = (argument("rows") ?? "274000,1000000,3000000").split(",").map(Number);
  const self = fileURLToPath(import.meta.url);
  const results = [];
  for (const scale of scales) {
    const load = os.loadavg()[0];
    const child = spawnSync(process.execPath, [...process.execArgv, self, "--scale", String(scale), "--queries", String(queries)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) throw new Error(`the ${scale}-row run failed (${child.status})`);
    const result = { ...JSON.parse(child.stdout.trim().split("\n").at(-1)!), loadBefore: round(load, 2), loadAfter: round(os.loadavg()[0], 2) };
    console.log(JSON.stringify(result));
    results.push(result);
  }
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  console.log(`\ncommit ${commit}, ${os.cpus().length} cores, Node.js ${process.version}`);
  for (const r of results)
    console.log(
      `${r.rows} rows: page+facets p50/p95 ${r.pageFacetsServed.p50}/${r.pageFacetsServed.p95} ms (cold ${r.pageFacetsCold.p50}/${r.pageFacetsCold.p95}), ` +
        `coverage ${r.coverage.p50}/${r.coverage.p95}, timeline ${r.timeline.p50}/${r.timeline.p95}, restore ${r.restore.p50}/${r.restore.p95} ms, ` +
        `export ${r.export.rowsPerSecond} rows/s, RSS ${r.rssMiB.exportPeak} MiB, file ${r.fileMiB} MiB, reopen ${r.reopenToFirstPageMs} ms, load ${r.loadBefore}→${r.loadAfter}`,
    );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
export { measureScale };
