"use client";

import * as Popover from "@radix-ui/react-popover";
import { useQuery } from "@tanstack/react-query";
import { Check, ChevronDown, LoaderCircle, Search } from "lucide-react";
import { useId, useState } from "react";
import type { Instance } from "@/lib/inventory/model";
import { failureOf, fetchInstances } from "../api";
import { failureText } from "../ErrorState";
import { INSTANCES_KEY } from "../InstancePicker";
import { useT } from "../i18n";
import { engineLabel, SERVICE_LABELS } from "../labels";
import { buttonClass, inputClass, menuClass } from "../styles";

/** How many matches the list draws; typing narrows it. */
const SHOWN_MATCHES = 100;

function matches(instance: Instance, needle: string): boolean {
  return instance.name.toLowerCase().includes(needle) || instance.id.toLowerCase().includes(needle);
}

/** One instance from the instance lists, searched by name or ID; an ID the lists lack (from a link) shows as is. */
export function InstanceCombobox({ value, onChange }: { value: string | null; onChange: (id: string) => void }) {
  const t = useT("restore");
  const tDashboard = useT("dashboard");
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const headingId = useId();
  const instances = useQuery({
    queryKey: INSTANCES_KEY,
    queryFn: ({ signal }) => fetchInstances(signal),
    staleTime: 5 * 60_000,
  });
  const all = instances.data?.items ?? [];
  const chosen = value ? all.find((instance) => instance.id === value) : undefined;
  const needle = search.trim().toLowerCase();
  const found = needle ? all.filter((instance) => matches(instance, needle)) : all;
  const chosenName = chosen?.name ?? value;

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger
        className={`${buttonClass} h-auto min-h-9 w-full justify-between py-1.5 text-left`}
        aria-label={chosenName ? `${t("form.instance")}: ${chosenName}` : t("form.chooseInstance")}
        data-testid="instance-combobox"
      >
        <span className="min-w-0">
          {chosenName ? (
            <>
              <span className="block truncate">{chosenName}</span>
              {chosen ? (
                <span className="block truncate text-xs font-normal text-slate-500 dark:text-slate-400">
                  {SERVICE_LABELS[chosen.service]} · {engineLabel(chosen.engine)} · {chosen.region}
                </span>
              ) : null}
            </>
          ) : (
            <span className="text-slate-500 dark:text-slate-400">{t("form.chooseInstance")}</span>
          )}
        </span>
        <ChevronDown aria-hidden="true" className="size-4 shrink-0 text-slate-400" />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={6}
          className={`${menuClass} w-[var(--radix-popover-trigger-width)] min-w-72 max-w-[calc(100vw-1rem)]`}
        >
          <div className="relative p-1">
            <Search
              aria-hidden="true"
              className="pointer-events-none absolute top-1/2 left-3.5 size-4 -translate-y-1/2 text-slate-400"
            />
            <input
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder={t("form.searchPlaceholder")}
              aria-label={t("form.searchInstances")}
              className={`${inputClass} w-full pl-8`}
            />
          </div>
          <section aria-labelledby={headingId} className="mt-1">
            <h3 id={headingId} className="sr-only">
              {t("form.instancesLegend")}
            </h3>
            {instances.isPending ? (
              <p className="flex items-center gap-2 px-2 py-3 text-sm text-slate-500 dark:text-slate-400">
                <LoaderCircle aria-hidden="true" className="size-4 animate-spin" /> {t("form.loadingInstances")}
              </p>
            ) : instances.isError ? (
              <p role="alert" className="px-2 py-3 text-sm text-red-700 dark:text-red-300">
                {t("form.instancesFailed", { message: failureText(failureOf(instances.error), tDashboard) })}
              </p>
            ) : found.length === 0 ? (
              <p className="px-2 py-3 text-sm text-slate-500 dark:text-slate-400">{t("form.noMatch")}</p>
            ) : (
              <ul className="max-h-72 overflow-y-auto">
                {found.slice(0, SHOWN_MATCHES).map((instance) => (
                  <li key={`${instance.service}:${instance.projectId}:${instance.id}`}>
                    <button
                      type="button"
                      aria-pressed={instance.id === value}
                      onClick={() => {
                        onChange(instance.id);
                        setOpen(false);
                        setSearch("");
                      }}
                      className="flex w-full items-start gap-2 rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:outline-none dark:hover:bg-slate-800 dark:focus-visible:bg-slate-800"
                    >
                      <Check
                        aria-hidden="true"
                        className={`mt-0.5 size-4 shrink-0 ${instance.id === value ? "text-blue-600" : "invisible"}`}
                      />
                      <span className="min-w-0 flex-1">
                        <span className="block truncate font-medium">{instance.name}</span>
                        <span className="block truncate font-mono text-xs text-slate-500 dark:text-slate-400">
                          {instance.id}
                        </span>
                        <span className="block text-xs text-slate-500 dark:text-slate-400">
                          {SERVICE_LABELS[instance.service]} · {engineLabel(instance.engine)} · {instance.region}
                        </span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {found.length > SHOWN_MATCHES ? (
              <p className="px-2 py-1.5 text-xs text-slate-500 dark:text-slate-400">
                {t("form.more", { count: found.length - SHOWN_MATCHES })}
              </p>
            ) : null}
          </section>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
