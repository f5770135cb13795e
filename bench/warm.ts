import { CloudClient } from "../lib/cloud/client";
import {
  BACKUP_KINDS,
  BACKUP_STATUSES,
  BACKUP_TRIGGERS,
  type Backup,
  ENGINES,
  SERVICES,
  type Service,
} from "../lib/inventory/model";
import { type BackupQuery, SORT_FIELDS, toSearchParams } from "../lib/inventory/query";
import type { Simulator } from "../lib/simulator";
import { fetchDcs } from "../lib/sources/dcs";
import { fetchRds } from "../lib/sources/rds";
import { fetchTaurusdb } from "../lib/sources/taurusdb";
import type { FetchPlan, SourceContext, SourceResult } from "../lib/sources/types";
import { LATENCY_MS } from "./fetch";
import { backupPage } from "./http";
import { median, percentile } from "./stats";

/**
 * Scenario 3: warm queries (filter, sort, page, facets) through `GET /api/backups` on a server whose store holds
 * 200,000+ backups.
 */

type WarmQuery = Partial<BackupQuery>;

const FETCHERS: Record<Service, (ctx: SourceContext, plan: FetchPlan) => Promise<SourceResult>> = {
  taurusdb: fetchTaurusdb,
  rds: fetchRds,
  dcs: fetchDcs,
};

/**
 * The backups the server holds, listed the same way in this process (the adapters), with the simulator's latency
 * off for the while (then set to `latencyMs`): the queries are drawn from them.
 */
export async function fetchInventory(simulator: Simulator, latencyMs: number): Promise<{ backups: Backup[] }> {
  const client = new CloudClient({ credentials: simulator.credentials });
  for (const service of SERVICES) simulator.setFaults(service, { latencyMs: 0 });
  try {
    const results = await Promise.all(
      simulator.projects.flatMap((project) =>
        SERVICES.map((service) =>
          FETCHERS[service]({ client, endpoint: simulator.endpoints[service], project, now: new Date() }, {}),
        ),
      ),
    );
    return { backups: results.flatMap((result) => result.backups) };
  } finally {
    for (const service of SERVICES) simulator.setFaults(service, { latencyMs });
    client.close();
  }
}

/** mulberry32: a small seeded generator, so that every run asks the same queries. */
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

const HOUR_MS = 3_600_000;

/**
 * A mixed, repeatable set of what the dashboard asks: 0 to 3 filters (facet values, instances, text search,
 * time windows), every sort field in both orders, first, middle and far pages, small and large page sizes.
 */
export function mixedQueries(backups: readonly Backup[], count: number): WarmQuery[] {
  const random = generator(20261122);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const sample = (): Backup => backups[Math.floor(random() * backups.length)];
  let newest = Number.NEGATIVE_INFINITY;
  for (const backup of backups) newest = Math.max(newest, Date.parse(backup.startedAt));
  const regions = [...new Set(backups.map((backup) => backup.region))];
  const filters: Array<() => WarmQuery> = [
    () => ({ service: [pick(SERVICES)] }),
    () => ({ engine: [pick(ENGINES)] }),
    () => ({ status: [pick(BACKUP_STATUSES)] }),
    () => ({ status: ["failed", "in_progress"] }),
    () => ({ kind: [pick(BACKUP_KINDS)] }),
    () => ({ trigger: [pick(BACKUP_TRIGGERS)] }),
    () => ({ region: [pick(regions)] }),
    () => ({ instance: [sample().instanceId] }),
    () => ({ instance: [sample().instanceId, sample().instanceId, sample().instanceId] }),
    () => ({ q: pick(["prod", "orders", "manual", "staging", "billing-db", "release"]) }),
    () => ({ q: sample().id.slice(0, 8) }),
    () => ({ q: (sample().instanceName ?? "db").slice(0, 10) }),
    () => ({ from: new Date(newest - pick([1, 24, 7 * 24]) * HOUR_MS).toISOString() }),
    () => {
      const to = newest - Math.floor(random() * 20 * 24) * HOUR_MS;
      return { from: new Date(to - 24 * HOUR_MS).toISOString(), to: new Date(to).toISOString() };
    },
  ];
  const queries: WarmQuery[] = [];
  for (let index = 0; index < count; index++) {
    const query: WarmQuery = {
      sort: SORT_FIELDS[index % SORT_FIELDS.length],
      order: random() < 0.5 ? "desc" : "asc",
      page: pick([1, 1, 1, 1, 2, 3, 10, 100]),
      pageSize: pick([50, 50, 50, 100, 1000]),
    };
    const filterCount = pick([0, 1, 1, 1, 2, 2, 3]);
    for (let filter = 0; filter < filterCount; filter++) Object.assign(query, pick(filters)());
    queries.push(query);
  }
  return queries;
}

export interface Timings {
  count: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

function timings(values: number[]): Timings {
  return { count: values.length, p50Ms: median(values), p95Ms: percentile(values, 95), maxMs: Math.max(...values) };
}

/** Each query's median over `runs` timed runs (which damps a pause of the garbage collector or the machine). */
async function steadyTimes<Q>(queries: readonly Q[], runs: number, time: (query: Q) => Promise<number> | number) {
  const perQuery: number[] = [];
  for (const query of queries) {
    const runTimes: number[] = [];
    for (let run = 0; run < runs; run++) runTimes.push(await time(query));
    perQuery.push(median(runTimes));
  }
  return perQuery;
}

export interface WarmQueries {
  backups: number;
  /** The judged figure: every query once more after a first pass, each timed `STEADY_RUNS` times (median). */
  steady: Timings;
  /** The first pass, in order. */
  firstPass: Timings;
}

const STEADY_RUNS = 3;

/** Each query through `GET /api/backups`, request to last byte, answered from the server's store. */
export async function warmQueries(
  simulator: Simulator,
  baseUrl: string,
  options: { queries: number },
): Promise<WarmQueries> {
  const { backups } = await fetchInventory(simulator, LATENCY_MS);
  const queries = mixedQueries(backups, options.queries);
  const timeHttp = async (query: WarmQuery) => (await backupPage(baseUrl, toSearchParams(query).toString())).ms;
  const firstPass: number[] = [];
  for (const query of queries) firstPass.push(await timeHttp(query));
  const steady = await steadyTimes(queries, STEADY_RUNS, timeHttp);
  return { backups: backups.length, steady: timings(steady), firstPass: timings(firstPass) };
}
