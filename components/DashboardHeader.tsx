"use client";

import { Download, RefreshCw } from "lucide-react";
import { AppNav } from "./AppNav";
import { useT } from "./i18n";
import { LanguageSwitch } from "./LanguageSwitch";
import { LocalTime } from "./LocalTime";
import { buttonClass, primaryButtonClass } from "./styles";

/**
 * The pages and the language; then the title, how fresh the data is, a Refresh that goes past the server's cache, and the export of exactly
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
  const t = useT("dashboard");
  return (
    <header className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <AppNav current="backups" />
        <LanguageSwitch />
      </div>
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{t("header.title")}</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("header.subtitle")}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {fetchedAt ? (
            <p className="mr-1 w-full text-sm text-slate-600 sm:w-auto dark:text-slate-400" data-testid="fetched-at">
              {t.rich("header.asOf", { time: <LocalTime iso={fetchedAt} withSeconds /> })}
            </p>
          ) : null}
          <button
            type="button"
            className={buttonClass}
            onClick={onRefresh}
            disabled={refreshing}
            aria-label={refreshing ? t("header.refreshingLabel") : t("header.refreshLabel")}
          >
            <RefreshCw aria-hidden="true" className={`size-4 ${refreshing ? "animate-spin" : ""}`} />
            {t("header.refresh")}
          </button>
          {exportHref ? (
            <a href={exportHref} download className={primaryButtonClass} data-testid="export-csv">
              <Download aria-hidden="true" className="size-4" />
              {t("header.exportCsv")}
            </a>
          ) : (
            <button type="button" disabled className={primaryButtonClass}>
              <Download aria-hidden="true" className="size-4" />
              {t("header.exportCsv")}
            </button>
          )}
        </div>
      </div>
    </header>
  );
}
