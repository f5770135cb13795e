"use client";

import * as Popover from "@radix-ui/react-popover";
import { useQuery } from "@tanstack/react-query";
import { Check, ChevronDown } from "lucide-react";
import { useId, useState } from "react";
import { fetchInstances } from "../api";
import { INSTANCES_KEY } from "../queryKeys";
import { InstanceMatches, InstanceSearchField, matchingInstances } from "../InstanceSearch";
import { useT } from "../i18n";
import { engineLabel, SERVICE_LABELS } from "../labels";
import { buttonClass, menuClass } from "../styles";

/** One instance from the instance lists, searched by name or ID; an ID the lists lack (from a link) shows as is. */
export function InstanceCombobox({ value, onChange }: { value: string | null; onChange: (id: string) => void }) {
  const t = useT("restore");
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
  const found = matchingInstances(all, search);
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
          <InstanceSearchField
            value={search}
            onChange={setSearch}
            placeholder={t("form.searchPlaceholder")}
            label={t("form.searchInstances")}
          />
          <section aria-labelledby={headingId} className="mt-1">
            <h3 id={headingId} className="sr-only">
              {t("form.instancesLegend")}
            </h3>
            <InstanceMatches
              instances={instances}
              found={found}
              text={{
                loading: t("form.loadingInstances"),
                failed: (message) => t("form.instancesFailed", { message }),
                none: t("form.noMatch"),
                more: (count) => t("form.more", { count }),
              }}
              option={(instance) => (
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
                      <span className="block truncate font-medium">{instance.name ?? instance.id}</span>
                      <span className="block truncate font-mono text-xs text-slate-500 dark:text-slate-400">
                        {instance.id}
                      </span>
                      <span className="block text-xs text-slate-500 dark:text-slate-400">
                        {SERVICE_LABELS[instance.service]} · {engineLabel(instance.engine)} · {instance.region}
                      </span>
                    </span>
                  </button>
                </li>
              )}
            />
          </section>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
