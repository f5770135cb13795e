import "server-only";
import { csvFilename } from "../csv";
import type { CsvDownload } from "../http/csv";
import { readInventory } from "../inventory/frame";
import { coverageToCsv } from "./csv";
import type { CoveragePage } from "./model";
import type { CoverageQuery } from "./query";

/**
 * The coverage report from the kept inventory, current backups only (a gone backup restores nothing). Ages, the
 * RPO and the default window (the 7 days before) are measured when the answer is made: data that has not been
 * brought up to date ages, rather than look fresh.
 */

export async function loadCoveragePage(query: CoverageQuery, now: Date = new Date()): Promise<CoveragePage> {
  const { refresh, ...rest } = query;
  const { store, frame } = await readInventory(query, refresh);
  return { ...(await store.coverage(rest, now)), ...frame };
}

/** Every matching row in the query's order (paging ignored), as CSV: one row per instance, so small. */
export async function exportCoverage(query: CoverageQuery, now: Date = new Date()): Promise<CsvDownload> {
  const { refresh, page: _page, pageSize: _pageSize, ...rest } = query;
  const { store, frame } = await readInventory(query, refresh);
  const { rows, window } = await store.exportCoverage(rest, now);
  return {
    filename: csvFilename(now, "coverage"),
    body: coverageToCsv(rows, { rpoHours: query.rpo, window }),
    sources: frame.sources,
  };
}
