"use client";

import { COVERAGE_STATUSES, type CoverageStatus } from "@/lib/coverage/model";
import { useFormatters, useT } from "../i18n";
import { focusRing } from "../styles";
import { CoverageStatusBadge } from "./CoverageStatusBadge";

/**
 * How many instances are protected, at risk and unprotected (counted under every other filter), each a
 * toggle of the status filter: the summary and the filter in one.
 */
export function StatusFilter({
  selected,
  counts,
  onChange,
}: {
  selected: CoverageStatus[];
  counts: Record<string, number> | undefined;
  onChange: (statuses: CoverageStatus[]) => void;
}) {
  const t = useT("coverage");
  const { count } = useFormatters();
  return (
    <fieldset className="grid grid-cols-3 gap-2 sm:flex sm:flex-wrap">
      <legend className="sr-only">{t("statusFilter")}</legend>
      {COVERAGE_STATUSES.map((status) => {
        const pressed = selected.includes(status);
        return (
          <button
            key={status}
            type="button"
            aria-pressed={pressed}
            data-testid={`status-filter-${status}`}
            onClick={() => onChange(pressed ? selected.filter((item) => item !== status) : [...selected, status])}
            className={`flex flex-col items-start gap-1 rounded-lg border bg-white px-3 py-2 text-left shadow-xs hover:bg-slate-50 sm:min-w-36 dark:bg-slate-900 dark:hover:bg-slate-800 ${focusRing} ${
              pressed
                ? "border-blue-500 ring-1 ring-blue-500 dark:border-blue-400 dark:ring-blue-400"
                : "border-slate-200 dark:border-slate-800"
            }`}
          >
            <CoverageStatusBadge status={status} />
            <span className="text-xl font-semibold tabular-nums text-slate-900 dark:text-white" data-count>
              {counts ? count(counts[status] ?? 0) : "…"}
            </span>
          </button>
        );
      })}
    </fieldset>
  );
}
