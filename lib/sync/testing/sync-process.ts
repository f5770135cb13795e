import { startSync } from "../../runtime";

/**
 * The sync alone in a process of its own, started as the server starts it (lib/runtime.ts), for tests that kill
 * it mid-sync. It runs until a signal ends it; the schedule's timers do not hold a process open, this does.
 */
await startSync();
console.log("sync started");
setInterval(() => undefined, 2 ** 30);
