import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CloudClient } from "../../cloud/client";
import { SERVICES } from "../../inventory/model";
import { type Simulator, type SimulatorOptions, startSimulator } from "../../simulator";
import { type DuckDBStore, openDuckDBStore } from "../../store/duckdb";
import type { Logger, SyncConfig } from "../job";
import { SyncScheduler } from "../scheduler";
import { ChangingCloud } from "./changing-cloud";
import { FakeClock } from "./fake-clock";

/**
 * A sync under test: the simulator (on the test's clock), the cloud as the sync sees it (a ChangingCloud over the
 * signed client), the real store in a temporary folder and the scheduler, all on one FakeClock. The simulated cloud
 * stands still unless a test asks it to move (`simulator: { still: false }`): a test changes what the sync sees
 * through the ChangingCloud. A moving one moves with that clock exactly (new log backups every 5 minutes, expiry at
 * the retention), so what it lists at each sync is `simulator.truth(at that instant)`. The client's clock follows
 * the test's plus the real time that passes, for its pacing, and stays within the gateway's 15 minutes of the
 * cloud's.
 */
export interface SyncBed {
  simulator: Simulator;
  clock: FakeClock;
  cloud: ChangingCloud;
  store: DuckDBStore;
  scheduler: SyncScheduler;
  config: SyncConfig;
  /** Every line the sync logged. */
  logs: string[];
  /** Calls the simulator served since its last `resetCalls()`. */
  calls(): number;
  /** Waits until no job runs and the scheduler sleeps again. */
  settled(): Promise<void>;
  /** Moves the clock on by `ms` and waits for what became due to finish. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export interface BedOptions {
  simulator?: SimulatorOptions;
  config?: Partial<SyncConfig>;
  /** The secret the client signs with (default the simulator's own). */
  sk?: string;
}

export async function startBed(options: BedOptions = {}): Promise<SyncBed> {
  const clock = new FakeClock(Date.now());
  const realStart = Date.now();
  const cloudNow = () => clock.now() + (Date.now() - realStart);
  const simulator = await startSimulator({
    seed: "sync",
    instances: 12,
    days: 3,
    still: true,
    ...options.simulator,
    now: () => new Date(clock.now()),
  });
  const directory = await mkdtemp(path.join(os.tmpdir(), "sync-test-"));
  const store = await openDuckDBStore({ directory, memoryLimit: "256MB", threads: 1 });
  const client = new CloudClient({
    credentials: { ak: simulator.credentials.ak, sk: options.sk ?? simulator.credentials.sk },
    timeoutMs: 10_000,
    retryBaseMs: 1,
    now: cloudNow,
  });
  const cloud = new ChangingCloud(client);
  const config: SyncConfig = {
    services: [...SERVICES],
    projects: simulator.projects,
    endpoints: simulator.endpoints,
    syncIntervalSeconds: 60,
    reconcileIntervalSeconds: 3600,
    historyDays: 400,
    ...options.config,
  };
  const logs: string[] = [];
  const logger: Logger = {
    info: (message) => logs.push(message),
    warn: (message) => logs.push(message),
    error: (message, error) => logs.push(`${message}: ${String(error)}`),
  };
  const scheduler = new SyncScheduler({ client: cloud, store, clock, logger, config });

  const settled = async () => {
    const deadline = Date.now() + 60_000;
    while (clock.sleepers === 0 || (await scheduler.status()).state === "syncing") {
      if (Date.now() > deadline) throw new Error(`the sync did not settle; log:\n${logs.join("\n")}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return {
    simulator,
    clock,
    cloud,
    store,
    scheduler,
    config,
    logs,
    calls: () => SERVICES.reduce((sum, service) => sum + simulator.calls()[service].total, 0),
    settled,
    advance: async (ms) => {
      clock.advance(ms);
      await settled();
    },
    close: async () => {
      await scheduler.stop();
      await store.close();
      await simulator.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
