"use client";

import { ChevronDown, X } from "lucide-react";
import { useT } from "./i18n";
import { buttonClass, focusRing } from "./styles";

/** Pieces every toolbar filter shares, so they look and behave alike. */

/** A filter's button: dashed while unset, blue once it filters. */
export function filterTriggerClass(active: boolean): string {
  return `${buttonClass} ${active ? "border-blue-400 dark:border-blue-500" : "border-dashed"}`;
}

/** One checkbox row in a filter's list. */
export const optionLabelClass =
  "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-slate-100 has-focus-visible:bg-slate-100 dark:hover:bg-slate-800 dark:has-focus-visible:bg-slate-800";

/** The filter button's text: the field, then the one chosen value or how many are chosen. */
export function FilterTrigger({ title, chosen }: { title: string; chosen: string[] }) {
  return (
    <>
      {title}
      {chosen.length > 0 ? (
        <span className="max-w-40 truncate rounded bg-blue-100 px-1.5 text-xs font-semibold text-blue-800 dark:bg-blue-500/20 dark:text-blue-200">
          {chosen.length === 1 ? chosen[0] : chosen.length}
        </span>
      ) : null}
      <ChevronDown aria-hidden="true" className="size-4 text-slate-400" />
    </>
  );
}

/** `what`: the filter's name inside a sentence ("status"). */
export function ClearFilterButton({ what, onClear }: { what: string; onClear: () => void }) {
  const t = useT("dashboard");
  return (
    <div className="mt-1 border-t border-slate-200 pt-1 dark:border-slate-700">
      <button
        type="button"
        onClick={onClear}
        className="w-full rounded px-2 py-1.5 text-left text-sm text-blue-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-300 dark:hover:bg-slate-800"
      >
        {t("toolbar.clearFilter", { field: what })}
      </button>
    </div>
  );
}

/** The toolbar's "Clear filters": empties every filter of the view. */
export function ClearFiltersButton({ label, onClear }: { label: string; onClear: () => void }) {
  return (
    <button
      type="button"
      onClick={onClear}
      className={`inline-flex h-9 items-center gap-1 rounded-md px-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white ${focusRing}`}
    >
      <X aria-hidden="true" className="size-4" />
      {label}
    </button>
  );
}
