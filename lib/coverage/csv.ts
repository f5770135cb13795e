import { type CsvValue as Cell, csvLine } from "../csv";
import type { CoverageRow, CoverageWindow } from "./model";

/**
 * The coverage export (`GET /api/coverage/export`): one record per row, by the CSV rules of every export
 * (lib/csv.ts: RFC 4180 quoting, CRLF, formula guard, empty cell for null). `reasons` are joined by `;`.
 */

const COLUMNS: [name: string, cell: (row: CoverageRow) => Cell][] = [
  ["service", (row) => row.service],
  ["region", (row) => row.region],
  ["project_id", (row) => row.projectId],
  ["instance_id", (row) => row.instanceId],
  ["instance_name", (row) => row.instanceName],
  ["engine", (row) => row.engine],
  ["engine_version", (row) => row.engineVersion],
  ["instance_status", (row) => row.instanceStatus],
  ["status", (row) => row.status],
  ["reasons", (row) => row.reasons.join(";")],
  ["last_full_id", (row) => row.lastFull?.id ?? null],
  ["last_full_started_at", (row) => row.lastFull?.startedAt ?? null],
  ["last_full_ended_at", (row) => row.lastFull?.endedAt ?? null],
  ["last_full_age_seconds", (row) => row.lastFullAgeSeconds],
  ["last_incremental_id", (row) => row.lastIncremental?.id ?? null],
  ["last_incremental_started_at", (row) => row.lastIncremental?.startedAt ?? null],
  ["last_incremental_ended_at", (row) => row.lastIncremental?.endedAt ?? null],
  ["last_incremental_age_seconds", (row) => row.lastIncrementalAgeSeconds],
  ["latest_recovery_point", (row) => row.latestRecoveryPoint],
  ["recovery_point_age_seconds", (row) => row.recoveryPointAgeSeconds],
  ["failed", (row) => row.failed],
  ["backups", (row) => row.backups],
  ["size_bytes", (row) => row.sizeBytes],
];

/** Settings of the report, the same on every record, so that a saved file says what it measured. */
const SETTINGS: [name: string, cell: (settings: CoverageSettings) => Cell][] = [
  ["rpo_hours", (settings) => settings.rpoHours],
  ["window_from", (settings) => settings.window.from],
  ["window_to", (settings) => settings.window.to],
];

export interface CoverageSettings {
  rpoHours: number;
  window: CoverageWindow;
}

export const COVERAGE_CSV_COLUMNS: readonly string[] = [...COLUMNS, ...SETTINGS].map(([name]) => name);

export function coverageToCsv(rows: Iterable<CoverageRow>, settings: CoverageSettings): string {
  const fixed = SETTINGS.map(([, cell]) => cell(settings));
  let text = csvLine(COVERAGE_CSV_COLUMNS);
  for (const row of rows) text += csvLine([...COLUMNS.map(([, cell]) => cell(row)), ...fixed]);
  return text;
}
