/**
 * The store's schema, as an ordered list of migrations applied at open (lib/store/README.md, "Schema").
 * A migration is never edited once released: a change is a new entry at the end. Plain SQL that DuckDB and
 * PostgreSQL both run: times are epoch-ms BIGINT, texts VARCHAR, `details` JSON text.
 */

export interface Migration {
  version: number;
  description: string;
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "backups, instances, sources and sync runs",
    statements: [
      // No primary key: the single writer keeps (service, project_id, id) unique by merging each listing, and a
      // key index over millions of rows would cost more memory than every query it could serve.
      `CREATE TABLE backups (
        service VARCHAR NOT NULL,
        region VARCHAR NOT NULL,
        project_id VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        instance_id VARCHAR NOT NULL,
        instance_name VARCHAR,
        engine VARCHAR NOT NULL,
        engine_version VARCHAR,
        name VARCHAR,
        kind VARCHAR NOT NULL,
        trigger VARCHAR,
        status VARCHAR NOT NULL,
        raw_status VARCHAR NOT NULL,
        started_ms BIGINT NOT NULL,
        ended_ms BIGINT,
        duration_seconds DOUBLE,
        size_bytes DOUBLE,
        description VARCHAR,
        details VARCHAR NOT NULL,
        offsite BOOLEAN NOT NULL,
        search_text VARCHAR NOT NULL,
        name_key VARCHAR,
        instance_name_key VARCHAR,
        engine_key VARCHAR NOT NULL,
        region_key VARCHAR NOT NULL,
        first_seen_ms BIGINT NOT NULL,
        last_seen_ms BIGINT NOT NULL,
        gone_ms BIGINT
      )`,
      `CREATE TABLE instances (
        service VARCHAR NOT NULL,
        region VARCHAR NOT NULL,
        project_id VARCHAR NOT NULL,
        id VARCHAR NOT NULL,
        name VARCHAR,
        engine VARCHAR NOT NULL,
        engine_version VARCHAR,
        status VARCHAR,
        PRIMARY KEY (service, project_id, id)
      )`,
      `CREATE TABLE sources (
        service VARCHAR NOT NULL,
        region VARCHAR NOT NULL,
        project_id VARCHAR NOT NULL,
        newest_start_ms BIGINT,
        last_complete_ms BIGINT,
        last_success_ms BIGINT,
        last_attempt_ms BIGINT,
        last_error VARCHAR,
        consecutive_failures INTEGER NOT NULL,
        last_duration_ms DOUBLE,
        last_calls INTEGER,
        last_reconcile_ms BIGINT,
        complete BOOLEAN NOT NULL,
        backups INTEGER NOT NULL,
        instances INTEGER NOT NULL,
        skipped INTEGER NOT NULL,
        skipped_reason VARCHAR,
        PRIMARY KEY (service, project_id)
      )`,
      `CREATE TABLE sync_runs (
        service VARCHAR NOT NULL,
        region VARCHAR NOT NULL,
        project_id VARCHAR NOT NULL,
        started_ms BIGINT NOT NULL,
        finished_ms BIGINT NOT NULL,
        ok BOOLEAN NOT NULL,
        complete BOOLEAN NOT NULL,
        calls INTEGER NOT NULL,
        inserted INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        gone INTEGER NOT NULL,
        returned INTEGER NOT NULL,
        error_code VARCHAR
      )`,
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** What a migration runner needs of a connection: one statement at a time, inside the caller's transaction. */
export interface MigrationTarget {
  run(sql: string, params?: readonly (string | number | null)[]): Promise<void>;
  /** The highest applied version, 0 for a store without the version table. */
  appliedVersion(): Promise<number>;
}

export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  description VARCHAR NOT NULL,
  applied_ms BIGINT NOT NULL
)`;

/** A store written by a newer version of this code: it is left as it is. */
export class NewerSchemaError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`schema version ${found} is newer than this version knows (${known})`);
    this.name = "NewerSchemaError";
  }
}

/**
 * Applies the migrations after the store's version, in order; the caller wraps it in one transaction, so a store
 * is either migrated completely or left as it was. Returns the versions applied.
 */
export async function migrate(
  target: MigrationTarget,
  migrations: readonly Migration[] = MIGRATIONS,
  now: Date = new Date(),
): Promise<number[]> {
  await target.run(MIGRATIONS_TABLE);
  const applied = await target.appliedVersion();
  const known = migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
  if (applied > known) throw new NewerSchemaError(applied, known);
  const done: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= applied) continue;
    for (const statement of migration.statements) await target.run(statement);
    await target.run("INSERT INTO schema_migrations (version, description, applied_ms) VALUES ($1, $2, $3)", [
      migration.version,
      migration.description,
      now.getTime(),
    ]);
    done.push(migration.version);
  }
  return done;
}
