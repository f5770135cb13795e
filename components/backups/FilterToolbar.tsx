"use client";

import type { ReactNode } from "react";
import { FACET_FIELDS, type FacetField, type Facets, type Presence, type Source } from "@/lib/inventory/model";
import type { BackupFilter } from "@/lib/inventory/query";
import { FacetFilter } from "../FacetFilter";
import { ClearFiltersButton } from "../filterParts";
import { InstancePicker } from "../InstancePicker";
import { PresenceToggle } from "./PresenceToggle";
import { useT } from "../i18n";
import { SearchBox } from "../SearchBox";
import { TimeRangeFilter } from "./TimeRangeFilter";
import { FACET_ORDER, facetPatch, hasFilters } from "./useBackupView";

/**
 * Which backups (current, gone, all), search, the facet filters with their counts, instances, time range and
 * "Clear filters"; wraps on narrow screens.
 */
export function FilterToolbar({
  filter,
  facets,
  sources,
  onFilter,
  onClear,
  onPresence,
  children,
}: {
  filter: BackupFilter;
  facets: Facets | undefined;
  sources: readonly Source[];
  onFilter: (patch: Partial<BackupFilter>) => void;
  onClear: () => void;
  /** Current, gone or all backups: a view of its own, which "Clear filters" keeps. */
  onPresence: (presence: Presence) => void;
  /** Controls that sit at the toolbar's end (the column menu). */
  children?: ReactNode;
}) {
  const t = useT("dashboard");
  // Services and regions of the configured sources are always offered, also when they answered nothing.
  const configured = (field: FacetField): string[] =>
    field === "service" || field === "region" ? sources.map((source) => source[field]) : [];
  const unanswered = (field: FacetField): string[] =>
    field === "service" || field === "region"
      ? configured(field).filter((value) => sources.every((source) => source[field] !== value || !source.ok))
      : [];
  return (
    <search aria-label={t("toolbar.label")} className="flex flex-wrap items-center gap-2">
      <PresenceToggle value={filter.presence} onChange={onPresence} />
      <SearchBox value={filter.q ?? ""} onSearch={(q) => onFilter({ q })} />
      {FACET_FIELDS.map((field) => (
        <FacetFilter
          key={field}
          field={field}
          selected={filter[field] ?? []}
          counts={facets?.[field]}
          order={FACET_ORDER[field]}
          extra={configured(field)}
          unanswered={unanswered(field)}
          onChange={(values) => onFilter(facetPatch(field, values))}
        />
      ))}
      <InstancePicker selected={filter.instance ?? []} onChange={(instance) => onFilter({ instance })} />
      <TimeRangeFilter value={{ from: filter.from, to: filter.to }} onChange={(range) => onFilter(range)} />
      {hasFilters(filter) ? <ClearFiltersButton label={t("toolbar.clearFilters")} onClear={onClear} /> : null}
      <div className="ml-auto">{children}</div>
    </search>
  );
}
