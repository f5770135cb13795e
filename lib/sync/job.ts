import "server-only";
import type { CloudGetter, CloudRequest, CloudResponse } from "../cloud/types";
import { type AppConfig, endpointFor } from "../config";
import type { Backup } from "../inventory/model";
import { redact } from "../security/log";
import { BACKUP_FETCHERS, sourceError } from "../sources/fetchers";
import { describeSkipped } from "../sources/result";
import type { FetchPlan, SourceResult } from "../sources/types";
import type { BackupStore, ListingApplied, SourceKey, SourceState, StoredBackup } from "../store/types";
import type { Clock } from "./clock";
import {
  type Intervals,
  isAuthFailure,
  isReconcileDue,
  nextCursor,
  RUNNING_LOOKBACK_MS,
  RUNNING_STATUSES,
  windowStartMs,
} from "./cycle";
import { describeSource } from "./sources";

/** One sync of one source: list, confirm what seems gone, commit in one transaction, or record the failure. */

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** The configuration the sync reads. */
export type SyncConfig = Pick<
  AppConfig,
  "services" | "projects" | "endpoints" | "syncIntervalSeconds" | "reconcileIntervalSeconds" | "historyDays"
>;

export interface SyncDeps {
  client: CloudGetter;
  store: BackupStore;
  clock: Clock;
  logger: Logger;
  config: SyncConfig;
}

export function intervalsOf(config: SyncConfig): Intervals {
  return { syncMs: config.syncIntervalSeconds * 1000, reconcileMs: config.reconcileIntervalSeconds * 1000 };
}

/** Counts a job's calls: requested (planned: a list's other pages are requested once its first answers) and done. */
export class CallMeter implements CloudGetter {
  planned = 0;
  done = 0;

  constructor(private readonly client: CloudGetter) {}

  async get(request: CloudRequest): Promise<CloudResponse> {
    this.planned++;
    try {
      return await this.client.get(request);
    } finally {
      this.done++;
    }
  }
}

export type JobOutcome =
  | { ok: true; complete: boolean; applied: ListingApplied; purged: number }
  | { ok: false; aborted: boolean; authFailure: boolean };

const DAY_MS = 86_400_000;

/** The oldest start of a backup the store holds as still running for this source, within the lookback. */
async function oldestRunningStart(store: BackupStore, source: SourceKey, nowMs: number): Promise<number | null> {
  const page = await store.queryBackups({
    service: [source.service],
    region: [source.region],
    status: [...RUNNING_STATUSES],
    from: new Date(nowMs - RUNNING_LOOKBACK_MS).toISOString(),
    sort: "startedAt",
    order: "asc",
    page: 1,
    pageSize: 1000,
    presence: "current",
  });
  // The store filters by region, not project: running backups are few, so the project is picked out here.
  const oldest = page.items.find((backup) => backup.projectId === source.projectId);
  return oldest ? Date.parse(oldest.startedAt) : null;
}

/** The source's current backups that a complete listing did not list and that started before it. */
async function unlistedBackups(
  store: BackupStore,
  source: SourceKey,
  listed: ReadonlySet<string>,
  listedBeforeMs: number,
): Promise<StoredBackup[]> {
  const unlisted: StoredBackup[] = [];
  const batches = store.exportBackups({
    service: [source.service],
    region: [source.region],
    sort: "startedAt",
    order: "asc",
    presence: "current",
  });
  for await (const batch of batches)
    for (const backup of batch)
      if (
        backup.projectId === source.projectId &&
        !listed.has(backup.id) &&
        Date.parse(backup.startedAt) < listedBeforeMs
      )
        unlisted.push(backup);
  return unlisted;
}

/**
 * The listing that confirms backups as gone: just their instances, kinds and time span, which is usually one
 * short page per list (what expired since the last reconcile). Offset paging shifts when a list changes while
 * it is read, so a complete listing can miss a backup that is still there; one page read at once cannot.
 */
export function confirmationPlan(candidates: readonly Backup[]): FetchPlan {
  const starts = candidates.map((backup) => Date.parse(backup.startedAt));
  return {
    from: new Date(Math.min(...starts)),
    to: new Date(Math.max(...starts) + 1),
    instanceIds: [...new Set(candidates.map((backup) => backup.instanceId))],
    kinds: [...new Set(candidates.map((backup) => backup.kind))],
  };
}

