import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVICES } from "../inventory/model";
import { type Simulator, startSimulator } from "../simulator";
import { openDuckDBStore } from "../store/duckdb";
import type { SourceState, StoredBackup } from "../store/types";
import { type Started, startSyncProcess } from "../testing/app-process";
import { cloudEnv } from "../testing/cloud";

/**
 * The sync killed with SIGKILL in the middle of its first sync, then started again: what was committed is all
 * there, what was not is not there at all, and the restarted sync completes it without a backup lost or doubled.
 */

let simulator: Simulator;
let dataDir: string;

beforeAll(async () => {
  // DCS answers fast, TaurusDB and RDS slowly, and a service's four projects take turns on its one endpoint:
  // when the first source has committed, others are still listing.
  simulator = await startSimulator({
    seed: "crash",
    instances: 40,
    days: 7,
    still: true,
    faults: { dcs: { latencyMs: 5 }, rds: { latencyMs: 60 }, taurusdb: { latencyMs: 60 } },
  });
  dataDir = await mkdtemp(path.join(os.tmpdir(), "sync-crash-"));
});

afterAll(async () => {
  await simulator.close();
  await rm(dataDir, { recursive: true, force: true });
});

const env = () => ({ ...cloudEnv(simulator), DATA_DIR: dataDir });

/** What the store holds, read after the process that wrote it has ended. */
async function readStore(): Promise<{ states: SourceState[]; backups: StoredBackup[] }> {
  const store = await openDuckDBStore({ directory: dataDir, memoryLimit: "256MB", threads: 1 });
  try {
    const ids = [...new Set(simulator.truth().instances.map((instance) => instance.id))];
    const backups = (await Promise.all(ids.map((id) => store.instanceBackups(id)))).flat();
    return { states: await store.sourceStates(), backups };
  } finally {
    await store.close();
  }
}

const committed = (output: string) => (output.match(/: complete listing, /g) ?? []).length;

async function until(started: Started, done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!done()) {
    if (Date.now() > deadline || started.child.exitCode !== null)
      throw new Error(`${what} did not happen: ${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("kill -9 in the middle of a sync, then a restart", () => {
  const sources = () => simulator.projects.length * SERVICES.length;
  const truthOf = (state: SourceState) =>
    simulator.truth().backups.filter((b) => b.service === state.service && b.projectId === state.projectId);
  let beforeRestart: SourceState[] = [];

  it("keeps each source's commit whole, and nothing of the sources that had not committed", async () => {
    const first = await startSyncProcess(env());
    await until(first, () => committed(first.output()) >= 1, "a first commit");
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");

    const { states, backups } = await readStore();
    expect(states.length).toBeGreaterThan(0);
    expect(states.length).toBeLessThan(sources());
    for (const state of states) {
      const truth = truthOf(state);
      expect(state, `${state.service} ${state.region}`).toMatchObject({ complete: true, backups: truth.length });
      const stored = backups.filter((b) => b.service === state.service && b.projectId === state.projectId);
      expect(stored.map((backup) => backup.id).sort()).toEqual(truth.map((backup) => backup.id).sort());
    }
    const committedSources = new Set(states.map((state) => `${state.service} ${state.projectId}`));
    expect(backups.every((backup) => committedSources.has(`${backup.service} ${backup.projectId}`))).toBe(true);
    beforeRestart = states;
  });

  it("completes after a restart, every backup once, syncing on from where it stopped", async () => {
    const second = await startSyncProcess(env());
    await until(second, () => committed(second.output()) >= sources() - beforeRestart.length, "the other commits");
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe("SIGTERM");
    // Stopped by the signal, it closed the store: everything is in the file, no write-ahead log is left.
    expect(existsSync(path.join(dataDir, "inventory.duckdb.wal"))).toBe(false);

    const { states, backups } = await readStore();
    expect(states.length).toBe(sources());
    for (const state of states)
      expect(state, `${state.service} ${state.region}`).toMatchObject({
        complete: true,
        lastError: null,
        backups: truthOf(state).length,
      });
    const truth = simulator.truth().backups;
    expect(backups.length).toBe(truth.length);
    expect(backups.map((backup) => backup.id).sort()).toEqual(truth.map((backup) => backup.id).sort());
    expect(backups.every((backup) => backup.goneAt === null)).toBe(true);
    // The sources committed before the kill were not listed again: their next sync is a sync interval away.
    for (const state of beforeRestart)
      expect(states.find((s) => s.service === state.service && s.projectId === state.projectId)?.lastAttemptAt).toBe(
        state.lastAttemptAt,
      );
  });
});
