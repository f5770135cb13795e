"use client";

import { CircleX, TriangleDashed } from "lucide-react";
import { pluralForm } from "@/lib/i18n/translator";
import type { Source } from "@/lib/inventory/model";
import { formatCount } from "./format";
import { useLocale, useT } from "./i18n";
import { SourceList, sourceName } from "./SourceList";

/**
 * What may be missing or out of date in the table: sources whose last sync failed (the table holds what they
 * stored before, if anything), and records a source left out because they lack what a row needs (counted, with the
 * first one's reason).
 */
export function SourceErrorsBanner({ sources }: { sources: Source[] }) {
  const t = useT("dashboard");
  const locale = useLocale();
  const failed = sources.filter((source) => !source.ok);
  const unreadable = sources.filter((source) => source.skipped > 0);
  return (
    <>
      {failed.length > 0 ? (
        <section
          aria-labelledby="source-errors-title"
          data-testid="source-errors"
          className="flex gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-100"
        >
          <CircleX aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-amber-600 dark:text-amber-400" />
          <div className="min-w-0">
            <h2 id="source-errors-title" className="font-semibold">
              {t(`sources.failing.${pluralForm(locale, failed.length)}`, {
                count: formatCount(failed.length, locale),
                total: formatCount(sources.length, locale),
              })}
            </h2>
            <SourceList sources={failed} />
          </div>
        </section>
      ) : null}
      {unreadable.length > 0 ? (
        <section
          aria-labelledby="unreadable-records-title"
          data-testid="unreadable-records"
          className="flex gap-3 rounded-lg border border-amber-200 bg-white p-4 text-slate-800 dark:border-amber-500/30 dark:bg-slate-900 dark:text-slate-200"
        >
          <TriangleDashed aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-amber-600 dark:text-amber-400" />
          <div className="min-w-0">
            <h2 id="unreadable-records-title" className="font-semibold">
              {t("sources.unreadableTitle")}
            </h2>
            <ul className="mt-2 space-y-1 text-sm">
              {unreadable.map((source) => {
                const count = source.skipped;
                // The record's ID and the reason it was left out are the cloud's and the parser's words.
                const examples = `${source.skippedReason ?? ""}${count > 1 ? "; …" : ""}`;
                return (
                  <li key={`${source.service}:${source.region}:${source.projectId}`}>
                    {t.rich("sources.unreadable", {
                      source: <span className="font-semibold">{sourceName(source)}</span>,
                      records: t(`sources.records.${pluralForm(locale, count)}`, { count: formatCount(count, locale) }),
                      examples,
                    })}
                  </li>
                );
              })}
            </ul>
          </div>
        </section>
      ) : null}
    </>
  );
}
