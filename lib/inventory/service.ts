import "server-only";
import type { CloudGetter } from "../cloud/types";
import { type AppConfig, endpointFor, type ProjectRef } from "../config";
import { UpstreamUnavailableError } from "../http/errors";
import { getRuntime } from "../runtime";
import { redact } from "../security/log";
import { fetchDcsInstances } from "../sources/dcs";
import { BACKUP_FETCHERS, sourceError } from "../sources/fetchers";
import { fetchRdsInstances } from "../sources/rds";
import { describeSkipped } from "../sources/result";
import { fetchTaurusdbInstances } from "../sources/taurusdb";
import type { FetchPlan, SourceContext, SourceResult } from "../sources/types";
import { SingleFlightCache } from "./cache";
import { backupsCsvStream, type CsvDownload, csvFilename } from "./csv";
import type { BackupPage, Engine, FacetField, Instance, InstanceList, Service, Source } from "./model";
import { SERVICES } from "./model";
import type { BackupFilter, BackupQuery } from "./query";
import { matchingBackups, type PreparedInventory, prepareInventory, queryBackups } from "./view";

/**
 * The inventory: fans out to every configured project and service, merges the answers, caches them, and
 * answers the routes' queries from memory.
 */

const INSTANCE_FETCHERS: Record<Service, (ctx: SourceContext) => Promise<SourceResult>> = {
  taurusdb: fetchTaurusdbInstances,
  rds: fetchRdsInstances,
  dcs: fetchDcsInstances,
};

const ENGINE_SERVICE: Record<Engine, Service> = {
  "gaussdb-mysql": "taurusdb",
  mysql: "rds",
  postgresql: "rds",
  sqlserver: "rds",
  mariadb: "rds",
  redis: "dcs",
  memcached: "dcs",
};

/** Which sources to call and what to ask them for. */
export interface InventoryPlan {
  services: Service[];
  projects: ProjectRef[];
  fetch: FetchPlan;
}

export interface Inventory {
  plan: InventoryPlan;
  prepared: PreparedInventory;
  instances: Instance[];
  sources: Source[];
  fetchedAt: string;
}

/** The narrowest fetch that still holds every backup the filter can keep. */
export function planFor(config: Pick<AppConfig, "services" | "projects">, filter: BackupFilter): InventoryPlan {
  const engineServices = filter.engine && new Set(filter.engine.map((engine) => ENGINE_SERVICE[engine]));
  const services = config.services.filter(
    (service) =>
      (!filter.service || filter.service.includes(service)) && (!engineServices || engineServices.has(service)),
  );
  const projects = config.projects.filter((project) => !filter.region || filter.region.includes(project.region));
  return {
    services: SERVICES.filter((service) => services.includes(service)),
    projects,
    fetch: {
      from: filter.from ? new Date(filter.from) : undefined,
      to: filter.to ? new Date(filter.to) : undefined,
      kinds: filter.kind,
      instanceIds: filter.instance,
    },
  };
}

function planKey(plan: InventoryPlan): string {
  const sorted = (values: readonly string[] | undefined) => (values ? [...values].sort().join(",") : "*");
  return [
    plan.services.join(","),
    plan.projects.map((project) => `${project.region}=${project.projectId}`).join(","),
    plan.fetch.from?.toISOString() ?? "-",
    plan.fetch.to?.toISOString() ?? "-",
    sorted(plan.fetch.kinds),
    sorted(plan.fetch.instanceIds),
  ].join("|");
}

function includesAll<T>(outer: readonly T[] | undefined, inner: readonly T[] | undefined): boolean {
  if (!outer) return true;
  if (!inner) return false;
  return inner.every((value) => outer.includes(value));
}

/** Whether an inventory fetched for `outer` holds every backup that `inner` asks for. */
export function covers(outer: InventoryPlan, inner: InventoryPlan): boolean {
  const projectKeys = (plan: InventoryPlan) => plan.projects.map((p) => `${p.region}=${p.projectId}`);
  const { from: outerFrom, to: outerTo } = outer.fetch;
  const { from: innerFrom, to: innerTo } = inner.fetch;
  return (
    includesAll(outer.services, inner.services) &&
    includesAll(projectKeys(outer), projectKeys(inner)) &&
    includesAll(outer.fetch.kinds, inner.fetch.kinds) &&
    includesAll(outer.fetch.instanceIds, inner.fetch.instanceIds) &&
    (!outerFrom || (!!innerFrom && outerFrom <= innerFrom)) &&
    (!outerTo || (!!innerTo && innerTo <= outerTo))
  );
}

