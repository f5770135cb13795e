"use client";

import * as Popover from "@radix-ui/react-popover";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { Instance } from "@/lib/inventory/model";
import { fetchInstances } from "./api";
import { ClearFilterButton, FilterTrigger, filterTriggerClass, optionLabelClass } from "./filterParts";
import { formatCount } from "./format";
import { InstanceMatches, InstanceSearchField, matchingInstances } from "./InstanceSearch";
import { useLabels, useLocale, useT } from "./i18n";
import { sourceName } from "./SourceList";
import { INSTANCES_KEY } from "./queryKeys";
import { menuClass } from "./styles";


/**
 * Picks instances (the `instance` filter, by ID) from the instance lists, searched here in the browser by
 * name or ID. The list loads when first needed.
 */
export function InstancePicker({ selected, onChange }: { selected: string[]; onChange: (ids: string[]) => void }) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const headingId = useId();
  const t = useT("dashboard");
  const locale = useLocale();
  const labels = useLabels();
  const instances = useQuery({
    queryKey: INSTANCES_KEY,
    queryFn: ({ signal }) => fetchInstances(signal),
    enabled: open || selected.length > 0,
    staleTime: 5 * 60_000,
  });

  const all = instances.data?.items ?? [];
  const byId = new Map(all.map((instance) => [instance.id, instance]));
  const found = matchingInstances(all, search).filter((instance) => !selected.includes(instance.id));
  const chosenNames = selected.map((id) => byId.get(id)?.name ?? id);
  const failedSources = instances.data?.sources.filter((source) => !source.ok) ?? [];

  function toggle(id: string, checked: boolean) {
    onChange(checked ? [...selected, id] : selected.filter((item) => item !== id));
  }

  function option(id: string, instance: Instance | undefined) {
    return (
      <li key={id}>
        <label className={`${optionLabelClass} items-start`}>
          <input
            type="checkbox"
            checked={selected.includes(id)}
            onChange={(event) => toggle(id, event.target.checked)}
            className="mt-0.5 size-4 shrink-0 accent-blue-600"
          />
          <span className="min-w-0 flex-1">
            <span className="block truncate font-medium">{instance?.name ?? id}</span>
            <span className="block truncate font-mono text-xs text-slate-500 dark:text-slate-400">{id}</span>
            {instance ? (
              <span className="block text-xs text-slate-500 dark:text-slate-400">{sourceName(instance)}</span>
            ) : null}
          </span>
        </label>
      </li>
    );
  }

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger
        className={filterTriggerClass(selected.length > 0)}
        aria-label={
          selected.length > 0
            ? t("toolbar.filterBySelected", {
                field: labels.filterInSentence("instance"),
                count: formatCount(selected.length, locale),
              })
            : t("toolbar.filterBy", { field: labels.filterInSentence("instance") })
        }
      >
        <FilterTrigger title={labels.filter("instance")} chosen={chosenNames} />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={6} className={`${menuClass} w-80 max-w-[calc(100vw-1rem)]`}>
          <InstanceSearchField
            value={search}
            onChange={setSearch}
            placeholder={t("instances.placeholder")}
            label={t("instances.searchLabel")}
          />
          <fieldset aria-labelledby={headingId} className="mt-1">
            <legend id={headingId} className="sr-only">
              {t("instances.legend")}
            </legend>
            {selected.length > 0 ? (
              <ul className="border-b border-slate-200 pb-1 dark:border-slate-700">
                {selected.map((id) => option(id, byId.get(id)))}
              </ul>
            ) : null}
            <InstanceMatches
              instances={instances}
              found={found}
              text={{
                loading: t("instances.loading"),
                failed: (message) => t("instances.loadFailed", { message }),
                none: search.trim() ? t("instances.noMatch") : t("instances.noOthers"),
                more: (count) => t("instances.more", { count: formatCount(count, locale) }),
              }}
              option={(instance) => option(instance.id, instance)}
            />
            {failedSources.length > 0 ? (
              <p className="px-2 py-1.5 text-xs text-amber-700 dark:text-amber-300">
                {t("instances.missingFrom", {
                  sources: new Intl.ListFormat(locale).format(failedSources.map(sourceName)),
                })}
              </p>
            ) : null}
          </fieldset>
          {selected.length > 0 ? (
            <ClearFilterButton what={labels.filterInSentence("instance")} onClear={() => onChange([])} />
          ) : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
