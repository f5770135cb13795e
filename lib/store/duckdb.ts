import "server-only";
import { constants } from "node:fs";
import { access, mkdir, stat } from "node:fs/promises";
import path from "node:path";
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  JSToDuckDBValueConverter,
  VARCHAR,
} from "@duckdb/node-api";
import type { CoveragePage, CoverageRow, CoverageWindow } from "../coverage/model";
import type { CoverageQuery } from "../coverage/query";
import type { Instance, SourceError } from "../inventory/model";
import type { Timeline } from "../timeline/model";
import type { TimelineQuery } from "../timeline/query";
import { MIGRATIONS, type Migration, migrate, NewerSchemaError } from "./migrations";
import {
  type Combination,
  combinationsKey,
  combinationsQuery,
  coverage,
  exportCoverage,
  exportQuery,
  queryBackupPage,
  type Run,
  timeline,
} from "./reads";
import { BACKUP_COLUMNS, backupFromRow, STAGED_COLUMNS, type StagedRow, type StoreFilter, stagedRow } from "./sql";
import type {
  BackupStore,
  FromStore,
  ListingApplied,
  SourceFailure,
  SourceKey,
  SourceListing,
  SourceState,
  StoreBackupQuery,
  StoredBackup,
  StoredBackupPage,
} from "./types";

/**
 * The embedded store: one DuckDB file under DATA_DIR (lib/store/README.md). One writer connection, every write
 * serialised through one queue and each in one transaction; reads on their own connections see the last commit.
 */

export const STORE_FILE = "inventory.duckdb";

export interface DuckDBStoreOptions {
  /** The folder of the store file: DATA_DIR. Created when missing. */
  directory: string;
  /** Default `inventory.duckdb`. */
  fileName?: string;
  /** DuckDB's memory_limit, default 512MB (the process's other memory comes on top). */
  memoryLimit?: string;
  /** DuckDB's worker threads, default 2. */
  threads?: number;
  /** Read connections, default 3 (a page, its facets and one more query at once). */
  readers?: number;
  /** The schema to migrate to; tests pass an older list to make a store of a previous version. */
  migrations?: readonly Migration[];
}

/** Why a store could not be opened: one line naming the variable or the file. The file is left as it is. */
export class StoreOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreOpenError";
  }
}

/** Sync runs older than this are forgotten (enough for the metrics' graphs of durations). */
const SYNC_RUNS_KEPT_MS = 30 * 86_400_000;

const STAGED_TYPES: Record<(typeof STAGED_COLUMNS)[number], DuckDBType> = {
  service: VARCHAR,
  region: VARCHAR,
  project_id: VARCHAR,
  id: VARCHAR,
  instance_id: VARCHAR,
  instance_name: VARCHAR,
  engine: VARCHAR,
  engine_version: VARCHAR,
  name: VARCHAR,
  kind: VARCHAR,
  trigger: VARCHAR,
  status: VARCHAR,
  raw_status: VARCHAR,
  started_ms: BIGINT,
  ended_ms: BIGINT,
  duration_seconds: DOUBLE,
  size_bytes: DOUBLE,
  description: VARCHAR,
  details: VARCHAR,
  offsite: BOOLEAN,
  search_text: VARCHAR,
  name_key: VARCHAR,
  instance_name_key: VARCHAR,
  engine_key: VARCHAR,
  region_key: VARCHAR,
};
const STAGED_TYPE_LIST = STAGED_COLUMNS.map((column) => STAGED_TYPES[column]);
/** DuckDB's vector size: one data chunk per this many staged rows. */
const CHUNK_ROWS = 2048;

const STAGED_TABLE = `CREATE TEMP TABLE IF NOT EXISTS staged_backups (${STAGED_COLUMNS.map(
  (column) => `${column} ${STAGED_TYPES[column].toString()}`,
).join(", ")})`;

const MERGE_LISTING = `MERGE INTO backups AS b USING staged_backups AS s
  ON b.service = s.service AND b.project_id = s.project_id AND b.id = s.id
  WHEN MATCHED THEN UPDATE SET ${STAGED_COLUMNS.filter((column) => !["service", "project_id", "id"].includes(column))
    .map((column) => `${column} = s.${column}`)
    .join(", ")}, last_seen_ms = $1::BIGINT, gone_ms = NULL
  WHEN NOT MATCHED THEN INSERT (${STAGED_COLUMNS.join(", ")}, first_seen_ms, last_seen_ms, gone_ms)
    VALUES (${STAGED_COLUMNS.map((column) => `s.${column}`).join(", ")}, $1::BIGINT, $1::BIGINT, NULL)`;