interface SourceOutcome {
  source: Source;
  result: SourceResult | null;
}

async function runSource(
  client: CloudGetter,
  config: AppConfig,
  service: Service,
  project: ProjectRef,
  run: (ctx: SourceContext) => Promise<SourceResult>,
): Promise<SourceOutcome> {
  const started = performance.now();
  let calls = 0;
  const ctx: SourceContext = {
    client: {
      get: (request) => {
        calls++;
        return client.get(request);
      },
    },
    endpoint: endpointFor(config, service, project.region),
    project,
    now: new Date(),
  };
  const base = { service, region: project.region, projectId: project.projectId };
  try {
    const result = await run(ctx);
    return {
      result,
      source: {
        ...base,
        ok: true,
        error: null,
        instances: result.instances.length,
        backups: result.backups.length,
        calls,
        durationMs: Math.round(performance.now() - started),
        skipped: result.skipped.length,
        // The cloud's own text goes to the browser: redacted, in case an upstream ever echoes a key.
        skippedReason: result.skipped.length > 0 ? redact(describeSkipped(result.skipped[0])) : null,
      },
    };
  } catch (error) {
    return {
      result: null,
      source: {
        ...base,
        ok: false,
        error: sourceError(error),
        instances: 0,
        backups: 0,
        calls,
        durationMs: Math.round(performance.now() - started),
        skipped: 0,
        skippedReason: null,
      },
    };
  }
}

/** Runs one fetch per (project, service); throws UpstreamUnavailableError when none of them answered. */
async function fanOut(
  plan: InventoryPlan,
  run: (service: Service) => (ctx: SourceContext) => Promise<SourceResult>,
): Promise<{ outcomes: SourceOutcome[]; fetchedAt: string }> {
  const { config, client } = await getRuntime();
  const fetchedAt = new Date().toISOString();
  const outcomes = await Promise.all(
    plan.projects.flatMap((project) =>
      plan.services.map((service) => runSource(client, config, service, project, run(service))),
    ),
  );
  if (outcomes.length > 0 && outcomes.every((outcome) => outcome.result === null))
    throw new UpstreamUnavailableError(outcomes.map((outcome) => outcome.source));
  return { outcomes, fetchedAt };
}

async function fetchInventory(plan: InventoryPlan): Promise<Inventory> {
  const { outcomes, fetchedAt } = await fanOut(plan, (service) => (ctx) => BACKUP_FETCHERS[service](ctx, plan.fetch));
  const results = outcomes.flatMap((outcome) => (outcome.result ? [outcome.result] : []));
  return {
    plan,
    prepared: prepareInventory(results.flatMap((result) => result.backups)),
    instances: results.flatMap((result) => result.instances),
    sources: outcomes.map((outcome) => outcome.source),
    fetchedAt,
  };
}

interface InventoryCaches {
  inventories: SingleFlightCache<Inventory>;
  instanceLists: SingleFlightCache<InstanceList>;
  /** Plans of the inventories loaded lately, so a narrower query can reuse a wider inventory still in the cache. */
  loadedPlans: Map<string, { plan: InventoryPlan; expiresAt: number }>;
  /** Per cached inventory, its views narrowed to a plan's sources. */
  narrowedViews: WeakMap<Inventory, Map<string, Inventory>>;
}

// On globalThis, like the runtime: Next.js loads this module once for the route handlers and once for the pages,
// and two caches would mean two fan-outs (and two inventories in memory) for the same data.
const cacheSlot = globalThis as typeof globalThis & { __backupInventoryCaches?: InventoryCaches };
const { inventories, instanceLists, loadedPlans, narrowedViews } = (cacheSlot.__backupInventoryCaches ??= {
  inventories: new SingleFlightCache<Inventory>({ maxEntries: 32 }),
  instanceLists: new SingleFlightCache<InstanceList>({ maxEntries: 1 }),
  loadedPlans: new Map(),
  narrowedViews: new WeakMap(),
});

/**
 * The cached inventory holding every backup `filter` can keep, fetched when no cached one covers it. It may hold
 * more (a wider inventory still in the cache): callers filter it themselves. Its `instances` are the full
 * instance lists of the services and projects fetched, whatever the filter's instances.
 */
