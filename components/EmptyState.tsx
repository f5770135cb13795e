"use client";

import { SearchX } from "lucide-react";
import { pluralForm } from "@/lib/i18n/translator";
import { formatCount } from "./format";
import { useLocale, useT } from "./i18n";
import { buttonClass } from "./styles";

/** Nothing to list: because of the filters, because of the page, or because there are no backups at all. */
export function EmptyState({
  filtered,
  pastLastPage,
  failedSources,
  onClearFilters,
  onLastPage,
}: {
  filtered: boolean;
  pastLastPage: boolean;
  /** Sources that did not answer: what they hold is unknown, so "none" would not be true. */
  failedSources: number;
  onClearFilters: () => void;
  onLastPage: () => void;
}) {
  const t = useT("dashboard");
  const locale = useLocale();
  const clearFilters = (
    <button type="button" className={buttonClass} onClick={onClearFilters}>
      {t("toolbar.clearFilters")}
    </button>
  );
  return (
    <div data-testid="empty-state" className="flex flex-col items-center gap-3 px-6 py-16 text-center">
      <SearchX aria-hidden="true" className="size-10 text-slate-300 dark:text-slate-600" />
      {pastLastPage ? (
        <>
          <p className="text-base font-semibold">{t("empty.pastLastPage")}</p>
          <button type="button" className={buttonClass} onClick={onLastPage}>
            {t("empty.goToLastPage")}
          </button>
        </>
      ) : failedSources > 0 ? (
        <>
          <p className="text-base font-semibold">{t("empty.noneFromAnswered")}</p>
          <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
            {t(`empty.sourcesDidNotAnswer.${pluralForm(locale, failedSources)}`, {
              count: formatCount(failedSources, locale),
            })}
          </p>
          {filtered ? clearFilters : null}
        </>
      ) : filtered ? (
        <>
          <p className="text-base font-semibold">{t("empty.noMatch")}</p>
          <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">{t("empty.widen")}</p>
          {clearFilters}
        </>
      ) : (
        <>
          <p className="text-base font-semibold">{t("empty.none")}</p>
          <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">{t("empty.noneExplained")}</p>
        </>
      )}
    </div>
  );
}
