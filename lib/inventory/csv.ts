import type { Backup, Source } from "./model";

/**
 * The CSV export of docs/api.md (RFC 4180).
 *
 * - Every record, the header included, ends with CRLF (RFC 4180 line breaks; also what spreadsheets expect).
 * - A cell is quoted only when it holds a comma, a semicolon, a double quote, CR or LF; quotes inside are doubled.
 *   A semicolon is the list separator of spreadsheets in many locales: unquoted, it would start a new cell there.
 * - null is an empty cell; numbers are written as JavaScript prints them; times stay ISO 8601 UTC.
 * - Formula guard (OWASP, CSV injection): a text cell starting with `=`, `+`, `-`, `@`, tab or CR, also after
 *   leading whitespace (spreadsheets skip it), gets a leading `'`, so a spreadsheet shows it instead of running
 *   it. So does such a start right after a `;` inside a cell: where `;` separates cells, a quote in the middle
 *   of what it reads as a cell is no quote, and the text after the `;` would start a cell of its own. Number
 *   cells (a negative size) are never touched.
 *   csv-stringify's `escape_formulas` is not used: it also rewrites the full-width forms (＝＋－＠),
 *   which docs/api.md does not list, so the export would not be the documented one.
 * - No byte-order mark: the first bytes are the header row, exactly.
 */

const COLUMNS: [name: string, cell: (backup: Backup) => string | number | null][] = [
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

const LINE_END = "\r\n";

export const CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);
export const CSV_HEADER = CSV_COLUMNS.join(",");
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
/** Rows encoded per pull of the export stream: bounded memory, few enough chunks. */
export const CSV_ROWS_PER_CHUNK = 1000;

const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;
const FORMULA_AFTER_SEMICOLON = /;(?=[\t\r]|\s*[=+\-@])/g;
const NEEDS_QUOTES = /[",;\r\n]/;

/** One cell, quoted and formula-guarded by the rules above: the writer of every CSV export of the app. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let guarded = FORMULA_START.test(value) ? `'${value}` : value;
  if (guarded.includes(";")) guarded = guarded.replace(FORMULA_AFTER_SEMICOLON, ";'");
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** One record with its line end. */
export function csvRecord(backup: Backup): string {
  let record = "";
  for (let index = 0; index < COLUMNS.length; index++) {
    if (index > 0) record += ",";
    record += csvCell(COLUMNS[index][1](backup));
  }
  return record + LINE_END;
}

/** Any record of cells (a header is a record of names), by the same rules, with its line end. */
export function csvLine(cells: readonly (string | number | null)[]): string {
  return cells.map(csvCell).join(",") + LINE_END;
}

/** The whole export as one string: for small exports and tests; the route streams. */
export function backupsToCsv(backups: Iterable<Backup>): string {
  let text = CSV_HEADER + LINE_END;
  for (const backup of backups) text += csvRecord(backup);
  return text;
}

/**
 * The export as a byte stream that pulls `rowsPerChunk` backups from the iterator each time the consumer
 * wants more (one chunk queued ahead at most), so a 200,000-row export never sits in memory at once.
 * Cancelling the stream closes the iterator.
 */
export function backupsCsvStream(
  backups: Iterable<Backup>,
  rowsPerChunk: number = CSV_ROWS_PER_CHUNK,
): ReadableStream<Uint8Array> {
  const rows = backups[Symbol.iterator]();
  const encoder = new TextEncoder();
  let text = CSV_HEADER + LINE_END;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        for (let count = 0; count < rowsPerChunk; count++) {
          const next = rows.next();
          if (next.done) {
            if (text) controller.enqueue(encoder.encode(text));
            controller.close();
            return;
          }
          text += csvRecord(next.value);
        }
        controller.enqueue(encoder.encode(text));
        text = "";
      },
      cancel() {
        rows.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}

/** `backups-20261122T080000Z.csv` for 2026-11-22T08:00:00Z: the export's download name, in UTC. */
export function csvFilename(now: Date, prefix = "backups"): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replaceAll("-", "")
    .replaceAll(":", "");
  return `${prefix}-${stamp}.csv`;
}

/** A CSV export ready to send: its rows, its download name and the sources it was built from. */
export interface CsvDownload {
  filename: string;
  /** Streamed, or whole when small (coverage has one row per instance). */
  body: ReadableStream<Uint8Array> | string;
  sources: readonly Source[];
}

const utf8 = new TextEncoder();

/**
 * Text fit for a header value whatever it holds (an upstream's error code may hold CR, LF or any character):
 * printable ASCII as is; `%`, `,` (the list separator) and everything else percent-encoded as UTF-8.
 */
export function headerText(text: string): string {
  return text.replace(/[^\x20-\x7e]|[%,]/gu, (char) =>
    Array.from(utf8.encode(char), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join(""),
  );
}

/**
 * The download response of an export. A CSV has no room for source status, so the sources whose rows are missing
 * or incomplete are named in `X-Incomplete-Sources` (`service/region/project: code`, each part through
 * headerText), absent when all answered.
 */
export function csvResponse(csv: CsvDownload): Response {
  const failed = csv.sources
    .filter((source) => !source.ok)
    .map((source) =>
      headerText(`${source.service}/${source.region}/${source.projectId}: ${source.error?.code ?? "error"}`),
    );
  return new Response(csv.body, {
    headers: {
      "Content-Type": CSV_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${csv.filename}"`,
      "Cache-Control": "no-store",
      ...(failed.length > 0 ? { "X-Incomplete-Sources": failed.join(", ") } : {}),
    },
  });
}
