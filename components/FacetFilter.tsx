"use client";

import * as Popover from "@radix-ui/react-popover";
import { useId } from "react";
import type { FacetField } from "@/lib/inventory/model";
import { ClearFilterButton, FilterTrigger, filterTriggerClass, optionLabelClass } from "./filterParts";
import { formatCount } from "./format";
import { useLabels, useLocale, useT } from "./i18n";
import { menuClass } from "./styles";

/**
 * A multi-select over one facet with the API's counts (which ignore this facet's own filter, so every
 * option shows what choosing it would add). `order` fixes the order of known values; others follow A–Z.
 * `extra` values are offered too (a configured service or region), and an `unanswered` value's sources failed.
 */
export function FacetFilter({
  field,
  selected,
  counts,
  order = [],
  extra = [],
  unanswered = [],
  onChange,
}: {
  field: FacetField;
  selected: string[];
  counts: Record<string, number> | undefined;
  order?: readonly string[];
  extra?: readonly string[];
  unanswered?: readonly string[];
  onChange: (values: string[]) => void;
}) {
  const headingId = useId();
  const t = useT("dashboard");
  const locale = useLocale();
  const labels = useLabels();
  const rank = (value: string) => {
    const index = order.indexOf(value);
    return index === -1 ? order.length : index;
  };
  const options = [...new Set([...Object.keys(counts ?? {}), ...selected, ...extra])].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  const title = labels.filter(field);
  const inSentence = labels.filterInSentence(field);

  function toggle(value: string, checked: boolean) {
    onChange(checked ? [...selected, value] : selected.filter((item) => item !== value));
  }

  return (
    <Popover.Root>
      <Popover.Trigger
        className={filterTriggerClass(selected.length > 0)}
        aria-label={
          selected.length > 0
            ? t("toolbar.filterBySelected", { field: inSentence, count: formatCount(selected.length, locale) })
            : t("toolbar.filterBy", { field: inSentence })
        }
      >
        <FilterTrigger title={title} chosen={selected.map((value) => labels.facetValue(field, value))} />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={6} className={`${menuClass} w-64`}>
          <fieldset aria-labelledby={headingId}>
            <legend id={headingId} className="px-2 py-1.5 text-xs font-semibold text-slate-500 dark:text-slate-400">
              {title}
            </legend>
            {options.length === 0 ? (
              <p className="px-2 py-2 text-sm text-slate-500 dark:text-slate-400">{t("facet.noValues")}</p>
            ) : (
              <ul className="max-h-72 overflow-y-auto">
                {options.map((value) => {
                  const checked = selected.includes(value);
                  const count = counts?.[value] ?? 0;
                  return (
                    <li key={value}>
                      <label className={optionLabelClass}>
                        <input
                          type="checkbox"
                          checked={checked}
                          onChange={(event) => toggle(value, event.target.checked)}
                          className="size-4 accent-blue-600"
                        />
                        <span className={`flex-1 truncate ${count === 0 ? "text-slate-400" : ""}`}>
                          {labels.facetValue(field, value)}
                        </span>
                        {unanswered.includes(value) ? (
                          <span className="text-xs text-amber-700 dark:text-amber-300">{t("facet.noAnswer")}</span>
                        ) : (
                          <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400">
                            {formatCount(count, locale)}
                          </span>
                        )}
                      </label>
                    </li>
                  );
                })}
              </ul>
            )}
          </fieldset>
          {selected.length > 0 ? <ClearFilterButton what={inSentence} onClear={() => onChange([])} /> : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
