import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Simulator, type SimulatorOptions, startSimulator } from "../simulator";

/**
 * Route tests on the real path: a simulator on loopback and the app's runtime pointed at it through the
 * environment, exactly as a user would configure a test cloud, with a store of its own in a temporary DATA_DIR
 * (removed when the test process ends). Call before the first request of a test file. The simulated cloud stands
 * still (its lists stay those of its start, which `truth()` gives), so that answers read at different moments of
 * a test agree with each other and with the truth.
 */
export async function startTestCloud(options: SimulatorOptions = {}): Promise<Simulator> {
  const simulator = await startSimulator({ seed: "route-tests", instances: 40, days: 3, still: true, ...options });
  Object.assign(process.env, cloudEnv(simulator, 300), { DATA_DIR: temporaryDataDir() });
  return simulator;
}

/** A store folder of this test process's own, removed when the process ends. */
export function temporaryDataDir(): string {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "route-test-store-"));
  process.once("exit", () => rmSync(dataDir, { recursive: true, force: true }));
  return dataDir;
}

/** The environment that points the app at a simulator (credentials, projects, endpoints, optionally the sync interval). */
export function cloudEnv(simulator: Simulator, syncIntervalSeconds?: number): Record<string, string> {
  return {
    CLOUD_SDK_AK: simulator.credentials.ak,
    CLOUD_SDK_SK: simulator.credentials.sk,
    CLOUD_PROJECTS: simulator.projects.map((project) => `${project.region}=${project.projectId}`).join(","),
    TAURUSDB_ENDPOINT: simulator.endpoints.taurusdb,
    RDS_ENDPOINT: simulator.endpoints.rds,
    DCS_ENDPOINT: simulator.endpoints.dcs,
    ...(syncIntervalSeconds === undefined ? {} : { SYNC_INTERVAL_SECONDS: String(syncIntervalSeconds) }),
  };
}

/** Calls a route handler the way Next.js does, with a Request for `path`. */
export function call(handler: (request: Request) => Promise<Response>, path: string): Promise<Response> {
  return handler(new Request(`http://localhost${path}`));
}
