import "server-only";
import { endpointFor } from "../config";
import type { SourceKey, SourceState } from "../store/types";
import { isAuthFailure, lastStartOf, nextDueMs, requestSpacingMs } from "./cycle";
import { CallMeter, intervalsOf, type SyncDeps, syncSource } from "./job";
import { KeyCheck } from "./keys";
import { configuredSources, describeSource, sameSource } from "./sources";
import type { SyncStatus } from "../inventory/model";
import type { SyncController } from "./types";

/**
 * The one schedule of the process (lib/sync/README.md): every configured source (service × project) synced
 * every SYNC_INTERVAL_SECONDS, one job per source at a time, and one source at a time per endpoint (the client
 * bounds the calls in flight per endpoint, so two listings there would share the same slots and only hold twice
 * the records in memory). A source whose keys were refused waits for the reconcile interval. Syncs requested
 * by a user start at once, or join the one running, or, within SYNC_INTERVAL_SECONDS / 10 of the source's last
 * one, join that one.
 */

interface Slot {
  source: SourceKey;
  endpoint: string;
  /** When its last sync started (from the store after a restart); null before its first. */
  lastStartMs: number | null;
  /** Its last sync failed with 401/403: it waits for the reconcile interval. */
  authFailed: boolean;
  /** A user asked for a sync: due now. */
  requested: boolean;
  running: Promise<void> | null;
  abort: AbortController | null;
  /** Requests waiting for its next sync to end. */
  waiters: (() => void)[];
}

export class SyncScheduler implements SyncController {
  readonly role = "leader" as const;
  readonly #deps: SyncDeps;
  readonly #slots: Slot[];
  readonly #keys: KeyCheck;
  #loop: Promise<void> | null = null;
  #loaded: Promise<void> | null = null;
  #stopping = false;
  #wake = new AbortController();
  /** The calls of every job since the schedule was last idle: the progress of the sync under way. */
  #round: CallMeter[] = [];

