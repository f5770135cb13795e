import { SERVICES, type Service } from "../lib/inventory/model";
import { type Faults, type Simulator, startSimulator } from "../lib/simulator";
import {
  callsOf,
  DEFAULT_PAGE_SIZES,
  fetchTimeBound,
  listsToRead,
  MAX_PAGE_SIZES,
  rateTimeBound,
  type ServiceCalls,
  type TimeBound,
  totalCalls,
} from "./bounds";
import { allBackupKeys, backupPage } from "./http";
import { type PeerResult, runPeer } from "./peer";
import { machineBusyMs, startApp } from "./server";
import { median, round } from "./stats";

/** Scenarios 1 (cold fetch at three scales, with the peer) and 2 (a throttled account). */

export const LATENCY_MS = 50;
/** The client's default requests in flight per endpoint (lib/cloud/client.ts); each simulated service is one endpoint. */
export const CONCURRENCY_CAP = 16;
const SEED = "bench";

export function benchSimulator(options: { instances: number; days: number; faults?: Faults }): Promise<Simulator> {
  const faults = { latencyMs: LATENCY_MS, ...options.faults };
  return startSimulator({
    seed: SEED,
    instances: options.instances,
    days: options.days,
    faults: Object.fromEntries(SERVICES.map((service) => [service, faults])),
  });
}

/** Upstream calls served since the last reset, per service (throttled and retried attempts included). */
function upstreamCalls(simulator: Simulator): Record<Service, number> {
  const calls = simulator.calls();
  return Object.fromEntries(SERVICES.map((service) => [service, calls[service].total])) as Record<Service, number>;
}

function sum(values: Record<Service, number>): number {
  return SERVICES.reduce((total, service) => total + values[service], 0);
}

function callCounts(calls: Record<Service, ServiceCalls>): Record<Service, number> {
  return Object.fromEntries(SERVICES.map((service) => [service, calls[service].calls])) as Record<Service, number>;
}

/**
 * Readies a fresh server as a server that has been running is ready: a request that loads the route modules and
 * the runtime without fetching any backup (a window that opens in the future makes every source skip its backup
 * lists), then `fetches` whole fetches, discarded, so that the JIT has compiled the fetch path. Each measured run
 * then starts from an empty cache (`refresh=1`), as a cold fetch does, not from unoptimised code.
 */
async function warmUp(baseUrl: string, fetches: number): Promise<void> {
  await backupPage(baseUrl, `from=${new Date(Date.now() + 86_400_000).toISOString()}&pageSize=1`);
  for (let fetch = 0; fetch < fetches; fetch++) await backupPage(baseUrl, "refresh=1");
}

export interface ColdFetch {
  instances: number;
  backups: number;
  /** Median wall time of `GET /api/backups?refresh=1`, ms. */
  ms: number;
  runsMs: number[];
  /** Whole fetches made and discarded before the measured runs, on the same server. */
  warmUpFetches: number;
  /**
   * CPU used during the median run by the app's server and by this process (almost all of it the simulator),
   * ms: when their sum nears 2 cores × wall time, the fetch is bound by this machine's CPU, not by round trips.
   */
  serverCpuMs: number;
  simulatorCpuMs: number;
  /** CPU the machine's other processes used meanwhile (other work sharing the cores), ms. */
  otherCpuMs: number;
  /** The fastest of the runs, ms. */
  bestMs: number;
  calls: number;
  callsByService: Record<Service, number>;
  fewestCalls: number;
  fewestCallsByService: Record<Service, number>;
  bound: TimeBound;
  timeOverBound: number;
  callsOverFewest: number;
  /** Every backup of the truth counted, every source ok. */
  complete: boolean;
  peer: {
    ms: number;
    calls: number;
    /** Measured, or predicted calls × the ms per call measured at the largest measured scale. */
    measured: boolean;
    backupsRead?: number;
    overOurs: number;
  } | null;
}