/** Files open in this process: a second DuckDB instance on the same file would corrupt it. */
const openFiles = ((globalThis as typeof globalThis & { __backupInventoryStoreFiles?: Set<string> })
  .__backupInventoryStoreFiles ??= new Set<string>());

const iso = (ms: unknown) => (ms === null ? null : new Date(Number(ms)).toISOString());
const numberOrNull = (value: unknown) => (value === null ? null : Number(value));

/** Opens (creating or migrating) the store file in `directory`. Throws StoreOpenError with one line. */
export async function openDuckDBStore(options: DuckDBStoreOptions): Promise<DuckDBStore> {
  const directory = path.resolve(options.directory);
  try {
    await mkdir(directory, { recursive: true });
    await access(directory, constants.W_OK);
  } catch (error) {
    throw new StoreOpenError(`DATA_DIR: ${directory} is not a writable folder (${errorCode(error)})`);
  }
  const file = path.join(directory, options.fileName ?? STORE_FILE);
  const existing = await stat(file).then(
    (stats) => stats,
    () => null,
  );
  if (existing && !existing.isFile()) throw new StoreOpenError(`store file ${file}: not a file`);
  if (openFiles.has(file)) throw new StoreOpenError(`store file ${file}: already open in this process`);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file, {
      memory_limit: options.memoryLimit ?? "512MB",
      threads: String(options.threads ?? 2),
      // The store's own files only: no extension is ever downloaded.
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    });
  } catch (error) {
    throw new StoreOpenError(`store file ${file}: ${openFailure(error)}`);
  }
  openFiles.add(file);
  try {
    const writer = await instance.connect();
    await applyMigrations(writer, file, options.migrations ?? MIGRATIONS);
    await writer.run(STAGED_TABLE);
    const readers: DuckDBConnection[] = [];
    for (let index = 0; index < (options.readers ?? 3); index++) readers.push(await instance.connect());
    return new DuckDBStore(file, instance, writer, readers);
  } catch (error) {
    openFiles.delete(file);
    instance.closeSync();
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError(`store file ${file}: ${openFailure(error)}`);
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** DuckDB's reason, on one line; a lock held by another process says which. */
function openFailure(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
  const lock = /Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(message);
  if (lock) return `in use by another process (${lock[1]}, PID ${lock[2]})`;
  if (/Could not set lock/.test(message)) return "in use by another process";
  if (/not a valid DuckDB database file|Corrupt|checksum|invalid/i.test(message))
    return `damaged or not a store file (${message}); it is left as it is`;
  return message;
}

async function applyMigrations(connection: DuckDBConnection, file: string, migrations: readonly Migration[]) {
  await connection.run("BEGIN TRANSACTION");
  try {
    await migrate(
      {
        run: async (sql, params) => {
          await connection.run(sql, params as DuckDBValue[] | undefined);
        },
        appliedVersion: async () => {
          const reader = await connection.runAndReadAll("SELECT coalesce(max(version), 0) FROM schema_migrations");
          return Number(reader.getRows()[0][0]);
        },
      },
      migrations,
    );
    await connection.run("COMMIT");
  } catch (error) {
    await connection.run("ROLLBACK");
    if (error instanceof NewerSchemaError)
      throw new StoreOpenError(`store file ${file}: written by a newer version of this dashboard (${error.message})`);
    throw error;
  }
}

/** Facet combinations kept per data version (the filters no facet ignores, lately asked). */
const MAX_CACHED_COMBINATIONS = 64;

export class DuckDBStore implements BackupStore {
  readonly engine = "duckdb" as const;
  /** Bumped by every commit: results computed at one version may be reused until the next. */
  private version = 0;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly idle: DuckDBConnection[];
  private readonly waiting: ((connection: DuckDBConnection) => void)[] = [];
  private closed = false;
  private combinationsCache = { version: -1, entries: new Map<string, Promise<Combination[]>>() };

  constructor(
    readonly file: string,
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    readers: DuckDBConnection[],
  ) {
    this.idle = [...readers];
  }

  get dataVersion(): number {
    return this.version;
  }

  // ---- the write path ----

  /** Runs `work` after every earlier write, in one transaction on the writer connection. */
  private write<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const run = async () => {
      this.assertOpen();
      await this.writer.run("BEGIN TRANSACTION");
      try {
        const result = await work(this.writer);
        await this.writer.run("COMMIT");
        this.version++;
        return result;
      } catch (error) {
        // A failed COMMIT has already rolled the transaction back; the error to report is the first one.
        await this.writer.run("ROLLBACK").catch(() => undefined);
        throw error;
      }
    };
    const result = this.writes.then(run, run);
    this.writes = result.catch(() => undefined);
    return result;
  }

  async applyListing(listing: SourceListing): Promise<ListingApplied> {
    const { source } = listing;
    const rows = uniqueRows(listing);
    return await this.write(async (connection) => {
      const seen = listing.seenAt.getTime();
      const key = [source.service, source.projectId];
      await connection.run("DELETE FROM staged_backups");
      await stage(connection, rows);
      const counted = await connection.runAndReadAll(
        `SELECT count(*)::DOUBLE, count(b.id)::DOUBLE, count(b.gone_ms)::DOUBLE FROM staged_backups s
         LEFT JOIN backups b ON b.service = s.service AND b.project_id = s.project_id AND b.id = s.id`,
      );
      const [listed, matched, returned] = counted.getRows()[0].map(Number);
      await connection.run(MERGE_LISTING, [seen]);
      let gone = 0;
      if (listing.complete) {
        const marked = await connection.run(
          `UPDATE backups SET gone_ms = $3::BIGINT
           WHERE service = $1 AND project_id = $2 AND gone_ms IS NULL AND started_ms < $4::BIGINT
             AND id NOT IN (SELECT id FROM staged_backups)`,
          [...key, seen, listing.listedBefore?.getTime() ?? Number.MAX_SAFE_INTEGER],
        );
        gone = marked.rowsChanged;
      }
      if (listing.instances) await replaceInstances(connection, source, listing.instances);
      const finished = seen + listing.durationMs;
      const applied = { inserted: listed - matched, updated: matched, gone, returned };
      await connection.run(
        `INSERT INTO sources (service, region, project_id, newest_start_ms, last_complete_ms, last_success_ms,
           last_attempt_ms, last_error, consecutive_failures, last_duration_ms, last_calls, last_reconcile_ms,
           complete, backups, instances, skipped, skipped_reason)
         VALUES ($1, $3, $2, $4::BIGINT, $5::BIGINT, $6::BIGINT, $7::BIGINT, NULL, 0, $8, $9, $10::BIGINT, $11,
           (SELECT count(*) FROM backups WHERE service = $1 AND project_id = $2 AND gone_ms IS NULL),
           (SELECT count(*) FROM instances WHERE service = $1 AND project_id = $2), $12, $13)
         ON CONFLICT (service, project_id) DO UPDATE SET region = excluded.region,
           newest_start_ms = excluded.newest_start_ms, last_complete_ms = excluded.last_complete_ms,
           last_success_ms = excluded.last_success_ms, last_attempt_ms = excluded.last_attempt_ms, last_error = NULL,
           consecutive_failures = 0, last_duration_ms = excluded.last_duration_ms, last_calls = excluded.last_calls,
           last_reconcile_ms = coalesce(excluded.last_reconcile_ms, sources.last_reconcile_ms),
           complete = sources.complete OR excluded.complete, backups = excluded.backups,
           instances = excluded.instances, skipped = excluded.skipped, skipped_reason = excluded.skipped_reason`,
        [
          ...key,
          source.region,
          listing.cursor.newestStartMs,
          listing.cursor.lastCompleteMs,
          finished,
          seen,
          listing.durationMs,
          listing.calls,
          listing.complete ? finished : null,
          listing.complete,
          listing.skipped,
          listing.skippedReason,
        ],
      );
      await recordRun(connection, source, {
        startedMs: seen,
        finishedMs: finished,
        ok: true,
        complete: listing.complete,
        calls: listing.calls,
        ...applied,
        errorCode: null,
      });
      return applied;
    });
  }

  recordFailure(failure: SourceFailure): Promise<void> {
    const { source, error } = failure;
    return this.write(async (connection) => {
      const attempt = failure.attemptAt.getTime();
      await connection.run(
        `INSERT INTO sources (service, region, project_id, last_attempt_ms, last_error, consecutive_failures,
           last_duration_ms, last_calls, complete, backups, instances, skipped)
         VALUES ($1, $3, $2, $4::BIGINT, $5, 1, $6, $7, FALSE, 0, 0, 0)
         ON CONFLICT (service, project_id) DO UPDATE SET region = excluded.region,
           last_attempt_ms = excluded.last_attempt_ms, last_error = excluded.last_error,
           consecutive_failures = sources.consecutive_failures + 1, last_duration_ms = excluded.last_duration_ms,
           last_calls = excluded.last_calls`,
        [source.service, source.projectId, source.region, attempt, JSON.stringify(error), failure.durationMs, failure.calls],
      );
      await recordRun(connection, source, {
        startedMs: attempt,
        finishedMs: attempt + failure.durationMs,
        ok: false,
        complete: false,
        calls: failure.calls,
        inserted: 0,
        updated: 0,
        gone: 0,
        returned: 0,
        errorCode: error.code,
      });
    });
  }

  purgeGone(before: Date): Promise<number> {
    return this.write(async (connection) => {
      const purged = await connection.run("DELETE FROM backups WHERE gone_ms < $1::BIGINT", [before.getTime()]);
      return purged.rowsChanged;
    });
  }

  dropSource(source: SourceKey): Promise<void> {
    return this.write(async (connection) => {
      for (const table of ["backups", "instances", "sources", "sync_runs"])
        await connection.run(`DELETE FROM ${table} WHERE service = $1 AND project_id = $2`, [
          source.service,
          source.projectId,
        ]);
    });
  }

  // ---- reads ----

  /** Runs `work` on an idle read connection (waiting for one when all are busy). */
  private async read<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    this.assertOpen();
    const connection =
      this.idle.pop() ?? (await new Promise<DuckDBConnection>((resolve) => this.waiting.push(resolve)));
    try {
      return await work(connection);
    } finally {
      const next = this.waiting.shift();
      if (next) next(connection);
      else this.idle.push(connection);
    }
  }

  private rows(sql: string, params: readonly DuckDBValue[] = []): Promise<DuckDBValue[][]> {
    return this.read(async (connection) => (await connection.runAndReadAll(sql, [...params])).getRows());
  }

  private readonly run: Run = (sql, params) => this.rows(sql, params);

  /** The data changes only when a commit bumps the version: until then a filter's combinations are reused. */
  private combinations(filter: StoreFilter): Promise<Combination[]> {
    const cache = this.combinationsCache;
    if (cache.version !== this.version) {
      cache.version = this.version;
      cache.entries.clear();
    }
    const key = combinationsKey(filter);
    let entry = cache.entries.get(key);
    if (!entry) {
      const { sql, params } = combinationsQuery(filter);
      entry = this.rows(sql, params);
      entry.catch(() => cache.entries.delete(key));
      if (cache.entries.size >= MAX_CACHED_COMBINATIONS) cache.entries.delete(cache.entries.keys().next().value!);
      cache.entries.set(key, entry);
    }
    return entry;
  }

  queryBackups(query: StoreBackupQuery): Promise<StoredBackupPage> {
    return queryBackupPage(this.run, query, (filter) => this.combinations(filter));
  }

  /** Streams on a connection of its own, which holds the snapshot of the export's start until the last batch. */
  async *exportBackups(query: Omit<StoreBackupQuery, "page" | "pageSize">): AsyncIterable<StoredBackup[]> {
    this.assertOpen();
    const { sql, params } = exportQuery(query);
    const connection = await this.instance.connect();
    try {
      const result = await connection.stream(sql, params);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        yield chunk.getRows().map(backupFromRow);
      }
    } finally {
      connection.closeSync();
    }
  }

  coverage(query: Omit<CoverageQuery, "refresh">, now: Date): Promise<FromStore<CoveragePage>> {
    return coverage(this.run, query, now);
  }

  exportCoverage(
    query: Omit<CoverageQuery, "refresh" | "page" | "pageSize">,
    now: Date,
  ): Promise<{ rows: CoverageRow[]; window: CoverageWindow }> {
    return exportCoverage(this.run, query, now);
  }

  timeline(query: Omit<TimelineQuery, "refresh">): Promise<FromStore<Timeline>> {
    return timeline(this.run, query);
  }

  async sourceStates(): Promise<SourceState[]> {
    const rows = await this.rows(
      `SELECT service, region, project_id, newest_start_ms::DOUBLE, last_complete_ms::DOUBLE,
         last_success_ms::DOUBLE, last_attempt_ms::DOUBLE, last_error, consecutive_failures, last_duration_ms,
         last_calls, last_reconcile_ms::DOUBLE, complete, backups, instances, skipped, skipped_reason
       FROM sources ORDER BY service, region, project_id`,
    );
    return rows.map((row) => ({
      service: row[0] as SourceState["service"],
      region: row[1] as string,
      projectId: row[2] as string,
      cursor: { newestStartMs: numberOrNull(row[3]), lastCompleteMs: numberOrNull(row[4]) },
      lastSuccessAt: iso(row[5]),
      lastAttemptAt: iso(row[6]),
      lastError: row[7] === null ? null : (JSON.parse(row[7] as string) as SourceError),
      consecutiveFailures: Number(row[8]),
      lastDurationMs: numberOrNull(row[9]),
      lastCalls: numberOrNull(row[10]),
      lastReconcileAt: iso(row[11]),
      complete: row[12] as boolean,
      backups: Number(row[13]),
      instances: Number(row[14]),
      skipped: Number(row[15]),
      skippedReason: row[16] as string | null,
    }));
  }

  async instances(): Promise<Instance[]> {
    const rows = await this.rows(
      "SELECT service, region, project_id, id, name, engine, engine_version, status FROM instances " +
        "ORDER BY service, region, project_id, id",
    );
    return rows.map((row) => ({
      service: row[0] as Instance["service"],
      region: row[1] as string,
      projectId: row[2] as string,
      id: row[3] as string,
      name: row[4] as string,
      engine: row[5] as string,
      engineVersion: row[6] as string | null,
      status: row[7] as string,
    }));
  }

  async instanceBackups(instanceId: string): Promise<StoredBackup[]> {
    const rows = await this.rows(
      `SELECT ${BACKUP_COLUMNS} FROM backups WHERE instance_id = $1 AND gone_ms IS NULL
       ORDER BY started_ms ASC, service ASC, id ASC, project_id ASC`,
      [instanceId],
    );
    return rows.map(backupFromRow);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.writes;
    this.closed = true;
    await this.writer.run("CHECKPOINT");
    this.writer.closeSync();
    for (const connection of this.idle) connection.closeSync();
    this.instance.closeSync();
    openFiles.delete(this.file);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`store file ${this.file} is closed`);
  }
}

