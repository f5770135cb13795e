"use client";

import { useCallback } from "react";
import {
  BACKUP_KINDS,
  BACKUP_STATUSES,
  BACKUP_TRIGGERS,
  ENGINES,
  type FacetField,
  SERVICES,
} from "@/lib/inventory/model";
import { type BackupFilter, type BackupQuery, parseBackupQuery } from "@/lib/inventory/query";
import { viewSearch } from "../api";
import { type UrlQuery, useUrlQuery } from "../useUrlQuery";

/** The filter keys a user can set, in toolbar order; "Clear filters" empties all of them. */
const FILTER_KEYS = [
  "q",
  "service",
  "engine",
  "status",
  "kind",
  "trigger",
  "region",
  "instance",
  "from",
  "to",
] as const satisfies readonly (keyof BackupFilter)[];
const NO_FILTERS: Partial<BackupFilter> = Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined]));

export function hasFilters(query: BackupFilter): boolean {
  return FILTER_KEYS.some((key) => {
    const value = query[key];
    return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== "";
  });
}

/** The known values of each facet, in the order the filters list them (regions are open-ended). */
export const FACET_ORDER: Record<FacetField, readonly string[]> = {
  service: SERVICES,
  engine: ENGINES,
  status: BACKUP_STATUSES,
  kind: BACKUP_KINDS,
  trigger: BACKUP_TRIGGERS,
  region: [],
};

function known<T extends string>(allowed: readonly T[], values: string[]): T[] {
  return values.filter((value): value is T => (allowed as readonly string[]).includes(value));
}

/** The filter change that selects `values` in a facet; values the query cannot express are dropped. */
export function facetPatch(field: FacetField, values: string[]): Partial<BackupFilter> {
  switch (field) {
    case "service":
      return { service: known(SERVICES, values) };
    case "engine":
      return { engine: known(ENGINES, values) };
    case "status":
      return { status: known(BACKUP_STATUSES, values) };
    case "kind":
      return { kind: known(BACKUP_KINDS, values) };
    case "trigger":
      return { trigger: known(BACKUP_TRIGGERS, values) };
    case "region":
      return { region: values };
  }
}

export interface BackupView extends UrlQuery<BackupQuery> {
  /** Changes filters and returns to page 1. */
  filter: (patch: Partial<BackupFilter>) => void;
  clearFilters: () => void;
}

// Unknown parameters (tracking tags on a shared link) do not spoil the view; the API itself rejects them.
const parseView = (params: URLSearchParams) => parseBackupQuery(params, { unknown: "ignore" });

/** The dashboard's view, in the URL (see useUrlQuery). */
export function useBackupView(): BackupView {
  const { query, issues, show } = useUrlQuery(parseView, viewSearch);
  const filter = useCallback(
    (patch: Partial<BackupFilter>) => {
      if (query) show({ ...query, ...patch, page: 1 });
    },
    [query, show],
  );
  const clearFilters = useCallback(() => filter(NO_FILTERS), [filter]);

  return { query, issues, show, filter, clearFilters };
}
