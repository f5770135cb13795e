"use client";

import { Download } from "lucide-react";
import type { ReactNode } from "react";
import { AppNav, type AppPage } from "./AppNav";
import { LanguageSwitch } from "./LanguageSwitch";
import { primaryButtonClass } from "./styles";

/** The words of a page's header, in the page's language. */
export interface PageHeaderText {
  title: string;
  subtitle: string;
  exportCsv: string;
}

/**
 * The pages and the language; then the title, how fresh the data is and the sync behind it (`sync`), and the
 * export of exactly the current view (every page, same filters and sort) as CSV.
 */
export function PageHeader({
  current,
  text,
  sync,
  exportHref,
}: {
  current: AppPage;
  text: PageHeaderText;
  /** The sync's status and "Sync now"; none before the page's data has come. */
  sync: ReactNode;
  /** None while the view failed: there is nothing to export. */
  exportHref: string | null;
}) {
  return (
    <header className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <AppNav current={current} />
        <LanguageSwitch />
      </div>
      <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{text.title}</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{text.subtitle}</p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          {sync}
          {exportHref ? (
            <a href={exportHref} download className={primaryButtonClass} data-testid="export-csv">
              <Download aria-hidden="true" className="size-4" />
              {text.exportCsv}
            </a>
          ) : (
            <button type="button" disabled className={primaryButtonClass}>
              <Download aria-hidden="true" className="size-4" />
              {text.exportCsv}
            </button>
          )}
        </div>
      </div>
    </header>
  );
}