export async function coldFetch(
  instances: number,
  options: { runs: number; warmUps: number; peer: "measure" | { msPerCall: number } | "skip" },
): Promise<ColdFetch & { peerMsPerCall?: number }> {
  const simulator = await benchSimulator({ instances, days: 7 });
  try {
    const truth = simulator.truth();
    const lists = listsToRead(truth, simulator.projects);
    const fewest = callsOf(lists, MAX_PAGE_SIZES);
    const peerCalls = totalCalls(callsOf(lists, DEFAULT_PAGE_SIZES));
    const bound = fetchTimeBound(fewest, LATENCY_MS, CONCURRENCY_CAP);

    const app = await startApp(simulator);
    const runsMs: number[] = [];
    const cpuPerRun: Array<{ server: number; simulator: number; other: number }> = [];
    const callsPerRun: Record<Service, number>[] = [];
    let complete = true;
    try {
      await warmUp(app.url, options.warmUps);
      for (let run = 0; run < options.runs; run++) {
        simulator.resetCalls();
        const serverCpu = await app.cpuMs();
        const machineCpu = await machineBusyMs();
        const ownCpu = process.cpuUsage();
        const { ms, body } = await backupPage(app.url, "refresh=1");
        const own = process.cpuUsage(ownCpu);
        const server = (await app.cpuMs()) - serverCpu;
        const simulation = (own.user + own.system) / 1000;
        const other = Math.max(0, (await machineBusyMs()) - machineCpu - server - simulation);
        cpuPerRun.push({ server, simulator: simulation, other });
        runsMs.push(ms);
        callsPerRun.push(upstreamCalls(simulator));
        complete &&= body.total === truth.backups.length && body.sources.every((source) => source.ok);
      }
    } finally {
      await app.stop();
    }
    const ms = median(runsMs);
    const medianRun = runsMs.indexOf(ms);
    const callsByService = callsPerRun[callsPerRun.length - 1];
    const calls = Math.max(...callsPerRun.map(sum));

    let peer: ColdFetch["peer"] = null;
    let peerMsPerCall: number | undefined;
    if (options.peer === "measure") {
      simulator.resetCalls();
      const result: PeerResult = await runPeer(simulator);
      const made = sum(upstreamCalls(simulator));
      peerMsPerCall = result.ms / made;
      peer = { ms: result.ms, calls: made, measured: true, backupsRead: result.backups, overOurs: result.ms / ms };
    } else if (options.peer !== "skip") {
      const predicted = peerCalls * options.peer.msPerCall;
      peer = { ms: predicted, calls: peerCalls, measured: false, overOurs: predicted / ms };
    }
    return {
      instances: truth.instances.length,
      backups: truth.backups.length,
      ms,
      runsMs,
      warmUpFetches: options.warmUps,
      serverCpuMs: cpuPerRun[medianRun].server,
      simulatorCpuMs: round(cpuPerRun[medianRun].simulator, 0),
      otherCpuMs: round(cpuPerRun[medianRun].other, 0),
      bestMs: Math.min(...runsMs),
      calls,
      callsByService,
      fewestCalls: totalCalls(fewest),
      fewestCallsByService: callCounts(fewest),
      bound,
      timeOverBound: ms / bound.ms,
      callsOverFewest: calls / totalCalls(fewest),
      complete,
      peer,
      peerMsPerCall,
    };
  } finally {
    await simulator.close();
  }
}

export interface ThrottledFetch {
  instances: number;
  backups: number;
  throttleRps: number;
  ms: number;
  /** Attempts the simulator served (429s included) and calls the sources made (retries not counted). */
  attempts: number;
  calls: number;
  throttledAttempts: number;
  fewestCallsByService: Record<Service, number>;
  /** The rate bound (calls per service / rate, the largest), or the concurrency bound if larger. */
  boundMs: number;
  limitedBy: Service;
  timeOverBound: number;
  failedSources: string[];
  missing: number;
  unexpected: number;
  complete: boolean;
}

export async function throttledFetch(instances: number, throttleRps: number): Promise<ThrottledFetch> {
  const simulator = await benchSimulator({ instances, days: 7, faults: { throttleRps } });
  try {
    const truth = simulator.truth();
    const fewest = callsOf(listsToRead(truth, simulator.projects), MAX_PAGE_SIZES);
    const rate = rateTimeBound(fewest, throttleRps);
    const concurrency = fetchTimeBound(fewest, LATENCY_MS, CONCURRENCY_CAP);
    const app = await startApp(simulator);
    try {
      // No warm-up fetch: at 20 requests/s one would take as long as the measured fetch.
      await warmUp(app.url, 0);
      // Lets the throttle's one-second window forget the warm-up's calls.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      simulator.resetCalls();
      const { ms, body } = await backupPage(app.url, "refresh=1");
      const attempts = sum(upstreamCalls(simulator));
      const calls = body.sources.reduce((total, source) => total + source.calls, 0);
      const keys = await allBackupKeys(app.url);
      const expected = new Set(truth.backups.map((backup) => `${backup.service}:${backup.id}`));
      const missing = [...expected].filter((key) => !keys.has(key)).length;
      const unexpected = [...keys].filter((key) => !expected.has(key)).length;
      const failedSources = body.sources
        .filter((source) => !source.ok)
        .map((source) => `${source.service}/${source.region}: ${source.error?.code} ${source.error?.message}`);
      const boundMs = Math.max(rate.ms, concurrency.ms);
      return {
        instances: truth.instances.length,
        backups: truth.backups.length,
        throttleRps,
        ms,
        attempts,
        calls,
        throttledAttempts: attempts - calls,
        fewestCallsByService: callCounts(fewest),
        boundMs: round(boundMs, 0),
        limitedBy: rate.ms >= concurrency.ms ? rate.limitedBy : concurrency.limitedBy,
        timeOverBound: ms / boundMs,
        failedSources,
        missing,
        unexpected,
        complete: missing === 0 && unexpected === 0 && failedSources.length === 0,
      };
    } finally {
      await app.stop();
    }
  } finally {
    await simulator.close();
  }
}
