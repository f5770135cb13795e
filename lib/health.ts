import "server-only";
import { isInstance } from "./instance-of";
import { UpstreamUnavailableError } from "./http/errors";
import type { Source } from "./inventory/model";
import { loadInstances } from "./inventory/service";

/**
 * Readiness, apart from liveness: whether the cloud answers. It reads the instance lists through the inventory's
 * cache, so probing costs at most one fan-out per CACHE_TTL_SECONDS, and a failed fan-out is cached too.
 */
export interface Readiness {
  /** At least one source answered the last fetch. */
  ok: boolean;
  sources: number;
  failing: number;
}

function summary(ok: boolean, sources: readonly Source[]): Readiness {
  return { ok, sources: sources.length, failing: sources.filter((source) => !source.ok).length };
}

export async function readiness(): Promise<Readiness> {
  try {
    return summary(true, (await loadInstances()).sources);
  } catch (error) {
    if (isInstance(error, UpstreamUnavailableError, "UpstreamUnavailableError")) return summary(false, error.sources);
    throw error;
  }
}
