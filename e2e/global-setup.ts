import { firstSyncDone } from "../lib/testing/app-process";
import { BASE_URL, RDS_DOWN_URL } from "./servers";

/**
 * The servers answer /api/health?ready=1 once one source has synced (playwright.config.ts waits for that); the
 * tests need every source's first sync over (the second server's RDS failed, the rest stored): waited for here.
 */
export default async function globalSetup(): Promise<void> {
  for (const url of [BASE_URL, RDS_DOWN_URL]) await firstSyncDone(url);
}
