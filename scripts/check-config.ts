// A CommonJS bundle whose named exports Node cannot detect: its default export is the module.
import nextEnv from "@next/env";
import { ConfigError, parseSettings } from "../lib/config";
import { logError } from "../lib/security/log";

/**
 * `npm run dev` and `npm start` run this before Next.js (`check-config development` or `production`): Next.js
 * prints "Ready" as soon as it listens, before the app's start-up hook runs, so a bad variable is reported here
 * first and the server never starts. The environment is read as Next.js will read it, `.env*` files included.
 * The hook checks it again (for `next start` run directly) and adds the checks that need the server: the
 * addresses it listens on.
 */

const phase = process.argv[2];
if (phase !== "development" && phase !== "production") {
  logError("Usage: check-config development|production");
  process.exit(2);
}
nextEnv.loadEnvConfig(process.cwd(), phase === "development", { info: () => {}, error: (...args) => console.error(...args) });
try {
  parseSettings(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  logError(`Configuration error: ${error.message}`);
  process.exit(1);
}