/** The listing's backups, one per ID (the last listed wins), all of the listing's source. */
function uniqueRows(listing: SourceListing): StagedRow[] {
  const { service, projectId } = listing.source;
  const byId = new Map<string, StagedRow>();
  for (const backup of listing.backups) {
    if (backup.service !== service || backup.projectId !== projectId)
      throw new Error(`backup ${backup.id} of ${backup.service} ${backup.projectId} in a listing of ${service} ${projectId}`);
    byId.set(backup.id, stagedRow(backup));
  }
  return [...byId.values()];
}

async function stage(connection: DuckDBConnection, rows: readonly StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const appender = await connection.createAppender("staged_backups", "main", "temp");
  try {
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const batch = rows.slice(start, start + CHUNK_ROWS);
      const chunk = DuckDBDataChunk.create(STAGED_TYPE_LIST, batch.length);
      chunk.setRowsConverted(batch, JSToDuckDBValueConverter);
      appender.appendDataChunk(chunk);
    }
  } finally {
    appender.closeSync();
  }
}

function appendText(appender: DuckDBAppender, text: string | null): void {
  if (text === null) appender.appendNull();
  else appender.appendVarchar(text);
}

async function replaceInstances(connection: DuckDBConnection, source: SourceKey, instances: readonly Instance[]) {
  await connection.run("DELETE FROM instances WHERE service = $1 AND project_id = $2", [
    source.service,
    source.projectId,
  ]);
  const unique = new Map(instances.map((instance) => [instance.id, instance]));
  if (unique.size === 0) return;
  const appender = await connection.createAppender("instances");
  try {
    for (const instance of unique.values()) {
      if (instance.service !== source.service || instance.projectId !== source.projectId)
        throw new Error(`instance ${instance.id} of ${instance.service} ${instance.projectId} in another source`);
      appender.appendVarchar(instance.service);
      appender.appendVarchar(instance.region);
      appender.appendVarchar(instance.projectId);
      appender.appendVarchar(instance.id);
      appendText(appender, instance.name);
      appender.appendVarchar(instance.engine);
      appendText(appender, instance.engineVersion);
      appendText(appender, instance.status);
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
}

interface RunRecord extends ListingApplied {
  startedMs: number;
  finishedMs: number;
  ok: boolean;
  complete: boolean;
  calls: number;
  errorCode: string | null;
}

async function recordRun(connection: DuckDBConnection, source: SourceKey, run: RunRecord): Promise<void> {
  await connection.run(
    `INSERT INTO sync_runs (service, region, project_id, started_ms, finished_ms, ok, complete, calls, inserted,
       updated, gone, returned, error_code)
     VALUES ($1, $2, $3, $4::BIGINT, $5::BIGINT, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      source.service,
      source.region,
      source.projectId,
      run.startedMs,
      run.finishedMs,
      run.ok,
      run.complete,
      run.calls,
      run.inserted,
      run.updated,
      run.gone,
      run.returned,
      run.errorCode,
    ],
  );
  await connection.run(
    "DELETE FROM sync_runs WHERE service = $1 AND project_id = $2 AND finished_ms < $3::BIGINT",
    [source.service, source.projectId, run.finishedMs - SYNC_RUNS_KEPT_MS],
  );
}
