"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { LoaderCircle, Search } from "lucide-react";
import type { ReactNode } from "react";
import type { Instance, InstanceList } from "@/lib/inventory/model";
import { failureOf } from "./api";
import { failureText } from "./ErrorState";
import { useT } from "./i18n";
import { inputClass } from "./styles";

/** How many matches a list draws; typing narrows it. */
const SHOWN_MATCHES = 100;

/** The instances whose name or ID holds `search` (any case); all of them for an empty search. */
export function matchingInstances(instances: readonly Instance[], search: string): Instance[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return [...instances];
  return instances.filter(
    (instance) => instance.name?.toLowerCase().includes(needle) || instance.id.toLowerCase().includes(needle),
  );
}

/** The search box atop an instance list. */
export function InstanceSearchField({
  value,
  onChange,
  placeholder,
  label,
}: {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  label: string;
}) {
  return (
    <div className="relative p-1">
      <Search
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 left-3.5 size-4 -translate-y-1/2 text-slate-400"
      />
      <input
        type="search"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder={placeholder}
        aria-label={label}
        className={`${inputClass} w-full pl-8`}
      />
    </div>
  );
}

/**
 * The matches of an instance search: loading, the failure, none, or the first SHOWN_MATCHES (each drawn by
 * `option`, an `<li>`) and how many more there are.
 */
export function InstanceMatches({
  instances,
  found,
  text,
  option,
}: {
  instances: Pick<UseQueryResult<InstanceList>, "isPending" | "isError" | "error">;
  found: readonly Instance[];
  text: { loading: string; failed: (message: string) => string; none: string; more: (count: number) => string };
  option: (instance: Instance) => ReactNode;
}) {
  const t = useT("dashboard");
  return (
    <>
      {instances.isPending ? (
        <p className="flex items-center gap-2 px-2 py-3 text-sm text-slate-500 dark:text-slate-400">
          <LoaderCircle aria-hidden="true" className="size-4 animate-spin" /> {text.loading}
        </p>
      ) : instances.isError ? (
        <p role="alert" className="px-2 py-3 text-sm text-red-700 dark:text-red-300">
          {text.failed(failureText(failureOf(instances.error), t))}
        </p>
      ) : found.length === 0 ? (
        <p className="px-2 py-3 text-sm text-slate-500 dark:text-slate-400">{text.none}</p>
      ) : (
        <ul className="max-h-72 overflow-y-auto">{found.slice(0, SHOWN_MATCHES).map(option)}</ul>
      )}
      {found.length > SHOWN_MATCHES ? (
        <p className="px-2 py-1.5 text-xs text-slate-500 dark:text-slate-400">
          {text.more(found.length - SHOWN_MATCHES)}
        </p>
      ) : null}
    </>
  );
}
