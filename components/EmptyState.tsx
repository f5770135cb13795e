"use client";

import { SearchX } from "lucide-react";
import type { ReactNode } from "react";
import { pluralForm } from "@/lib/i18n/translator";
import { formatCount } from "./format";
import { useLocale, useT } from "./i18n";
import { buttonClass } from "./styles";

/** Nothing to list: because of the filters, because of the page, or because there are no backups at all. */
export function EmptyState({
  filtered,
  gone,
  pastLastPage,
  failedSources,
  onClearFilters,
  onLastPage,
}: {
  filtered: boolean;
  /** A view of gone backups only: none means nothing has gone, not that there are no backups. */
  gone: boolean;
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
    <EmptyPanel>
      {pastLastPage ? (
        <EmptyMessage title={t("empty.pastLastPage")}>
          <button type="button" className={buttonClass} onClick={onLastPage}>
            {t("empty.goToLastPage")}
          </button>
        </EmptyMessage>
      ) : failedSources > 0 ? (
        <EmptyMessage
          title={t("empty.noneFromAnswered")}
          hint={t(`empty.sourcesDidNotAnswer.${pluralForm(locale, failedSources)}`, {
            count: formatCount(failedSources, locale),
          })}
        >
          {filtered ? clearFilters : null}
        </EmptyMessage>
      ) : filtered ? (
        <EmptyMessage title={t("empty.noMatch")} hint={t("empty.widen")}>
          {clearFilters}
        </EmptyMessage>
      ) : gone ? (
        <EmptyMessage title={t("empty.noneGone")} hint={t("empty.noneGoneExplained")} />
      ) : (
        <EmptyMessage title={t("empty.none")} hint={t("empty.noneExplained")} />
      )}
    </EmptyPanel>
  );
}

/** The frame of a table's "nothing to list". */
export function EmptyPanel({ children }: { children: ReactNode }) {
  return (
    <div data-testid="empty-state" className="flex flex-col items-center gap-3 px-6 py-16 text-center">
      <SearchX aria-hidden="true" className="size-10 text-slate-300 dark:text-slate-600" />
      {children}
    </div>
  );
}

/** Why there is nothing to list, what to do about it, and (`children`) the button that does it. */
export function EmptyMessage({ title, hint, children }: { title: string; hint?: string; children?: ReactNode }) {
  return (
    <>
      <p className="text-base font-semibold">{title}</p>
      {hint ? <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">{hint}</p> : null}
      {children}
    </>
  );
}
