"use client";

import { TriangleExclamationPoint } from "lucide-react";
import type { ReactNode } from "react";
import type { BackupPage } from "@/lib/inventory/model";
import { SERVICES } from "@/lib/inventory/model";
import type { BackupFilter } from "@/lib/inventory/query";
import { formatBytes, formatCount } from "../format";
import { useLocale, useT } from "../i18n";
import { SERVICE_LABELS } from "../labels";

/**
 * How many of a facet's value are in the view. `facets.X` ignores the filter on X itself, so a value the
 * filter on X leaves out has none in the view, and one it keeps has exactly its facet count.
 */
function countInView(counts: Record<string, number>, value: string, filter: string[] | undefined): number {
  if (filter && filter.length > 0 && !filter.includes(value)) return 0;
  return counts[value] ?? 0;
}

function Stat({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <div className="min-w-0 rounded-lg border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900">
      <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-lg font-semibold text-slate-900 tabular-nums dark:text-slate-100" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** Totals of the whole view (every page), from `total`, `facets` and `summary`. */
export function SummaryStrip({
  page,
  filter,
  onShowFailed,
}: {
  page: BackupPage;
  filter: BackupFilter;
  onShowFailed: () => void;
}) {
  const t = useT("dashboard");
  const locale = useLocale();
  const failed = countInView(page.facets.status, "failed", filter.status);
  const incomplete = new Set(page.sources.filter((source) => !source.ok).map((source) => source.service));
  const onlyFailed = filter.status?.length === 1 && filter.status[0] === "failed";

  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" aria-label={t("summary.label")}>
      <Stat label={t("summary.matching")} testId="summary-total">
        {formatCount(page.total, locale)}
      </Stat>
      <Stat label={t("summary.totalSize")} testId="summary-size">
        {formatBytes(page.summary.sizeBytes, locale)}
      </Stat>
      <Stat label={t("summary.failed")} testId="summary-failed">
        <span className="flex items-baseline gap-2">
          <span className={failed > 0 ? "text-red-600 dark:text-red-400" : ""}>{formatCount(failed, locale)}</span>
          {failed > 0 && !onlyFailed ? (
            <button
              type="button"
              onClick={onShowFailed}
              className="rounded text-xs font-medium text-red-700 underline underline-offset-2 hover:text-red-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-red-300 dark:hover:text-red-200"
            >
              {t("summary.showOnlyFailed")}
            </button>
          ) : null}
        </span>
      </Stat>
      <Stat label={t("summary.byService")} testId="summary-services">
        <span className="flex flex-wrap gap-x-3 gap-y-1 text-sm font-medium">
          {SERVICES.map((service) => (
            <span key={service} className="inline-flex items-center gap-1 whitespace-nowrap">
              <span className="text-slate-500 dark:text-slate-400">{SERVICE_LABELS[service]}</span>
              {formatCount(countInView(page.facets.service, service, filter.service), locale)}
              {incomplete.has(service) ? (
                <span title={t("summary.incomplete")} className="relative inline-flex">
                  <TriangleExclamationPoint
                    aria-hidden="true"
                    className="size-3.5 text-amber-600 dark:text-amber-400"
                  />
                  <span className="sr-only">{t("summary.incomplete")}</span>
                </span>
              ) : null}
            </span>
          ))}
        </span>
      </Stat>
    </dl>
  );
}
