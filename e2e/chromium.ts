import { existsSync } from "node:fs";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/**
 * How the browser tests and the page benchmark launch Chromium: Debian's where installed, otherwise the browser
 * Playwright manages (if the user installed one); flags that keep it off the network this machine does not have.
 */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
