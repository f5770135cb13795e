import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH_OPTIONS } from "./e2e/chromium";
import { BASE_URL, PORT, RDS_DOWN_PORT, RDS_DOWN_URL } from "./e2e/servers";

/**
 * Each server keeps its own store (one process per store file), new for every run, and is waited for until it is
 * ready (`/api/health?ready=1`: a source's first sync done); e2e/global-setup.ts then waits for every source's.
 * The simulated account is set here (100 instances, 7 days), whatever the simulator's own default, and stands
 * still (DEMO_STILL), so that a page and the API read a moment later list the same backups.
 */
const DEMO = { DEMO_INSTANCES: "100", DEMO_DAYS: "7", DEMO_STILL: "1" };
/**
 * Emptied once per run, by the runner's own process: each worker process loads this file again (a new one after
 * every failed test), and must not delete the store of the servers already running.
 */
function freshDataDir(port: number): string {
  const directory = path.join(os.tmpdir(), `backup-inventory-e2e-${port}`);
  if (process.env.TEST_WORKER_INDEX === undefined) rmSync(directory, { recursive: true, force: true });
  return directory;
}

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: "list",
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
  webServer: [
    {
      command: `npx next start -p ${PORT} -H 127.0.0.1`,
      url: `${BASE_URL}/api/health?ready=1`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: {
        ...process.env,
        CLOUD_SDK_AK: "",
        CLOUD_SDK_SK: "",
        ...DEMO,
        DEMO_DOWN: "",
        DATA_DIR: freshDataDir(PORT),
      } as Record<string, string>,
    },
    {
      // The same demo with the simulated RDS answering 503 to every call from the first sync on (nothing of RDS is
      // stored, so a view of RDS alone fails as a whole); the shortest sync interval, so that Sync now is not
      // joined with the last sync for long.
      command: `npx next start -p ${RDS_DOWN_PORT} -H 127.0.0.1`,
      url: `${RDS_DOWN_URL}/api/health?ready=1`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: {
        ...process.env,
        CLOUD_SDK_AK: "",
        CLOUD_SDK_SK: "",
        ...DEMO,
        DEMO_DOWN: "rds",
        SYNC_INTERVAL_SECONDS: "10",
        DATA_DIR: freshDataDir(RDS_DOWN_PORT),
      } as Record<string, string>,
    },
  ],
});
