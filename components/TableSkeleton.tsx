"use client";

import { useT } from "./i18n";

/** Stands in for the table until the first page arrives. */
export function TableSkeleton({ rows = 10 }: { rows?: number }) {
  const t = useT("dashboard");
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="table-skeleton"
      className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <span className="sr-only">{t("loadingBackups")}</span>
      <div className="h-9 border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60" />
      <div className="divide-y divide-slate-100 dark:divide-slate-800">
        {Array.from({ length: rows }, (_, index) => (
          // placeholder rows have nothing else to tell them apart
          <div key={index} className="flex animate-pulse items-center gap-4 px-3 py-3">
            <div className="h-3 w-16 rounded bg-slate-200 dark:bg-slate-800" />
            <div className="h-3 w-24 rounded bg-slate-200 dark:bg-slate-800" />
            <div className="h-3 w-20 rounded bg-slate-200 dark:bg-slate-800" />
            <div className="h-3 flex-1 rounded bg-slate-200 dark:bg-slate-800" />
            <div className="h-5 w-20 rounded-full bg-slate-200 dark:bg-slate-800" />
            <div className="h-3 w-28 rounded bg-slate-200 dark:bg-slate-800" />
            <div className="h-3 w-14 rounded bg-slate-200 dark:bg-slate-800" />
          </div>
        ))}
      </div>
    </div>
  );
}

/** A thin moving bar over a table whose data is on screen while newer data loads. */
export function LoadingBar() {
  const t = useT("dashboard");
  return (
    <div
      role="progressbar"
      aria-label={t("loading")}
      className="absolute inset-x-0 -top-1 z-10 h-0.5 overflow-hidden rounded bg-blue-100 dark:bg-blue-950"
    >
      <div className="h-full w-1/3 bg-blue-600 motion-safe:animate-[progress_1s_ease-in-out_infinite] dark:bg-blue-400" />
    </div>
  );
}
