"use client";

import * as Popover from "@radix-ui/react-popover";
import { useQuery } from "@tanstack/react-query";
import { LoaderCircle, Search } from "lucide-react";
import { useId, useState } from "react";
import type { Instance } from "@/lib/inventory/model";
import { failureOf, fetchInstances } from "./api";
import { ClearFilterButton, FilterTrigger, filterTriggerClass, optionLabelClass } from "./filterParts";
import { SERVICE_LABELS } from "./labels";
import { inputClass, menuClass } from "./styles";

/** How many matches the list draws; typing narrows it. */
const SHOWN_MATCHES = 100;

export const INSTANCES_KEY = ["instances"] as const;

function matches(instance: Instance, needle: string): boolean {
  return instance.name.toLowerCase().includes(needle) || instance.id.toLowerCase().includes(needle);
}

/**
 * Picks instances (the `instance` filter, by ID) from the instance lists, searched here in the browser by
 * name or ID. The list loads when first needed.
 */
export function InstancePicker({ selected, onChange }: { selected: string[]; onChange: (ids: string[]) => void }) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const headingId = useId();
  const instances = useQuery({
    queryKey: INSTANCES_KEY,
    queryFn: ({ signal }) => fetchInstances(signal),
    enabled: open || selected.length > 0,
    staleTime: 5 * 60_000,
  });

  const all = instances.data?.items ?? [];
  const byId = new Map(all.map((instance) => [instance.id, instance]));
  const needle = search.trim().toLowerCase();
  const found = all.filter((instance) => !selected.includes(instance.id) && (!needle || matches(instance, needle)));
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
              <span className="block text-xs text-slate-500 dark:text-slate-400">
                {SERVICE_LABELS[instance.service]} · {instance.region}
              </span>
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
        aria-label={`Filter by instance${selected.length > 0 ? ` (${selected.length} selected)` : ""}`}
      >
        <FilterTrigger title="Instance" chosen={chosenNames} />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={6} className={`${menuClass} w-80 max-w-[calc(100vw-1rem)]`}>
          <div className="relative p-1">
            <Search
              aria-hidden="true"
              className="pointer-events-none absolute top-1/2 left-3.5 size-4 -translate-y-1/2 text-slate-400"
            />
            <input
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder="Instance name or ID"
              aria-label="Search instances by name or ID"
              className={`${inputClass} w-full pl-8`}
            />
          </div>
          <fieldset aria-labelledby={headingId} className="mt-1">
            <legend id={headingId} className="sr-only">
              Instances
            </legend>
            {selected.length > 0 ? (
              <ul className="border-b border-slate-200 pb-1 dark:border-slate-700">
                {selected.map((id) => option(id, byId.get(id)))}
              </ul>
            ) : null}
            {instances.isPending ? (
              <p className="flex items-center gap-2 px-2 py-3 text-sm text-slate-500 dark:text-slate-400">
                <LoaderCircle aria-hidden="true" className="size-4 animate-spin" /> Loading instances…
              </p>
            ) : instances.isError ? (
              <p role="alert" className="px-2 py-3 text-sm text-red-700 dark:text-red-300">
                Could not load the instances: {failureOf(instances.error).message}
              </p>
            ) : found.length === 0 ? (
              <p className="px-2 py-3 text-sm text-slate-500 dark:text-slate-400">
                {needle ? "No instance matches." : "No other instances."}
              </p>
            ) : (
              <ul className="max-h-72 overflow-y-auto">
                {found.slice(0, SHOWN_MATCHES).map((instance) => option(instance.id, instance))}
              </ul>
            )}
            {found.length > SHOWN_MATCHES ? (
              <p className="px-2 py-1.5 text-xs text-slate-500 dark:text-slate-400">
                {found.length - SHOWN_MATCHES} more — type to narrow the list.
              </p>
            ) : null}
            {failedSources.length > 0 ? (
              <p className="px-2 py-1.5 text-xs text-amber-700 dark:text-amber-300">
                Missing instances from{" "}
                {failedSources.map((source) => `${SERVICE_LABELS[source.service]} ${source.region}`).join(", ")}
              </p>
            ) : null}
          </fieldset>
          {selected.length > 0 ? <ClearFilterButton what="instance" onClear={() => onChange([])} /> : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
