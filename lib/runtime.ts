import "server-only";
import { CloudClient } from "./cloud/client";
import { type AppConfig, configFor, parseSettings } from "./config";
import { startDemoCloud } from "./demo";
import { logError, logInfo, logWarning, registerSecrets } from "./security/log";
import { openDuckDBStore } from "./store/duckdb";
import type { BackupStore } from "./store/types";
import { systemClock } from "./sync/clock";
import { SyncScheduler } from "./sync/scheduler";
import type { SyncController } from "./sync/types";

/**
 * The process-wide configuration, signed client, store and sync, each made once. Kept on globalThis because
 * Next.js may load this module in more than one bundle (instrumentation, route handlers, pages) of the same
 * process.
 */

/** The kept inventory: the store the routes read and the sync that writes it. */
export interface Inventory {
  store: BackupStore;
  sync: SyncController;
}

interface Runtime {
  config: AppConfig;
  client: CloudClient;
  /** The store (opened on first use: never by `next build`, which only checks the configuration) and the sync. */
  inventory(): Promise<Inventory>;
}

const slot = globalThis as typeof globalThis & {
  __backupInventoryRuntime?: Promise<Runtime>;
  __backupInventorySyncStarted?: boolean;
};

/** The store under DATA_DIR, and the sync scheduler over it (not started: `startSync` does that). */
async function openInventory(config: AppConfig, client: CloudClient): Promise<Inventory> {
  const store = await openDuckDBStore({ directory: config.dataDir });
  const sync = new SyncScheduler({
    client,
    store,
    clock: systemClock,
    logger: { info: logInfo, warn: logWarning, error: logError },
    config,
  });
  return { store, sync };
}

async function createRuntime(): Promise<Runtime> {
  const settings = parseSettings(process.env);
  const config = configFor(settings, settings.mode === "demo" ? await startDemoCloud(settings.demo) : undefined);
  const { ak, sk, securityToken } = config.credentials;
  registerSecrets(ak, sk, securityToken);
  const client = new CloudClient({
    credentials: config.credentials,
    timeoutMs: config.cloudTimeoutMs,
    maxBodyBytes: config.cloudMaxBodyBytes,
  });
  let inventory: Promise<Inventory> | undefined;
  return { config, client, inventory: () => (inventory ??= openInventory(config, client)) };
}

/** The runtime, created on first use (and by the start-up hook); the environment is parsed only once. */
export function getRuntime(): Promise<Runtime> {
  slot.__backupInventoryRuntime ??= createRuntime();
  return slot.__backupInventoryRuntime;
}

/** The longest a signal's exit waits for the sync to stop and the store to close. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Next.js's handler of SIGTERM/SIGINT calls `process.exit` once the requests in flight are answered; they read the
 * store, so it is closed only then: that exit first runs `close` (waiting at most SHUTDOWN_GRACE_MS).
 */
function closeBeforeExit(close: () => Promise<unknown>): void {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number) => {
    const grace = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
    void Promise.race([close(), grace]).finally(() => exit(code));
  }) as typeof process.exit;
}

/**
 * Starts the background sync, once per process, and stops it on SIGTERM/SIGINT: the jobs under way are cancelled
 * (nothing of theirs is committed). Next.js's own handler of the signal lets requests in flight finish (a request
 * waiting for a sync is answered from the store then) and exits; the store is closed just before. Without such a
 * handler, the store is closed and the signal raised again.
 */
export async function startSync(): Promise<void> {
  const runtime = await getRuntime();
  const { store, sync } = await runtime.inventory();
  if (slot.__backupInventorySyncStarted) return;
  slot.__backupInventorySyncStarted = true;
  sync.start();
  const shutDown = (signal: NodeJS.Signals) => {
    process.off("SIGTERM", shutDown);
    process.off("SIGINT", shutDown);
    const stopped = sync.stop().catch((error: unknown) => logError("Stopping the sync", error));
    let closed: Promise<unknown> | undefined;
    const close = () =>
      (closed ??= stopped.then(() => store.close()).catch((error: unknown) => logError("Closing the store", error)));
    closeBeforeExit(close);
    if (process.listenerCount(signal) === 0) void close().then(() => process.kill(process.pid, signal));
  };
  process.once("SIGTERM", shutDown);
  process.once("SIGINT", shutDown);
}
