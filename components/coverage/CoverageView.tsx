"use client";

import { type ReactNode, useMemo } from "react";
import type { InitialData } from "@/lib/http/types";
import type { CoveragePage, CoverageRow, CoverageStatus } from "@/lib/coverage/model";
import {
  COVERAGE_SORT_FIELDS,
  type CoverageQuery,
  coverageQuerySchema,
} from "@/lib/coverage/query";
import { ENGINES, SERVICES, type Source } from "@/lib/inventory/model";
import { parseQuery } from "@/lib/params";
import { useGridTable } from "../DataGrid";
import { DemoNotice } from "../DemoNotice";
import { EmptyMessage, EmptyPanel } from "../EmptyState";
import { ErrorState } from "../ErrorState";
import { FacetFilter } from "../FacetFilter";
import { ClearFiltersButton } from "../filterParts";
import { InvalidQueryNotice } from "../InvalidQueryNotice";
import { useT } from "../i18n";
import { LocalTime } from "../LocalTime";
import { PageHeader } from "../PageHeader";
import { COVERAGE_ROOT } from "../queryKeys";
import { FirstSyncProgress, SyncStatus } from "../sync/SyncStatus";
import { Pagination } from "../Pagination";
import { SearchBox } from "../SearchBox";
import { SourceErrorsBanner } from "../SourceErrorsBanner";
import { buttonClass } from "../styles";
import { LoadingBar, TableSkeleton } from "../TableSkeleton";
import { useServerFirstQuery } from "../useServerFirstQuery";
import { useUrlQuery } from "../useUrlQuery";
import { coverageExportHref, coverageViewSearch, fetchCoveragePage } from "./api";
import { CoverageGrid } from "./CoverageGrid";
import { CoverageSettings, coverageColumns } from "./coverageColumns";
import { RpoControl } from "./RpoControl";
import { StatusFilter } from "./StatusFilter";

const NO_ROWS: CoverageRow[] = [];
const NO_SOURCES: Source[] = [];

/** The facets the toolbar's menus filter on; the status has its own buttons. */
const MENU_FACETS = ["service", "engine", "region"] as const;
type MenuFacet = (typeof MENU_FACETS)[number];
const FACET_ORDER: Record<MenuFacet, readonly string[]> = { service: SERVICES, engine: ENGINES, region: [] };

const NO_FILTERS = { service: undefined, engine: undefined, region: undefined, status: undefined, q: undefined };

function hasFilters(query: CoverageQuery): boolean {
  return Boolean(query.q) || [query.service, query.engine, query.region, query.status].some((list) => list?.length);
}

function only<T extends string>(allowed: readonly T[], values: string[]): T[] {
  return values.filter((value): value is T => (allowed as readonly string[]).includes(value));
}

function facetPatch(field: MenuFacet, values: string[]): Partial<CoverageQuery> {
  switch (field) {
    case "service":
      return { service: only(SERVICES, values) };
    case "engine":
      return { engine: only(ENGINES, values) };
    case "region":
      return { region: values };
  }
}

function rowId(row: CoverageRow): string {
  return `${row.service}:${row.projectId}:${row.instanceId}`;
}

// Unknown parameters (tracking tags on a shared link) do not spoil the view; the API itself rejects them.
const parseView = (params: URLSearchParams) => parseQuery(coverageQuerySchema, params, { unknown: "ignore" });

/** The coverage page: is every instance protected? The view (filters, RPO, sort, page) lives in the URL. */
export function CoverageView({ mode, initial }: { mode: "demo" | "cloud"; initial: InitialData<CoveragePage> }) {
  const t = useT("coverage");
  const view = useUrlQuery(parseView, coverageViewSearch);
  return (
    <div className="min-h-screen bg-slate-50 dark:bg-slate-950">
      {mode === "demo" ? <DemoNotice /> : null}
      {view.query ? (
        <Coverage query={view.query} show={view.show} initial={initial} />
      ) : (
        <main className="px-4">
          <InvalidQueryNotice
            issues={view.issues}
            title={t("invalidLink.title")}
            intro={t("invalidLink.intro")}
            reset={{ href: "/coverage", label: t("invalidLink.reset") }}
          />
        </main>
      )}
    </div>
  );
}

