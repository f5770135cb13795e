import { type CsvValue, csvLine } from "../csv";
import type { StoredBackup } from "./model";

/**
 * The backup export (`GET /api/backups/export`, docs/api.md): its columns, and the stream that writes the store's
 * batches as they come (lib/csv.ts has the cell rules).
 */

type Column = [name: string, cell: (backup: StoredBackup) => CsvValue];

const COLUMNS: Column[] = [
  ["service", (backup) => backup.service],
  ["region", (backup) => backup.region],
  ["project_id", (backup) => backup.projectId],
  ["instance_id", (backup) => backup.instanceId],
  ["instance_name", (backup) => backup.instanceName],
  ["engine", (backup) => backup.engine],
  ["engine_version", (backup) => backup.engineVersion],
  ["backup_id", (backup) => backup.id],
  ["backup_name", (backup) => backup.name],
  ["kind", (backup) => backup.kind],
  ["trigger", (backup) => backup.trigger],
  ["status", (backup) => backup.status],
  ["started_at", (backup) => backup.startedAt],
  ["ended_at", (backup) => backup.endedAt],
  ["duration_seconds", (backup) => backup.durationSeconds],
  ["size_bytes", (backup) => backup.sizeBytes],
  ["description", (backup) => backup.description],
];

/** With `presence=gone` or `all`, after `description`: when each backup was first and last seen, and went. */
const HISTORY_COLUMNS: Column[] = [
  ["first_seen_at", (backup) => backup.firstSeenAt],
  ["last_seen_at", (backup) => backup.lastSeenAt],
  ["gone_at", (backup) => backup.goneAt],
];

export interface BackupCsvOptions {
  /** Add the history columns (first_seen_at, last_seen_at, gone_at). */
  history: boolean;
}

const columnsOf = ({ history }: BackupCsvOptions) => (history ? [...COLUMNS, ...HISTORY_COLUMNS] : COLUMNS);

/** The header row, with its line end. */
export function csvHeader(options: BackupCsvOptions): string {
  return csvLine(columnsOf(options).map(([name]) => name));
}

/**
 * The export as a byte stream: the header, then one chunk per batch of rows, each batch pulled from the store
 * only when the consumer wants more (one queued ahead at most), so that an export of millions of backups never
 * sits in memory. Cancelling the download ends the store's query.
 */
export function backupsCsvStream(
  batches: AsyncIterable<readonly StoredBackup[]>,
  options: BackupCsvOptions,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const columns = columnsOf(options);
  let rows: AsyncIterator<readonly StoredBackup[]> | null = null;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(csvHeader(options)));
      },
      async pull(controller) {
        rows ??= batches[Symbol.asyncIterator]();
        const next = await rows.next();
        if (next.done) {
          controller.close();
          return;
        }
        let text = "";
        for (const backup of next.value) text += csvLine(columns.map(([, cell]) => cell(backup)));
        controller.enqueue(encoder.encode(text));
      },
      async cancel() {
        await rows?.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
