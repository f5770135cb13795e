import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDuckDBStore, STORE_FILE, StoreOpenError } from "./duckdb";

/** Opening the DuckDB store file: what start-up reports, in one line, when it cannot; the file is never touched. */

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), "backup-store-open-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function openFailure(options: Parameters<typeof openDuckDBStore>[0]): Promise<StoreOpenError> {
  const error = await openDuckDBStore(options).then(
    async (store) => {
      await store.close();
      return null;
    },
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(StoreOpenError);
  const message = (error as StoreOpenError).message;
  expect(message).not.toContain("\n");
  return error as StoreOpenError;
}

describe("openDuckDBStore", () => {
  it("creates DATA_DIR and the file when missing", async () => {
    const nested = path.join(directory, "a", "b");
    const store = await openDuckDBStore({ directory: nested });
    expect(store.file).toBe(path.join(nested, STORE_FILE));
    await store.close();
    await expect(readFile(path.join(nested, STORE_FILE))).resolves.toBeInstanceOf(Buffer);
  });

  it("names DATA_DIR when it cannot be a writable folder", async () => {
    const file = path.join(directory, "plain-file");
    await writeFile(file, "x");
    const error = await openFailure({ directory: path.join(file, "data") });
    expect(error.message).toMatch(/^DATA_DIR: .*plain-file\/data is not a writable folder \(ENOTDIR\)$/);
  });

  it("refuses a damaged file, naming it, and leaves it as it was", async () => {
    const file = path.join(directory, STORE_FILE);
    const garbage = Buffer.from("not a database ".repeat(500));
    await writeFile(file, garbage);
    const error = await openFailure({ directory });
    expect(error.message).toContain(`store file ${file}: damaged or not a store file`);
    expect(await readFile(file)).toEqual(garbage);
  });

  it("refuses a store written by a newer version, and leaves it as it was", async () => {
    await (await openDuckDBStore({ directory })).close();
    const file = path.join(directory, STORE_FILE);
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await connection.run("INSERT INTO schema_migrations VALUES (999, 'from the future', 0)");
    await connection.run("CHECKPOINT");
    connection.closeSync();
    instance.closeSync();
    const before = await readFile(file);
    const error = await openFailure({ directory });
    expect(error.message).toBe(
      `store file ${file}: written by a newer version of this dashboard (schema version 999 is newer than this version knows (1))`,
    );
    expect(await readFile(file)).toEqual(before);
  });

  it("refuses a file another process holds, naming the file", async () => {
    await (await openDuckDBStore({ directory })).close();
    const file = path.join(directory, STORE_FILE);
    const holder = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { DuckDBInstance } from "@duckdb/node-api";
         await DuckDBInstance.create(${JSON.stringify(file)});
         console.log("open");
         process.stdin.resume();`,
      ],
      { cwd: process.cwd(), stdio: ["pipe", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on("data", () => resolve());
        holder.on("exit", (code) => reject(new Error(`the holder exited (${code})`)));
      });
      const error = await openFailure({ directory });
      expect(error.message).toMatch(new RegExp(`^store file ${file}: in use by another process \\(.*, PID \\d+\\)$`));
    } finally {
      holder.kill();
    }
  });

  it("refuses to open one file twice in a process", async () => {
    const store = await openDuckDBStore({ directory });
    try {
      const error = await openFailure({ directory });
      expect(error.message).toContain("already open in this process");
    } finally {
      await store.close();
    }
  });
});
