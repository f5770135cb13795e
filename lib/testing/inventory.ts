import { vi } from "vitest";
import { getRuntime } from "../runtime";
import type { Simulator, SimulatorOptions } from "../simulator";
import { startTestCloud } from "./cloud";

/**
 * Route tests on the kept inventory: the test cloud (lib/testing/cloud.ts), then the app's own sync fills its store
 * in a temporary DATA_DIR before the first request, as a server's first sync does. The routes then answer from the
 * store; a test that changes the cloud asks for another sync (`syncAgain`, or `refresh=1`).
 */

/** The test cloud, with the first sync of every source done; `env` is set before the app reads it. */
export async function startTestInventory(
  options: SimulatorOptions = {},
  env: Record<string, string> = {},
): Promise<Simulator> {
  const simulator = await startTestCloud(options);
  Object.assign(process.env, env);
  await firstSync();
  return simulator;
}

/** The first sync of every source, to its end: for a test that configures more after `startTestCloud`. */
export async function firstSync(): Promise<void> {
  const { sync } = await (await getRuntime()).inventory();
  await sync.requestSync({ wait: true });
}

/** Stops the sync, closes the store and then the cloud (the simulator, or another test upstream). */
export async function stopTestInventory(cloud: { close(): Promise<void> }): Promise<void> {
  const { store, sync } = await (await getRuntime()).inventory();
  await sync.stop();
  await store.close();
  await cloud.close();
}

/**
 * Moves the clock past the spacing of requested syncs (SYNC_INTERVAL_SECONDS / 10), so that the next requested
 * sync (`refresh=1`, `POST /api/sync`, `syncAgain`) calls the cloud rather than join the last one. Needs `Date` faked
 * and moving: `vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true })`, hoisted before the app loads.
 */
export async function passSyncSpacing(): Promise<void> {
  if (!vi.isFakeTimers()) throw new Error("passSyncSpacing needs Date faked (vi.useFakeTimers, hoisted)");
  const { config } = await getRuntime();
  vi.setSystemTime(Date.now() + (config.syncIntervalSeconds * 1000) / 10 + 1000);
}

/** Moves the clock past RECONCILE_INTERVAL_SECONDS: the next sync of every source is a complete listing. */
export async function passReconcileInterval(): Promise<void> {
  if (!vi.isFakeTimers()) throw new Error("passReconcileInterval needs Date faked (vi.useFakeTimers, hoisted)");
  const { config } = await getRuntime();
  vi.setSystemTime(Date.now() + config.reconcileIntervalSeconds * 1000 + 1000);
}

/** Another sync of every source, to its end: what the cloud answers now is stored (or its failure recorded). */
export async function syncAgain(): Promise<void> {
  await passSyncSpacing();
  const { sync } = await (await getRuntime()).inventory();
  await sync.requestSync({ wait: true });
}
