import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listing, RDS_SOURCE, sourceBackup } from "../testing/store";
import { openDuckDBStore, STORE_FILE, StoreOpenError } from "./duckdb";
import { type Migration, MIGRATIONS, SCHEMA_VERSION } from "./migrations";

/** Schema versions: a store made by an earlier list of migrations opens with the current one, data kept. */

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), "backup-store-migrations-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function appliedVersions(): Promise<number[]> {
  const instance = await DuckDBInstance.create(path.join(directory, STORE_FILE));
  const connection = await instance.connect();
  const rows = (await connection.runAndReadAll("SELECT version FROM schema_migrations ORDER BY version")).getRows();
  connection.closeSync();
  instance.closeSync();
  return rows.map((row) => Number(row[0]));
}

const backup = sourceBackup(RDS_SOURCE, { id: "b1", startedAt: "2026-11-01T00:00:00.000Z" });

describe("migrations", () => {
  it("are numbered 1, 2, ... in order", () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it.each(MIGRATIONS.map((_, index) => index + 1))(
    "bring a store made at version %i to the current one, its backups kept",
    async (version) => {
      const older = await openDuckDBStore({ directory, migrations: MIGRATIONS.slice(0, version) });
      await older.applyListing(listing(RDS_SOURCE, "2026-11-02T00:00:00.000Z", [backup]));
      await older.close();
      const current = await openDuckDBStore({ directory });
      expect((await current.instanceBackups("i-1")).map((stored) => stored.id)).toEqual(["b1"]);
      await current.close();
      expect(await appliedVersions()).toEqual(MIGRATIONS.map((migration) => migration.version));
    },
  );

  it("apply a newer migration at open, once, and keep the rows", async () => {
    const next: Migration = {
      version: SCHEMA_VERSION + 1,
      description: "a column added by a later version",
      statements: ["ALTER TABLE backups ADD COLUMN note VARCHAR", "UPDATE backups SET note = 'migrated'"],
    };
    const first = await openDuckDBStore({ directory });
    await first.applyListing(listing(RDS_SOURCE, "2026-11-02T00:00:00.000Z", [backup]));
    await first.close();
    for (let open = 0; open < 2; open++) {
      const store = await openDuckDBStore({ directory, migrations: [...MIGRATIONS, next] });
      expect(await store.instanceBackups("i-1")).toHaveLength(1);
      await store.close();
    }
    expect(await appliedVersions()).toEqual([...MIGRATIONS.map((migration) => migration.version), next.version]);
  });

  it("leave the store at its version when a migration fails part way", async () => {
    await (await openDuckDBStore({ directory })).close();
    const broken: Migration = {
      version: SCHEMA_VERSION + 1,
      description: "fails in its second statement",
      statements: ["ALTER TABLE backups ADD COLUMN note VARCHAR", "SELECT * FROM no_such_table"],
    };
    await expect(openDuckDBStore({ directory, migrations: [...MIGRATIONS, broken] })).rejects.toThrow(StoreOpenError);
    expect(await appliedVersions()).toEqual(MIGRATIONS.map((migration) => migration.version));
    // The first statement was rolled back with the rest: applying the migration again works.
    const fixed = { ...broken, statements: [broken.statements[0]] };
    await (await openDuckDBStore({ directory, migrations: [...MIGRATIONS, fixed] })).close();
    expect(await appliedVersions()).toEqual([...MIGRATIONS.map((migration) => migration.version), fixed.version]);
  });
});
