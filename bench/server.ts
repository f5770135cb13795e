import { type ChildProcess, spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type { Simulator } from "../lib/simulator";
import { cloudEnv } from "../lib/testing/cloud";

/**
 * The app's production server for the benchmarks: its own build folder (never `.next`), `next start` on
 * 127.0.0.1, pointed at a simulator through the environment as a user would point it at a test cloud.
 * Every process started here is stopped by `stopAll` (also when the run fails or is interrupted).
 */

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const DIST_DIR = ".next-bench";
const NEXT_BIN = "node_modules/next/dist/bin/next";

const running = new Set<ChildProcess>();

/** Kills the process group of a child started here (each runs in its own group). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

process.on("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => stop(child)));
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      running.delete(child);
      return resolve();
    }
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      running.delete(child);
      resolve();
    });
    killGroup(child, "SIGTERM");
  });
}

/** The child's environment: no inherited cloud or demo settings, no telemetry, the bench's build folder. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(process.env))
    if (!/^(CLOUD_|DEMO_|TAURUSDB_|RDS_|DCS_|BACKUP_SERVICES|CACHE_TTL|SYNC_INTERVAL|RECONCILE_INTERVAL|HISTORY_DAYS|DATA_DIR|NEXT_|PORT$)/.test(name)) env[name] = value;
  return { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: DIST_DIR, ...extra };
}

function launch(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [NEXT_BIN, ...args], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { child, output: () => output };
}

/**
 * `next build` into the bench's own folder. Next.js rewrites tsconfig.json to include that folder's types;
 * the file is put back exactly as it was, since it is not the benchmark's to change.
 */
export async function buildApp(): Promise<{ ms: number }> {
  const tsconfigPath = `${ROOT}tsconfig.json`;
  const tsconfig = await readFile(tsconfigPath);
  const started = performance.now();
  try {
    const { child, output } = launch(["build"], childEnv({}));
    const code = await new Promise<number | null>((resolve) => child.once("exit", (exit) => resolve(exit)));
    running.delete(child);
    if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output()}`);
  } finally {
    if (!(await readFile(tsconfigPath)).equals(tsconfig)) await writeFile(tsconfigPath, tsconfig);
  }
  return { ms: performance.now() - started };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface AppServer {
  url: string;
  /** The server process (`next start` serves in the process it was started as). */
  pid: number;
  /** Resident memory now, bytes. */
  rssBytes(): Promise<number>;
  /** Resets the peak-RSS counter (VmHWM); false where the kernel does not allow it. */
  resetPeakRss(): Promise<boolean>;
  /** Peak resident memory since start or the last reset, bytes. */
  peakRssBytes(): Promise<number>;
  /** CPU time the process has used (user + system), ms, in steps of a clock tick (10 ms). */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

async function statusField(pid: number, field: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** `/proc/<pid>/stat` utime + stime (fields 14 and 15, counted after the parenthesised command name). */
async function cpuTimeMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** The USER_HZ of Linux on every architecture Node.js supports. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time every process of the machine has used since boot (all cores, idle and I/O wait left out), ms. */
export async function machineBusyMs(): Promise<number> {
  const [, ...ticks] = (await readFile("/proc/stat", "utf8")).split("\n")[0].trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal ...
  const busy = ticks.reduce((sum, value, index) => (index === 3 || index === 4 ? sum : sum + value), 0);
  return (busy * 1000) / CLOCK_TICKS_PER_SECOND;
}

export function startApp(simulator: Simulator, options: { syncIntervalSeconds?: number } = {}): Promise<AppServer> {
  return startAppWith(cloudEnv(simulator, options.syncIntervalSeconds ?? 3600));
}

/** The production server pointed at whatever cloud `env` names (e.g. a hostile upstream). */
export async function startAppWith(env: Record<string, string>): Promise<AppServer> {
  const port = await freePort();
  const { child, output } = launch(["start", "-p", String(port), "-H", "127.0.0.1"], childEnv(env));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop(child);
      throw new Error(`next start did not answer /api/health within 60 s:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const pid = child.pid as number;
  return {
    url,
    pid,
    rssBytes: () => statusField(pid, "VmRSS"),
    resetPeakRss: async () => {
      try {
        await writeFile(`/proc/${pid}/clear_refs`, "5");
        return true;
      } catch {
        return false;
      }
    },
    peakRssBytes: () => statusField(pid, "VmHWM"),
    cpuMs: () => cpuTimeMs(pid),
    stop: () => stop(child),
  };
}