async function loadCachedInventory(plan: InventoryPlan, refresh: boolean, ttlMs: number): Promise<Inventory> {
  const key = planKey(plan);
  if (!refresh) {
    const now = Date.now();
    for (const [loadedKey, loaded] of loadedPlans) {
      if (loaded.expiresAt <= now) loadedPlans.delete(loadedKey);
      else if (loadedKey !== key && covers(loaded.plan, plan))
        return inventories.getOrLoad(loadedKey, () => fetchInventory(loaded.plan), { ttlMs });
    }
  }
  const inventory = await inventories.getOrLoad(key, () => fetchInventory(plan), { ttlMs, refresh });
  loadedPlans.set(key, { plan, expiresAt: Date.parse(inventory.fetchedAt) + ttlMs });
  return inventory;
}

/**
 * The inventory that answers `filter`, from the cache when a cached one covers it. Its `sources` are those the
 * filter asks for, whichever inventory answered; when none of them answered, it is an UpstreamUnavailableError,
 * so a view over failed sources is a 502 whether or not a wider inventory happens to be cached.
 */
export async function loadInventory(filter: BackupFilter, refresh: boolean): Promise<Inventory> {
  const { config } = await getRuntime();
  const plan = planFor(config, filter);
  const inventory = await loadCachedInventory(plan, refresh, config.syncIntervalSeconds * 1000);
  const sources = inventory.sources.filter(
    (source) =>
      plan.services.includes(source.service) &&
      plan.projects.some((project) => project.projectId === source.projectId && project.region === source.region),
  );
  if (sources.length > 0 && sources.every((source) => !source.ok)) throw new UpstreamUnavailableError(sources);
  return narrowedView(inventory, plan, sources);
}

/** The same object for the same inventory and plan, so callers can memoise work per inventory (coverage does). */
function narrowedView(inventory: Inventory, plan: InventoryPlan, sources: Source[]): Inventory {
  let views = narrowedViews.get(inventory);
  if (!views) narrowedViews.set(inventory, (views = new Map()));
  const key = planKey(plan);
  let view = views.get(key);
  if (!view) views.set(key, (view = { ...inventory, sources }));
  return view;
}

/**
 * Facets whose counts cover only what was fetched: a filter on service, engine, region or kind narrows the fetch
 * (those backups are not asked for), so the facet of that same field cannot count the values filtered out.
 * Facets of other fields are exact, since their counts apply the narrowing filter anyway.
 */
function partialFacets(config: AppConfig, inventory: Inventory, filter: BackupFilter): FacetField[] {
  return NARROWING_FACETS.filter(
    (field) =>
      filter[field] !== undefined && !covers(inventory.plan, planFor(config, { ...filter, [field]: undefined })),
  );
}

const NARROWING_FACETS = ["service", "engine", "region", "kind"] as const satisfies readonly FacetField[];

export async function loadBackupPage(query: BackupQuery): Promise<BackupPage> {
  const { config } = await getRuntime();
  const inventory = await loadInventory(query, query.refresh);
  const view = queryBackups(inventory.prepared, query);
  return {
    items: view.items,
    total: view.total,
    page: query.page,
    pageSize: query.pageSize,
    facets: view.facets,
    partialFacets: partialFacets(config, inventory, query),
    summary: view.summary,
    sources: inventory.sources,
    fetchedAt: inventory.fetchedAt,
  };
}

export async function exportBackups(query: BackupQuery): Promise<CsvDownload> {
  const inventory = await loadInventory(query, query.refresh);
  return {
    filename: csvFilename(new Date()),
    body: backupsCsvStream(matchingBackups(inventory.prepared, query)),
    sources: inventory.sources,
  };
}

export async function loadInstances(refresh = false): Promise<InstanceList> {
  const { config } = await getRuntime();
  const plan = planFor(config, {});
  return instanceLists.getOrLoad(
    "instances",
    async () => {
      const { outcomes } = await fanOut(plan, (service) => INSTANCE_FETCHERS[service]);
      return {
        items: outcomes.flatMap((outcome) => outcome.result?.instances ?? []),
        sources: outcomes.map((outcome) => outcome.source),
      };
    },
    { ttlMs: config.syncIntervalSeconds * 1000, refresh },
  );
}

export async function appMode(): Promise<"demo" | "cloud"> {
  return (await getRuntime()).config.mode;
}
