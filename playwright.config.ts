import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { BASE_URL, PORT, RDS_DOWN_PORT, RDS_DOWN_URL } from "./e2e/servers";

// Debian's Chromium where installed; otherwise the browser Playwright manages (if the user installed one).
const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: existsSync(systemChromium) ? systemChromium : undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: `npx next start -p ${PORT} -H 127.0.0.1`,
      url: `${BASE_URL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: { ...process.env, CLOUD_SDK_AK: "", CLOUD_SDK_SK: "", DEMO_DOWN: "" } as Record<string, string>,
    },
    {
      // The same demo with the simulated RDS answering 503 to every call; no cache, so each view asks the
      // sources it needs afresh (a view of RDS alone then fails as a whole).
      command: `npx next start -p ${RDS_DOWN_PORT} -H 127.0.0.1`,
      url: `${RDS_DOWN_URL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: { ...process.env, CLOUD_SDK_AK: "", CLOUD_SDK_SK: "", DEMO_DOWN: "rds", CACHE_TTL_SECONDS: "0" } as Record<
        string,
        string
      >,
    },
  ],
});
