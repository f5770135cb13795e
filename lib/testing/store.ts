import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Backup, Instance } from "../inventory/model";
import { makeBackup } from "./backups";
import { openDuckDBStore } from "../store/duckdb";
import type { BackupStore, SourceKey, SourceListing } from "../store/types";

/**
 * The engines the shared store suite runs against (`describe.each(STORE_ENGINES)`); the PostgreSQL store joins
 * this list. Each test gets a fresh, empty store in a temporary folder.
 */
export interface StoreEngine {
  name: string;
  /** A new empty store; `reopen` opens the same one again after `close()`. */
  create(): Promise<{ store: BackupStore; reopen: () => Promise<BackupStore>; cleanUp: () => Promise<void> }>;
}

export const STORE_ENGINES: StoreEngine[] = [
  {
    name: "duckdb",
    async create() {
      const directory = await mkdtemp(path.join(os.tmpdir(), "backup-store-"));
      const open = () => openDuckDBStore({ directory, memoryLimit: "256MB", threads: 1 });
      return { store: await open(), reopen: open, cleanUp: () => rm(directory, { recursive: true, force: true }) };
    },
  },
];

export const RDS_SOURCE: SourceKey = { service: "rds", region: "cn-north-4", projectId: "p-1" };
export const TAURUS_SOURCE: SourceKey = { service: "taurusdb", region: "cn-north-4", projectId: "p-1" };

/** A backup of `source` (default: a completed full RDS backup of instance i-1, 10 minutes long). */
export function sourceBackup(
  source: SourceKey,
  fields: Partial<Backup> & { id: string; startedAt: string },
): Backup {
  const started = Date.parse(fields.startedAt);
  return makeBackup({
    service: source.service,
    region: source.region,
    projectId: source.projectId,
    engine: source.service === "taurusdb" ? "gaussdb-mysql" : source.service === "dcs" ? "redis" : "mysql",
    endedAt: new Date(started + 600_000).toISOString(),
    ...fields,
  });
}

export function sourceInstance(source: SourceKey, id: string, fields: Partial<Instance> = {}): Instance {
  return {
    service: source.service,
    region: source.region,
    projectId: source.projectId,
    id,
    name: `${id}-name`,
    engine: source.service === "taurusdb" ? "gaussdb-mysql" : source.service === "dcs" ? "redis" : "mysql",
    engineVersion: "8.0",
    status: "ACTIVE",
    ...fields,
  };
}

/** A successful listing of `source` at `seenAt`, complete unless told otherwise. */
export function listing(
  source: SourceKey,
  seenAt: string,
  backups: readonly Backup[],
  fields: Partial<SourceListing> = {},
): SourceListing {
  const newest = backups.reduce<number | null>(
    (latest, backup) => Math.max(latest ?? Number.NEGATIVE_INFINITY, Date.parse(backup.startedAt)),
    null,
  );
  const complete = fields.complete ?? true;
  return {
    source,
    seenAt: new Date(seenAt),
    backups,
    instances: null,
    complete,
    cursor: { newestStartMs: newest, lastCompleteMs: complete ? Date.parse(seenAt) : null },
    calls: 3,
    durationMs: 1500,
    skipped: 0,
    skippedReason: null,
    ...fields,
  };
}

/**
 * A store holding exactly these backups (current) and instances: one complete listing per source they name, at
 * `seenAt`. For the query rules' tests, which give backups of several services, regions and projects.
 */
export async function fillStore(
  store: BackupStore,
  backups: readonly Backup[],
  { instances = [], seenAt = "2026-12-01T00:00:00.000Z" }: { instances?: readonly Instance[]; seenAt?: string } = {},
): Promise<void> {
  const sources = new Map<string, SourceKey>();
  for (const item of [...backups, ...instances])
    sources.set(`${item.service}|${item.region}|${item.projectId}`, {
      service: item.service,
      region: item.region,
      projectId: item.projectId,
    });
  const ofSource = <T extends SourceKey>(items: readonly T[], source: SourceKey) =>
    items.filter(
      (item) => item.service === source.service && item.region === source.region && item.projectId === source.projectId,
    );
  for (const source of sources.values())
    await store.applyListing(
      listing(source, seenAt, ofSource(backups, source), { instances: ofSource(instances, source) }),
    );
}
