import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/**
 * Production servers (`next start` of the build the browser tests use) and simulators started by a test itself,
 * for what needs a process of its own: other settings, signals. All on 127.0.0.1.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const NEXT_BIN = fileURLToPath(new URL("../../node_modules/next/dist/bin/next", import.meta.url));

export interface Started {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  server.close();
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

function start(args: string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = once(child, "exit").then(([code, signal]) => (code ?? signal) as number | string);
  return { child, output: () => output, exited };
}

async function waitFor(started: Started, ready: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`${what} exited: ${started.output()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not start: ${started.output()}`);
}

/** A store folder of its own for a server started here, removed when this process ends. */
function freshDataDir(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), "app-process-store-"));
  process.once("exit", () => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/**
 * `next start` on a free loopback port with `env` over this process's environment (credentials cleared, a store
 * of its own).
 */
export async function startApp(env: Record<string, string>): Promise<Started & { url: string }> {
  const port = await freePort();
  const started = start([NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    CLOUD_SDK_AK: "",
    CLOUD_SDK_SK: "",
    DATA_DIR: freshDataDir(),
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(started, async () => (await fetch(`${url}/api/health`)).ok, "next start");
  return { ...started, url };
}

/** Waits until `url`'s first sync is over: every configured source tried once, and no sync running. */
export async function firstSyncDone(url: string, headers: Record<string, string> = {}, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${url}/api/sync`, { headers }).catch(() => null);
    if (response?.ok) {
      const overview = (await response.json()) as { state: string; sources: { lastAttemptAt: string | null }[] };
      if (overview.state !== "syncing" && overview.sources.every((source) => source.lastAttemptAt !== null)) return;
    }
    if (Date.now() > deadline) throw new Error(`the first sync of ${url} did not end within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `next start` that is expected to stop during start-up. */
export function startFailingApp(env: Record<string, string>): Started {
  return start([NEXT_BIN, "start", "-p", "0", "-H", "127.0.0.1"], {
    CLOUD_SDK_AK: "",
    CLOUD_SDK_SK: "",
    DATA_DIR: freshDataDir(),
    ...env,
  });
}

/** The simulator CLI; resolves with the environment it prints for the dashboard. */
export async function startSimulatorProcess(args: string[]): Promise<Started & { env: Record<string, string> }> {
  const started = start(["--conditions=react-server", "--import", "tsx", "lib/simulator/cli.ts", ...args], {});
  await waitFor(started, async () => started.output().includes("DCS_ENDPOINT="), "the simulator");
  const env = Object.fromEntries(
    [...started.output().matchAll(/^([A-Z_]+)=(.*)$/gm)].map((match) => [match[1], match[2].trim()]),
  );
  return { ...started, env };
}

/** The background sync in a process of its own (lib/sync/testing/sync-process.ts), with `env` over this one's. */
export async function startSyncProcess(env: Record<string, string>): Promise<Started> {
  const started = start(["--conditions=react-server", "--import", "tsx", "lib/sync/testing/sync-process.ts"], env);
  await waitFor(started, async () => started.output().includes("sync started"), "the sync process");
  return started;
}

/** A password hash for DASHBOARD_USERS, made by `npm run hash-password` (the password on its stdin). */
export async function hashPasswordWithCli(password: string): Promise<string> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/hash-password.ts"], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stdin.end(`${password}\n`);
  const [code] = await once(child, "exit");
  if (code !== 0) throw new Error(`hash-password exited with ${code}`);
  return output.trim();
}

/** Stops a process started here and waits for its end. */
export async function stop(started: Started): Promise<void> {
  if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill("SIGTERM");
  await started.exited;
}
