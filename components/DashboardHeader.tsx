"use client";

import { Download, RefreshCw } from "lucide-react";
import { LocalTime } from "./LocalTime";
import { buttonClass, primaryButtonClass } from "./styles";

/**
 * Title, how fresh the data is, a Refresh that goes past the server's cache, and the export of exactly
 * the current view (every page, same filters and sort) as CSV.
 */
export function DashboardHeader({
  fetchedAt,
  refreshing,
  onRefresh,
  exportHref,
}: {
  fetchedAt: string | null;
  refreshing: boolean;
  onRefresh: () => void;
  exportHref: string | null;
}) {
  return (
    <header className="flex flex-wrap items-end justify-between gap-x-6 gap-y-3">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">Backup inventory</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Every TaurusDB, RDS and DCS backup of the account, in one table.
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {fetchedAt ? (
          <p className="mr-1 w-full text-sm text-slate-600 sm:w-auto dark:text-slate-400" data-testid="fetched-at">
            As of <LocalTime iso={fetchedAt} withSeconds />
          </p>
        ) : null}
        <button
          type="button"
          className={buttonClass}
          onClick={onRefresh}
          disabled={refreshing}
          aria-label={refreshing ? "Refreshing from the cloud" : "Refresh from the cloud"}
        >
          <RefreshCw aria-hidden="true" className={`size-4 ${refreshing ? "animate-spin" : ""}`} />
          Refresh
        </button>
        {exportHref ? (
          <a href={exportHref} download className={primaryButtonClass} data-testid="export-csv">
            <Download aria-hidden="true" className="size-4" />
            Export CSV
          </a>
        ) : (
          <button type="button" disabled className={primaryButtonClass}>
            <Download aria-hidden="true" className="size-4" />
            Export CSV
          </button>
        )}
      </div>
    </header>
  );
}