function skippedOf(result: SourceResult): { skipped: number; skippedReason: string | null } {
  const [first] = result.skipped;
  // The cloud's own text reaches the browser: redacted, in case an upstream ever echoes a key.
  return { skipped: result.skipped.length, skippedReason: first ? redact(describeSkipped(first)) : null };
}

export interface JobOptions {
  /** The source's stored state (undefined before its first sync). */
  state: SourceState | undefined;
  /** The job's calls go through it (counted for the progress). */
  meter: CallMeter;
  /** Aborted when the scheduler stops: nothing is recorded then. */
  signal: AbortSignal;
}

export async function syncSource(deps: SyncDeps, source: SourceKey, options: JobOptions): Promise<JobOutcome> {
  const { store, clock, logger, config } = deps;
  const { state, meter, signal } = options;
  const intervals = intervalsOf(config);
  const seenAtMs = clock.now();
  const complete = isReconcileDue(state, seenAtMs, intervals.reconcileMs);
  const fetch = BACKUP_FETCHERS[source.service];
  const project = { region: source.region, projectId: source.projectId };
  const context = (now: number) => ({
    client: meter,
    endpoint: endpointFor(config, source.service, source.region),
    project,
    now: new Date(now),
    signal,
  });
  try {
    let plan: FetchPlan = {};
    if (!complete && state)
      plan = {
        from: new Date(windowStartMs(state.cursor, seenAtMs, await oldestRunningStart(store, source, seenAtMs))),
      };
    const result = await fetch(context(seenAtMs), plan);
    let backups = result.backups;
    if (complete && state && state.backups > 0) {
      const candidates = await unlistedBackups(store, source, new Set(backups.map((b) => b.id)), seenAtMs);
      if (candidates.length > 0) {
        const stillListed = await fetch(context(clock.now()), confirmationPlan(candidates));
        const ids = new Set(candidates.map((backup) => backup.id));
        backups = [...backups, ...stillListed.backups.filter((backup) => ids.has(backup.id))];
      }
    }
    signal.throwIfAborted();
    const applied = await store.applyListing({
      source,
      seenAt: new Date(seenAtMs),
      backups,
      instances: result.instances,
      complete,
      ...(complete ? { listedBefore: new Date(seenAtMs) } : {}),
      cursor: nextCursor(state?.cursor ?? null, backups, { complete, seenAtMs }),
      calls: meter.planned,
      durationMs: clock.now() - seenAtMs,
      ...skippedOf(result),
    });
    // Only a complete listing finds backups gone, so only then can history have grown old.
    const purged = complete ? await store.purgeGone(new Date(clock.now() - config.historyDays * DAY_MS)) : 0;
    if (complete)
      logger.info(
        `Sync ${describeSource(source)}: complete listing, ${backups.length} backups (${applied.inserted} new, ` +
          `${applied.gone} gone, ${applied.returned} back), ${meter.planned} call(s), ${clock.now() - seenAtMs} ms` +
          (purged > 0 ? `; forgot ${purged} backup(s) gone for more than ${config.historyDays} day(s)` : ""),
      );
    else if (state?.lastError) logger.info(`Sync ${describeSource(source)}: answers again`);
    return { ok: true, complete, applied, purged };
  } catch (error) {
    if (signal.aborted) return { ok: false, aborted: true, authFailure: false };
    const failure = sourceError(error);
    await store.recordFailure({
      source,
      attemptAt: new Date(seenAtMs),
      error: failure,
      calls: meter.planned,
      durationMs: clock.now() - seenAtMs,
    });
    const authFailure = isAuthFailure(failure);
    // Said when a source starts failing or fails differently, not again at every cycle.
    if (state?.lastError?.code !== failure.code)
      logger.warn(
        `Sync ${describeSource(source)} failed: ${failure.code}: ${failure.message}` +
          (authFailure ? `; not tried again for ${config.reconcileIntervalSeconds} s (RECONCILE_INTERVAL_SECONDS)` : ""),
      );
    return { ok: false, aborted: false, authFailure };
  }
}
