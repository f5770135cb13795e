import "server-only";
import { CloudClient } from "./cloud/client";
import { type AppConfig, configFor, parseSettings } from "./config";
import { startDemoCloud } from "./demo";
import { registerSecrets } from "./security/log";

/**
 * The process-wide configuration and signed client. Kept on globalThis because Next.js may load this module
 * in more than one bundle (instrumentation, route handlers, pages) of the same process.
 */

interface Runtime {
  config: AppConfig;
  client: CloudClient;
}

const slot = globalThis as typeof globalThis & { __backupInventoryRuntime?: Promise<Runtime> };

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
  return { config, client };
}

/** The runtime, created on first use (and by the start-up hook); the environment is parsed only once. */
export function getRuntime(): Promise<Runtime> {
  slot.__backupInventoryRuntime ??= createRuntime();
  return slot.__backupInventoryRuntime;
}
