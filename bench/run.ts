import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import { type ExportResult, exportAll } from "./export";
import { benchSimulator, CONCURRENCY_CAP, type ColdFetch, coldFetch, LATENCY_MS, throttledFetch } from "./fetch";
import { hostileUpstream } from "./hostile";
import { backupPage } from "./http";
import { measurePage } from "./page";
import { markdownTable, type Results, targetsOf } from "./report";
import { buildApp, DIST_DIR, ROOT, startApp, stopAll } from "./server";
import { round } from "./stats";
import { warmQueries } from "./warm";

/**
 * `npm run bench`: every scenario in one run (README, "Performance"), about 5 minutes on 2 cores. Prints the
 * table and writes bench/results.json. BENCH_REUSE_BUILD=1 skips `next build` when the bench's build folder
 * is known to be current.
 */

/**
 * Instances, how many fetches to take the median of (odd, so the median is a measured run), and how many whole
 * fetches warm the fresh server's code first.
 */
const COLD_SCALES = [
  { instances: 30, runs: 15, warmUps: 5 },
  { instances: 300, runs: 5, warmUps: 3 },
  { instances: 1000, runs: 3, warmUps: 2 },
] as const;
/** The peer runs for real at these scales; at 1,000 instances it is extrapolated from the 300-instance run. */
const PEER_MEASURED = new Set<number>([30, 300]);
const THROTTLED = { instances: 300, rps: 20 };
const LARGE = { instances: 1000, days: 30 };
const WARM = { queries: 240 };
const EXPORT_RUNS = 3;

/** The commit measured, and the tracked files that differed from it (the build is of the working tree). */
function sourceState(): { commit: string; modifiedFiles: string[] } {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trimEnd();
  return {
    commit: git("rev-parse", "HEAD"),
    modifiedFiles: git("status", "--porcelain", "--untracked-files=no")
      .split("\n")
      .filter(Boolean)
      .map((line) => line.slice(3)),
  };
}

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = os.loadavg();
  const source = sourceState();
  let buildMs: number | null = null;
  if (process.env.BENCH_REUSE_BUILD === "1") log(`reusing the build in ${DIST_DIR}`);
  else {
    log(`next build into ${DIST_DIR}`);
    buildMs = (await buildApp()).ms;
  }

  const coldFetches: ColdFetch[] = [];
  let peerMsPerCall: number | undefined;
  for (const { instances, runs, warmUps } of COLD_SCALES) {
    log(`cold fetch at ${instances} instances${PEER_MEASURED.has(instances) ? ", then the peer" : ""}`);
    const peer = PEER_MEASURED.has(instances)
      ? ("measure" as const)
      : peerMsPerCall === undefined
        ? ("skip" as const)
        : { msPerCall: peerMsPerCall };
    const result = await coldFetch(instances, { runs, warmUps, peer });
    if (result.peerMsPerCall !== undefined) peerMsPerCall = result.peerMsPerCall;
    const { peerMsPerCall: _perCall, ...cold } = result;
    coldFetches.push(cold);
    log(
      `  ${Math.round(cold.ms)} ms (bound ${cold.bound.ms} ms), ${cold.calls} calls (fewest ${cold.fewestCalls})` +
        (cold.peer ? `, peer ${Math.round(cold.peer.ms)} ms` : ""),
    );
  }

  log(`throttled account: ${THROTTLED.instances} instances at ${THROTTLED.rps} requests/s per service`);
  const throttled = await throttledFetch(THROTTLED.instances, THROTTLED.rps);
  log(`  ${Math.round(throttled.ms)} ms (bound ${throttled.boundMs} ms), missing ${throttled.missing}`);

  log(`large inventory: ${LARGE.instances} instances, ${LARGE.days} days`);
  const simulator = await benchSimulator(LARGE);
  let warm: Results["warm"];
  let exported: ExportResult;
  let page: Results["page"];
  try {
    const app = await startApp(simulator);
    try {
      const load = await backupPage(app.url, "");
      log(`server loaded ${load.body.total} backups in ${Math.round(load.ms)} ms; warm queries`);
      warm = { ...(await warmQueries(simulator, app.url, WARM)), serverLoadMs: load.ms };
      log("export");
      exported = await exportAll(app, EXPORT_RUNS);
      log("page");
      page = await measurePage(app.url, { backups: load.body.total });
    } finally {
      await app.stop();
    }
  } finally {
    await simulator.close();
  }

  log("hostile upstream: huge bodies and totals");
  const hostile = await hostileUpstream();
  log(`  RSS growth ${Math.round(hostile.growthBytes / 2 ** 20)} MiB, ${hostile.failedRecoveries} failed recoveries`);

  const results: Results = { coldFetch: coldFetches, throttled, warm, export: exported, page, hostile };
  const targets = targetsOf(results);
  const table = markdownTable(results, targets);
  const report = {
    date: new Date().toISOString(),
    machine: {
      cores: os.availableParallelism(),
      cpu: os.cpus()[0]?.model ?? "unknown",
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      loadAverageBefore: loadBefore.map((value) => round(value, 2)),
      loadAverageAfter: os.loadavg().map((value) => round(value, 2)),
    },
    node: process.version,
    source,
    durationSeconds: round((performance.now() - started) / 1000, 0),
    buildSeconds: buildMs === null ? null : round(buildMs / 1000, 1),
    model: { latencyMs: LATENCY_MS, concurrencyPerEndpoint: CONCURRENCY_CAP },
    targets,
    allTargetsMet: targets.every((t) => t.met),
    scenarios: results,
    table,
  };
  await writeFile(`${ROOT}bench/results.json`, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${table}\n`);
  console.log(
    `${targets.filter((t) => t.met).length} of ${targets.length} targets met; ${os.availableParallelism()} cores, node ${process.version}, ${report.durationSeconds} s. Written to bench/results.json.`,
  );
}

const interrupted = (signal: NodeJS.Signals) => {
  void stopAll().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
};
process.once("SIGINT", interrupted);
process.once("SIGTERM", interrupted);

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
} finally {
  await stopAll();
}
