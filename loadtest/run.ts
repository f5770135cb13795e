import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { SERVICES } from "../lib/inventory/model";
import { startSimulator } from "../lib/simulator";
import { startApp, stop } from "../lib/testing/app-process";
import { cloudEnv } from "../lib/testing/cloud";

/**
 * `npm run loadtest`: the production build (`npm run build` first; nothing is built here) under concurrent
 * clients on /api/backups with mixed queries, against the cloud simulator run in this process. Prints requests/s,
 * latency, errors, the cloud calls made during the run and the server's memory. Loopback only, bounded in
 * connections and time.
 */

const HELP = `Usage: npm run loadtest -- [--connections 200] [--duration 30] [--instances 100]
  --connections <n>  concurrent clients, 1 to 1000 (default 200)
  --duration <s>     seconds of load, 1 to 300 (default 30)
  --instances <n>    simulated instances, 1 to 5000 (default 100, 7 days of backups)`;

function bounded(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max) throw new Error(`--${name} must be 1 to ${max}`);
  return number;
}

/** A mix of what the dashboard asks: filters, searches, sorts and pages of the same inventory. */
const QUERIES = [
  "",
  "pageSize=50&page=2",
  "service=rds",
  "service=taurusdb&kind=incremental",
  "engine=postgresql,mysql&sort=sizeBytes&order=asc",
  "status=failed,in_progress",
  "trigger=manual&sort=durationSeconds",
  "q=prod",
  "q=db&sort=name",
  "region=cn-north-4",
  "kind=full&pageSize=200",
  "sort=endedAt&page=3",
  "service=dcs&status=completed",
  "engine=redis&sort=instanceName&order=asc",
];

function rssMiB(pid: number | undefined): string {
  const status = pid === undefined ? "" : readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kib ? `${(Number(kib) / 1024).toFixed(0)} MiB` : "n/a";
}

const totalCalls = (calls: Record<string, { total: number }>) =>
  SERVICES.reduce((sum, service) => sum + calls[service].total, 0);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      connections: { type: "string" },
      duration: { type: "string" },
      instances: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const connections = bounded("connections", values.connections, 200, 1000);
  const duration = bounded("duration", values.duration, 30, 300);
  const instances = bounded("instances", values.instances, 100, 5000);
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(`${distDir}/BUILD_ID`)) {
    console.error(`No production build in ${distDir}: run npm run build first.`);
    return 1;
  }

  const simulator = await startSimulator({ seed: "loadtest", instances, days: 7 });
  const app = await startApp(cloudEnv(simulator));
  try {
    const pid = app.child.pid;
    const rssAtStart = rssMiB(pid);
    // The first request loads the inventory; the run then measures the service as users meet it.
    const warmUp = await fetch(`${app.url}/api/backups`);
    if (!warmUp.ok) throw new Error(`warm-up answered ${warmUp.status}: ${await warmUp.text()}`);
    const callsBefore = totalCalls(simulator.calls());
    const rssBeforeRun = rssMiB(pid);
    let sent = 0;
    const result = await autocannon({
      url: app.url,
      connections,
      duration,
      timeout: 30,
      requests: [
        {
          method: "GET",
          setupRequest: (request) => ({ ...request, path: `/api/backups?${QUERIES[sent++ % QUERIES.length]}` }),
        },
      ],
    });
    const runCalls = totalCalls(simulator.calls()) - callsBefore;
    const errors = result.errors + result.timeouts + result.non2xx;
    const rows: [string, string][] = [
      [
        "dataset",
        `${simulator.stats().backups} backups, ${simulator.stats().instances} instances, ${simulator.projects.length} projects`,
      ],
      ["load", `${connections} connections, ${result.duration.toFixed(1)} s, ${QUERIES.length} query shapes`],
      ["requests", `${result.requests.total} (${result["2xx"]} answered 2xx)`],
      ["requests/s", `${result.requests.average.toFixed(0)} average`],
      [
        "latency",
        `p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      ],
      [
        "errors",
        `${errors} (connection errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`,
      ],
      ["cloud calls", `${callsBefore} to load the inventory, ${runCalls} during the run`],
      ["server RSS", `${rssAtStart} at start, ${rssBeforeRun} after loading, ${rssMiB(pid)} after the run`],
    ];
    for (const [name, value] of rows) console.log(`${name.padEnd(12)} ${value}`);
    return errors === 0 ? 0 : 1;
  } finally {
    await stop(app);
    await simulator.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`loadtest: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
