import { ConfigError, parseSettings } from "../lib/config";
import { logError } from "../lib/security/log";

/**
 * Run by `npm run dev` and `npm start` before Next.js: Next.js prints "Ready" as soon as it listens, before the
 * app's start-up hook runs, so a bad variable is reported here first, and the server never starts. The hook
 * checks the environment again (for `next start` run directly) and adds the checks that need the server: the
 * addresses it listens on.
 */
try {
  parseSettings(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  logError(`Configuration error: ${error.message}`);
  process.exit(1);
}
