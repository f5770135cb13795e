import "server-only";
import { getRuntime } from "./runtime";
import { configuredSources, sameSource } from "./sync/sources";

/**
 * Readiness, apart from liveness: whether the dashboard has something to answer with. Ready once the store is
 * open and at least one source has finished a complete listing (at once for a store kept from an earlier run;
 * after the first sync of one source for a new store). Reads the store only: probing costs no cloud call.
 */
export interface Readiness {
  ok: boolean;
  /** The configured sources. */
  sources: number;
  /** Those whose last sync failed. */
  failing: number;
}

export async function readiness(): Promise<Readiness> {
  const runtime = await getRuntime();
  const sources = configuredSources(runtime.config);
  let states;
  try {
    states = await (await runtime.inventory()).store.sourceStates();
  } catch {
    // The store is not open (start-up stops with the reason); not ready meanwhile.
    return { ok: false, sources: sources.length, failing: 0 };
  }
  const own = states.filter((state) => sources.some((source) => sameSource(source, state)));
  return {
    ok: own.some((state) => state.complete),
    sources: sources.length,
    failing: own.filter((state) => state.lastError !== null).length,
  };
}
