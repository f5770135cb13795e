"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import {
  BACKUP_KINDS,
  BACKUP_STATUSES,
  BACKUP_TRIGGERS,
  ENGINES,
  type FacetField,
  SERVICES,
} from "@/lib/inventory/model";
import { type BackupFilter, type BackupQuery, parseBackupQuery, type QueryIssue } from "@/lib/inventory/query";
import { viewSearch } from "./api";

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

export interface BackupView {
  /** The view in the URL; null when the URL does not parse (then `issues` says why). */
  query: BackupQuery | null;
  issues: QueryIssue[];
  /** Moves to another view: a new history entry, so back and forward walk through views. */
  show: (next: BackupQuery) => void;
  /** Changes filters and returns to page 1. */
  filter: (patch: Partial<BackupFilter>) => void;
  clearFilters: () => void;
}

/**
 * The dashboard's view lives in the URL. Writing it uses the history API directly: Next.js keeps
 * useSearchParams in step with pushState without asking the server for the page again (React Query
 * fetches the data). Next applies the new URL in a transition, so the view written last is shown at
 * once (a ticked checkbox stays ticked) until the URL catches up or moves elsewhere (back, forward).
 */
export function useBackupView(): BackupView {
  const urlSearch = useSearchParams().toString();
  const [written, setWritten] = useState<{ search: string; over: string } | null>(null);
  // Once the URL has moved on, or the user walks the history (which may return to where the write started
  // before Next caught up), the URL is the truth again.
  if (written && written.over !== urlSearch) setWritten(null);
  useEffect(() => {
    const forget = () => setWritten(null);
    window.addEventListener("popstate", forget);
    return () => window.removeEventListener("popstate", forget);
  }, []);
  const search = written && written.over === urlSearch ? written.search : urlSearch;
  const parsed = useMemo(() => parseBackupQuery(new URLSearchParams(search), { unknown: "ignore" }), [search]);
  const query = parsed.ok ? parsed.value : null;

  const show = useCallback(
    (next: BackupQuery) => {
      const nextSearch = viewSearch(next);
      if (nextSearch === search) return;
      setWritten({ search: nextSearch, over: urlSearch });
      window.history.pushState(null, "", nextSearch ? `?${nextSearch}` : window.location.pathname);
    },
    [search, urlSearch],
  );
  const filter = useCallback(
    (patch: Partial<BackupFilter>) => {
      if (query) show({ ...query, ...patch, page: 1 });
    },
    [query, show],
  );
  const clearFilters = useCallback(() => filter(NO_FILTERS), [filter]);

  return { query, issues: parsed.ok ? [] : parsed.issues, show, filter, clearFilters };
}
