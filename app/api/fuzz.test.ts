import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKUP_KINDS, BACKUP_STATUSES, BACKUP_TRIGGERS, ENGINES, SERVICES } from "@/lib/inventory/model";
import { SORT_FIELDS } from "@/lib/inventory/query";
import type { Simulator } from "@/lib/simulator";
import { Rng } from "@/lib/simulator/random";
import { call } from "@/lib/testing/cloud";
import { startTestInventory, stopTestInventory } from "@/lib/testing/inventory";
import { hostileQuery } from "@/lib/testing/hostile";
import { GET as exportGet } from "./backups/export/route";
import { GET as backupsGet } from "./backups/route";
import { GET as healthGet } from "./health/route";
import { GET as instancesGet } from "./instances/route";

/**
 * Hostile queries against every route, in-process on the simulator: whatever the query, the answer is 200 or
 * 400 (never 500), it comes within a deadline, it never holds a credential, and the routes keep answering.
 */

const REQUESTS_PER_ROUTE = 2_000;
const CONCURRENCY = 16;
/** A request that takes longer has hung: every answer comes from the store, none waits for the cloud. */
const DEADLINE_MS = 10_000;
const SEED = 20_261_122;

let simulator: Simulator;
let secrets: string[];

beforeAll(async () => {
  // A day of backups: each valid export reads every match to its end, and 2,000 of them must stay quick.
  simulator = await startTestInventory({ instances: 12, days: 1 });
  secrets = [simulator.credentials.ak, simulator.credentials.sk];
});

afterAll(() => stopTestInventory(simulator));

type Handler = (request: Request) => Promise<Response>;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DEADLINE_MS} ms: ${what}`)), DEADLINE_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Status and whole body (a CSV stream is read to its end, so that a failure inside it shows). */
async function answer(handler: Handler, path: string): Promise<{ status: number; body: string }> {
  const response = await handler(new Request(`http://localhost${path}`));
  return { status: response.status, body: await response.text() };
}

async function fuzz(path: string, handler: Handler, params: Record<string, readonly string[]>, salt: number) {
  const rng = new Rng(SEED + salt);
  const queries = Array.from({ length: REQUESTS_PER_ROUTE }, () => hostileQuery(rng, params));
  const statuses = new Map<number, number>();
  const unexpected: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < queries.length) {
      const target = `${path}?${queries[next++]}`;
      const { status, body } = await within(answer(handler, target), target.slice(0, 200));
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status !== 200 && status !== 400) unexpected.push(`${status} ${target.slice(0, 200)}: ${body.slice(0, 300)}`);
      for (const secret of secrets) if (body.includes(secret)) unexpected.push(`credential in answer to ${target}`);
      if (status === 400) expect(JSON.parse(body).error.code).toBe("invalid_query");
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  expect(unexpected).toEqual([]);
  // Both kinds of answer occurred: the generator reaches valid queries too, not only rejected ones.
  expect(statuses.get(400)).toBeGreaterThan(0);
  expect(statuses.get(200)).toBeGreaterThan(0);
  console.info(`fuzz ${path}: ${[...statuses].map(([status, count]) => `${count}×${status}`).join(", ")}`);
}

function backupParams(): Record<string, readonly string[]> {
  const truth = simulator.truth();
  const stats = simulator.stats();
  const middle = new Date((Date.parse(stats.windowStart) + Date.parse(stats.at)) / 2).toISOString();
  return {
    service: SERVICES,
    engine: ENGINES,
    region: [...new Set(simulator.projects.map((project) => project.region))],
    instance: truth.instances.slice(0, 5).map((instance) => instance.id),
    status: BACKUP_STATUSES,
    kind: BACKUP_KINDS,
    trigger: BACKUP_TRIGGERS,
    from: [stats.windowStart, middle],
    to: [middle, stats.at],
    q: ["prod", "db", "-"],
    sort: SORT_FIELDS,
    order: ["asc", "desc"],
    page: ["1", "2", "3"],
    pageSize: ["1", "50", "1000"],
    presence: ["current", "gone", "all"],
    refresh: ["0"],
  };
}

/** 2,000 answers read from the store take a few seconds on a quiet machine, many more on a busy one. */
const FUZZ_TIMEOUT_MS = 180_000;

describe(`${REQUESTS_PER_ROUTE} hostile queries per route`, () => {
  it("GET /api/backups", async () => {
    await fuzz("/api/backups", backupsGet, backupParams(), 1);
  }, FUZZ_TIMEOUT_MS);

  it("GET /api/backups/export", async () => {
    await fuzz("/api/backups/export", exportGet, backupParams(), 2);
  }, FUZZ_TIMEOUT_MS);

  it("GET /api/instances", async () => {
    await fuzz("/api/instances", instancesGet, { refresh: ["0"] }, 3);
  }, FUZZ_TIMEOUT_MS);

  it("GET /api/health", async () => {
    await fuzz("/api/health", healthGet, { ready: ["0", "1"] }, 4);
  }, FUZZ_TIMEOUT_MS);

  it("leaves the routes answering normally, with every backup", async () => {
    const response = await call(backupsGet, "/api/backups?pageSize=1");
    expect(response.status).toBe(200);
    expect((await response.json()).total).toBe(simulator.truth().backups.length);
  });
});
