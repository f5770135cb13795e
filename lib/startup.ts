import "server-only";
import { ConfigError } from "./config";
import { getRuntime, startSync } from "./runtime";
import { checkExposure, listeningAddresses } from "./security/exposure";
import { logError, logInfo, logWarning } from "./security/log";
import { StoreOpenError } from "./store/duckdb";

/** Next.js sets this while `next build` runs the hook; nothing listens then. */
const BUILD_PHASE = "phase-production-build";

/**
 * Validates the environment once at start-up: a bad value stops the server with one line naming it, and so
 * does serving real data without access control on a non-loopback address. Then opens the store and starts the
 * background sync (not while `next build` runs the hook); a store that cannot be opened stops the server with
 * one line naming DATA_DIR or the file.
 * `addresses` are where the server listens (by default, read from the process).
 */
export async function startUp(addresses?: readonly string[]): Promise<void> {
  try {
    const { config } = await getRuntime();
    const projects = config.projects.map((project) => `${project.region}=${project.projectId}`).join(", ");
    if (process.env.NEXT_PHASE !== BUILD_PHASE) {
      const listening = addresses ?? listeningAddresses();
      // Found nothing: assume Next.js's default of every interface rather than let the check pass.
      const exposure = checkExposure(config, listening.length > 0 ? listening : ["::"]);
      if (exposure.refusal) throw exposure.refusal;
      if (exposure.warning) logWarning(exposure.warning);
    }
    logInfo(
      config.mode === "demo"
        ? `Backup inventory: demo mode, showing simulated data from the built-in simulator, listening on loopback only (${Object.entries(
            config.endpoints,
          )
            .map(([service, url]) => `${service} ${url}`)
            .join(", ")}; projects ${projects})`
        : `Backup inventory: cloud mode, services ${config.services.join(", ")}, projects ${projects}`,
    );
    logInfo(`Access control: ${config.auth.mode}`);
    for (const notice of config.notices) logWarning(notice);
    if (process.env.NEXT_PHASE !== BUILD_PHASE) await startSync();
  } catch (error) {
    if (error instanceof ConfigError) {
      logError(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    if (error instanceof StoreOpenError) {
      logError(`Store error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