function Coverage({
  query,
  show,
  initial,
}: {
  query: CoverageQuery;
  show: (next: CoverageQuery) => void;
  initial: InitialData<CoveragePage>;
}) {
  const t = useT("coverage");
  const coverage = useServerFirstQuery({
    root: COVERAGE_ROOT,
    query,
    viewSearch: coverageViewSearch,
    fetchPage: fetchCoveragePage,
    initial,
  });
  const { page, failure, busy } = coverage;

  const filter = (patch: Partial<CoverageQuery>) => show({ ...query, ...patch, page: 1 });
  const clearFilters = () => filter(NO_FILTERS);

  const table = useGridTable({
    view: query,
    sortFields: COVERAGE_SORT_FIELDS,
    show: (change) => show({ ...query, ...change }),
    columns: coverageColumns,
    rows: page?.items ?? NO_ROWS,
    total: page?.total ?? 0,
    getRowId: rowId,
  });

  const sources = page?.sources ?? NO_SOURCES;
  const configured = (field: MenuFacet): string[] => (field === "engine" ? [] : sources.map((source) => source[field]));
  const settings = useMemo(() => (page ? { rpoHours: page.rpoHours, window: page.window } : null), [page]);

  let content: ReactNode;
  if (failure)
    content = (
      <ErrorState
        failure={failure}
        retrying={coverage.fetching}
        onRetry={coverage.retry}
        onClearFilters={hasFilters(query) ? clearFilters : null}
      />
    );
  else if (!page || !settings) content = <TableSkeleton />;
  else
    content = (
      <CoverageSettings value={settings}>
        <CoverageGrid table={table} busy={busy}>
          <NoRows
            filtered={hasFilters(query)}
            pastLastPage={page.total > 0}
            onClearFilters={clearFilters}
            onLastPage={() => table.lastPage()}
          />
        </CoverageGrid>
        <Pagination table={table} shown={page} loading={busy} />
      </CoverageSettings>
    );

  return (
    <main className="mx-auto max-w-[100rem] space-y-4 px-4 py-5 sm:px-6">
      <PageHeader
        current="coverage"
        text={{ title: t("title"), subtitle: t("subtitle"), exportCsv: t("exportCsv") }}
        sync={page ? <SyncStatus frame={page} /> : null}
        exportHref={failure ? null : coverageExportHref(query)}
      />
      {page ? <FirstSyncProgress frame={page} /> : null}
      {page ? <SourceErrorsBanner sources={page.sources} /> : null}
      <StatusFilter
        selected={query.status ?? []}
        counts={page?.facets.status}
        onChange={(status: CoverageStatus[]) => filter({ status })}
      />
      <search aria-label={t("filters")} className="flex flex-wrap items-center gap-2">
        <SearchBox
          value={query.q ?? ""}
          onSearch={(q) => filter({ q })}
          placeholder={t("search.placeholder")}
          label={t("search.label")}
        />
        {MENU_FACETS.map((field) => (
          <FacetFilter
            key={field}
            field={field}
            selected={query[field] ?? []}
            counts={page?.facets[field]}
            order={FACET_ORDER[field]}
            extra={configured(field)}
            onChange={(values) => filter(facetPatch(field, values))}
          />
        ))}
        {hasFilters(query) ? <ClearFiltersButton label={t("clearFilters")} onClear={clearFilters} /> : null}
        <div className="sm:ml-auto">
          <RpoControl hours={query.rpo} onChange={(rpo) => show({ ...query, rpo, page: 1 })} />
        </div>
      </search>
      {page ? (
        <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="coverage-window">
          {page.window.to
            ? t.rich("windowBounded", {
                from: <LocalTime iso={page.window.from} />,
                to: <LocalTime iso={page.window.to} />,
              })
            : t.rich("window", { from: <LocalTime iso={page.window.from} /> })}
        </p>
      ) : null}
      <div className="relative">
        {busy && page ? <LoadingBar /> : null}
        <div className="space-y-3">{content}</div>
      </div>
    </main>
  );
}

/** Nothing to list: because of the filters, because of the page, or because no instance exists. */
function NoRows({
  filtered,
  pastLastPage,
  onClearFilters,
  onLastPage,
}: {
  filtered: boolean;
  pastLastPage: boolean;
  onClearFilters: () => void;
  onLastPage: () => void;
}) {
  const t = useT("coverage");
  return (
    <EmptyPanel>
      {pastLastPage ? (
        <EmptyMessage title={t("empty.pastLastPage")}>
          <button type="button" className={buttonClass} onClick={onLastPage}>
            {t("empty.lastPage")}
          </button>
        </EmptyMessage>
      ) : filtered ? (
        <EmptyMessage title={t("empty.filtered")} hint={t("empty.filteredHint")}>
          <button type="button" className={buttonClass} onClick={onClearFilters}>
            {t("clearFilters")}
          </button>
        </EmptyMessage>
      ) : (
        <EmptyMessage title={t("empty.none")} hint={t("empty.noneHint")} />
      )}
    </EmptyPanel>
  );
}
