import "server-only";
import { type CsvDownload, csvFilename } from "../inventory/csv";
import type { Source } from "../inventory/model";
import { type Inventory, loadInventory } from "../inventory/service";
import { coverageToCsv } from "./csv";
import type { CoveragePage, CoverageRow, CoverageWindow } from "./model";
import { type CoverageQuery, DEFAULT_WINDOW_DAYS } from "./query";
import { coverageRows } from "./rows";
import { queryCoverage, sortedCoverage } from "./view";

const DAY_MS = 86_400_000;
/** Row sets kept per inventory (one per RPO and window asked lately): paging and sorting reuse them. */
const MAX_REPORTS_PER_INVENTORY = 8;

interface CoverageReport {
  rows: CoverageRow[];
  window: CoverageWindow;
  sources: Source[];
  fetchedAt: string;
}

const reports = new WeakMap<Inventory, Map<string, CoverageRow[]>>();

/**
 * Coverage is computed over the whole inventory (every service and project, no time bound): the one the
 * unfiltered backup list uses too, so both are answered from the same cached fetch, and facets are exact.
 * Ages, the RPO and the default window (the 7 days up to then) are measured at the inventory's `fetchedAt`,
 * the moment the data describes; so the rows of one inventory are computed once per RPO and window.
 */
async function coverageReport(query: CoverageQuery): Promise<CoverageReport> {
  const inventory = await loadInventory({}, query.refresh);
  const fetchedMs = Date.parse(inventory.fetchedAt);
  const window: CoverageWindow = {
    from: query.from ?? new Date(fetchedMs - DEFAULT_WINDOW_DAYS * DAY_MS).toISOString(),
    to: query.to ?? null,
  };
  const cached = reports.get(inventory) ?? new Map<string, CoverageRow[]>();
  reports.set(inventory, cached);
  const key = `${query.rpo}|${window.from}|${window.to}`;
  let rows = cached.get(key);
  if (!rows) {
    rows = coverageRows({
      instances: inventory.instances,
      backups: inventory.prepared.backups,
      rpoHours: query.rpo,
      window,
      now: new Date(fetchedMs),
    });
    const oldest = cached.keys().next();
    if (cached.size >= MAX_REPORTS_PER_INVENTORY && !oldest.done) cached.delete(oldest.value);
    cached.set(key, rows);
  }
  return { rows, window, sources: inventory.sources, fetchedAt: inventory.fetchedAt };
}

export async function loadCoveragePage(query: CoverageQuery): Promise<CoveragePage> {
  const report = await coverageReport(query);
  const view = queryCoverage(report.rows, query);
  return {
    items: view.items,
    total: view.total,
    page: query.page,
    pageSize: query.pageSize,
    facets: view.facets,
    rpoHours: query.rpo,
    window: report.window,
    sources: report.sources,
    fetchedAt: report.fetchedAt,
  };
}

/** Every matching row in the query's order (paging ignored), as CSV. */
export async function exportCoverage(query: CoverageQuery, now: Date = new Date()): Promise<CsvDownload> {
  const report = await coverageReport(query);
  return {
    filename: csvFilename(now, "coverage"),
    body: coverageToCsv(sortedCoverage(report.rows, query).rows, { rpoHours: query.rpo, window: report.window }),
    sources: report.sources,
  };
}