  constructor(deps: SyncDeps) {
    this.#deps = deps;
    const { config } = deps;
    this.#slots = configuredSources(config).map((source) => ({
      source,
      endpoint: endpointFor(config, source.service, source.region),
      lastStartMs: null,
      authFailed: false,
      requested: false,
      running: null,
      abort: null,
      waiters: [],
    }));
    this.#keys = new KeyCheck(deps.client, {
      projects: config.projects.length,
      clock: deps.clock,
      holdMs: intervalsOf(config).reconcileMs,
    });
  }

  start(): void {
    if (this.#loop || this.#stopping) return;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    for (const slot of this.#slots) slot.abort?.abort(new Error("the sync was stopped"));
    this.#wake.abort();
    await this.#loop;
    await Promise.all(this.#slots.map((slot) => slot.running));
    // Requests for a sync that will not run now.
    for (const slot of this.#slots) for (const resolve of slot.waiters.splice(0)) resolve();
  }

  async requestSync({ wait }: { wait: boolean }): Promise<SyncStatus> {
    if (!this.#stopping) {
      this.start();
      await this.#loaded;
      const now = this.#deps.clock.now();
      const intervals = intervalsOf(this.#deps.config);
      const ends: Promise<void>[] = [];
      for (const slot of this.#slots) {
        if (slot.running) ends.push(slot.running);
        // Refused keys are not tried again before the reconcile interval, whoever asks.
        else if (slot.authFailed && now < nextDueMs(slot.lastStartMs, true, intervals)) continue;
        else if (slot.lastStartMs !== null && now - slot.lastStartMs < requestSpacingMs(intervals)) continue;
        else {
          slot.requested = true;
          ends.push(new Promise((resolve) => slot.waiters.push(resolve)));
        }
      }
      this.#wakeUp();
      if (wait) await Promise.all(ends);
    }
    return this.status();
  }

  async status(): Promise<SyncStatus> {
    const states = this.#ownStates(await this.#deps.store.sourceStates());
    const successes = states.flatMap((state) => (state.lastSuccessAt ? [Date.parse(state.lastSuccessAt)] : []));
    const now = this.#deps.clock.now();
    // A source that is due (requested, or waiting for its endpoint's turn) is about to start: under way too.
    const syncing =
      this.#slots.some((slot) => slot.running) ||
      (this.#loop !== null && !this.#stopping && this.#slots.some((slot) => this.#dueMs(slot) <= now));
    const meters = syncing ? this.#round : [];
    const due = Math.min(...this.#slots.map((slot) => this.#dueMs(slot)));
    const next = this.#loop && !this.#stopping && due !== Number.POSITIVE_INFINITY ? Math.max(due, now) : null;
    return {
      state: syncing ? "syncing" : states.some((state) => lastStartOf(state) !== null) ? "idle" : "never",
      lastSyncedAt: successes.length > 0 ? new Date(Math.min(...successes)).toISOString() : null,
      nextSyncAt: next === null ? null : new Date(next).toISOString(),
      progress: syncing
        ? {
            callsDone: meters.reduce((sum, meter) => sum + meter.done, 0),
            callsPlanned: meters.reduce((sum, meter) => sum + meter.planned, 0),
          }
        : null,
    };
  }

  /** The stored states of the configured sources. */
  #ownStates(states: readonly SourceState[]): SourceState[] {
    return states.filter((state) => this.#slots.some((slot) => sameSource(slot.source, state)));
  }

  #dueMs(slot: Slot): number {
    if (slot.requested) return Number.NEGATIVE_INFINITY;
    return nextDueMs(slot.lastStartMs, slot.authFailed, intervalsOf(this.#deps.config));
  }

  #wakeUp(): void {
    this.#wake.abort();
  }

  /** Where each source stopped, after a restart: when it last started, and whether its keys were refused. */
  async #load(): Promise<void> {
    const states = await this.#deps.store.sourceStates();
    for (const slot of this.#slots) {
      const state = states.find((candidate) => sameSource(candidate, slot.source));
      slot.lastStartMs = lastStartOf(state);
      slot.authFailed = isAuthFailure(state?.lastError);
    }
  }

  async #run(): Promise<void> {
    this.#loaded = this.#load().catch((error: unknown) =>
      this.#deps.logger.error("Sync: the stored state of the sources could not be read", error),
    );
    await this.#loaded;
    while (!this.#stopping) {
      // Made before anything can end or ask for a sync, so that no wake-up falls between two sleeps.
      const wake = (this.#wake = new AbortController());
      const waiting = await this.#startDue();
      const next = Math.min(...waiting.map((slot) => this.#dueMs(slot)));
      // Woken early when a job ends (its endpoint is free again) or a user asks for a sync.
      await this.#deps.clock.sleep(Number.isFinite(next) ? next - this.#deps.clock.now() : 2 ** 31 - 1, wake.signal);
    }
  }

  /** Starts every source that is due and whose endpoint is free; returns those that wait for their time. */
  async #startDue(): Promise<Slot[]> {
    const due = (slot: Slot) => !slot.running && this.#dueMs(slot) <= this.#deps.clock.now();
    // The stored states are read once for every job that starts now.
    let states: SourceState[] = [];
    if (this.#slots.some(due))
      try {
        states = await this.#deps.store.sourceStates();
      } catch (error) {
        this.#deps.logger.error("Sync: the stored state of the sources could not be read", error);
        return this.#slots.filter((slot) => !slot.running);
      }
    const now = this.#deps.clock.now();
    const busy = new Set(this.#slots.flatMap((slot) => (slot.running ? [slot.endpoint] : [])));
    const waiting: Slot[] = [];
    for (const slot of this.#slots) {
      if (slot.running || busy.has(slot.endpoint)) continue;
      if (this.#dueMs(slot) <= now && !this.#stopping) {
        this.#begin(slot, now, states.find((state) => sameSource(state, slot.source)));
        busy.add(slot.endpoint);
      } else waiting.push(slot);
    }
    return waiting;
  }

  #begin(slot: Slot, now: number, state: SourceState | undefined): void {
    const { logger } = this.#deps;
    slot.requested = false;
    slot.lastStartMs = now;
    const abort = (slot.abort = new AbortController());
    const meter = new CallMeter(this.#keys);
    this.#round.push(meter);
    slot.running = (async () => {
      try {
        const outcome = await syncSource(this.#deps, slot.source, { state, meter, signal: abort.signal });
        if (outcome.ok || !outcome.aborted) slot.authFailed = !outcome.ok && outcome.authFailure;
      } catch (error) {
        logger.error(`Sync ${describeSource(slot.source)}: its outcome could not be stored`, error);
      } finally {
        slot.running = null;
        slot.abort = null;
        for (const resolve of slot.waiters.splice(0)) resolve();
        if (this.#idle()) this.#round = [];
        this.#wakeUp();
      }
    })();
  }

  /** Nothing runs and nothing is due now: the sync under way, if any, has ended. */
  #idle(): boolean {
    const now = this.#deps.clock.now();
    return this.#slots.every((slot) => !slot.running && (this.#stopping || this.#dueMs(slot) > now));
  }
}
