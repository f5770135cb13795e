"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { functionalUpdate, useTable } from "@tanstack/react-table";
import { Download, Link2Off, RefreshCw, SearchX, X } from "lucide-react";
import { type ReactNode, useMemo, useState } from "react";
import type { InitialData } from "@/app/initial";
import type { CoveragePage, CoverageRow, CoverageStatus } from "@/lib/coverage/model";
import {
  COVERAGE_SORT_FIELDS,
  type CoverageQuery,
  type CoverageSortField,
  coverageQuerySchema,
} from "@/lib/coverage/query";
import { ENGINES, SERVICES, type Source } from "@/lib/inventory/model";
import { parseQuery, type QueryIssue } from "@/lib/inventory/query";
import { AppNav } from "../AppNav";
import { ApiError, failureOf } from "../api";
import { DemoNotice } from "../DemoNotice";
import { ErrorState } from "../ErrorState";
import { FacetFilter } from "../FacetFilter";
import { useT } from "../i18n";
import { LanguageSwitch } from "../LanguageSwitch";
import { LocalTime } from "../LocalTime";
import { Pagination } from "../Pagination";
import { SearchBox } from "../SearchBox";
import { SourceErrorsBanner } from "../SourceErrorsBanner";
import { buttonClass, focusRing, primaryButtonClass } from "../styles";
import { TableSkeleton } from "../TableSkeleton";
import { useUrlQuery } from "../useUrlQuery";
import { coverageExportHref, coverageViewSearch, fetchCoveragePage } from "./api";
import { CoverageGrid } from "./CoverageGrid";
import { CoverageSettings, coverageColumns, coverageTableFeatures } from "./coverageColumns";
import { RpoControl } from "./RpoControl";
import { StatusFilter } from "./StatusFilter";

const NO_ROWS: CoverageRow[] = [];
const NO_SOURCES: Source[] = [];
const coverageKey = (search: string) => ["coverage", search] as const;

/** The facets the toolbar's menus filter on; the status has its own buttons. */
const MENU_FACETS = ["service", "engine", "region"] as const;
type MenuFacet = (typeof MENU_FACETS)[number];
const FACET_ORDER: Record<MenuFacet, readonly string[]> = { service: SERVICES, engine: ENGINES, region: [] };

const NO_FILTERS = { service: undefined, engine: undefined, region: undefined, status: undefined, q: undefined };

function hasFilters(query: CoverageQuery): boolean {
  return Boolean(query.q) || [query.service, query.engine, query.region, query.status].some((list) => list?.length);
}

function isSortField(id: string): id is CoverageSortField {
  return (COVERAGE_SORT_FIELDS as readonly string[]).includes(id);
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
  const view = useUrlQuery(parseView, coverageViewSearch);
  return (
    <div className="min-h-screen bg-slate-50 dark:bg-slate-950">
      {mode === "demo" ? <DemoNotice /> : null}
      {view.query ? (
        <Coverage query={view.query} show={view.show} initial={initial} />
      ) : (
        <main className="px-4">
          <InvalidLink issues={view.issues} />
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
  const queryClient = useQueryClient();
  const search = coverageViewSearch(query);
  const isInitialView = search === initial.search;
  // The server just tried this view and failed: show that rather than ask again at once (Try again does).
  const [leftInitialView, setLeftInitialView] = useState(false);
  if (!isInitialView && !leftInitialView) setLeftInitialView(true);
  const initialFailure = isInitialView && !leftInitialView ? initial.failure : null;

  const coverage = useQuery({
    queryKey: coverageKey(search),
    queryFn: ({ signal }) => fetchCoveragePage(query, { signal }),
    placeholderData: keepPreviousData,
    initialData: isInitialView && initial.page ? initial.page : undefined,
    initialDataUpdatedAt: initial.loadedAt,
    enabled: initialFailure === null,
    // The server caches the cloud's answers; asking it again within a minute gains nothing.
    staleTime: 60_000,
    // The server already retries the cloud; only a lost connection is worth another go here.
    retry: (count, error) => error instanceof ApiError && error.failure.status === null && count < 2,
  });

  const refresh = useMutation({
    mutationFn: (target: CoverageQuery) => fetchCoveragePage(target, { refresh: true }),
    onSuccess: (page, target) => {
      // Every other cached view is now older than this one: refetch each when it is next shown.
      queryClient.invalidateQueries({ queryKey: ["coverage"], refetchType: "none" });
      queryClient.setQueryData(coverageKey(coverageViewSearch(target)), page);
    },
  });

  const filter = (patch: Partial<CoverageQuery>) => show({ ...query, ...patch, page: 1 });
  const clearFilters = () => filter(NO_FILTERS);

  const sorting = useMemo(() => [{ id: query.sort, desc: query.order === "desc" }], [query.sort, query.order]);
  const pagination = useMemo(
    () => ({ pageIndex: query.page - 1, pageSize: query.pageSize }),
    [query.page, query.pageSize],
  );
  const page = coverage.isError ? undefined : coverage.data;
  const table = useTable({
    features: coverageTableFeatures,
    columns: coverageColumns,
    data: page?.items ?? NO_ROWS,
    getRowId: rowId,
    rowCount: page?.total ?? 0,
    manualSorting: true,
    manualPagination: true,
    autoResetPageIndex: false,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting, pagination },
    onSortingChange: (updater) => {
      const [next] = functionalUpdate(updater, sorting);
      if (next && isSortField(next.id)) show({ ...query, sort: next.id, order: next.desc ? "desc" : "asc", page: 1 });
    },
    onPaginationChange: (updater) => {
      const next = functionalUpdate(updater, pagination);
      show({ ...query, page: next.pageIndex + 1, pageSize: next.pageSize });
    },
  });

  const failure = coverage.isError ? failureOf(coverage.error) : coverage.isPending ? initialFailure : null;
  const busy = coverage.isFetching || refresh.isPending;
  const refreshFailure =
    refresh.isError && refresh.variables && coverageViewSearch(refresh.variables) === search && !failure
      ? failureOf(refresh.error)
      : null;
  const sources = page?.sources ?? NO_SOURCES;
  const configured = (field: MenuFacet): string[] => (field === "engine" ? [] : sources.map((source) => source[field]));
  const settings = useMemo(() => (page ? { rpoHours: page.rpoHours, window: page.window } : null), [page]);

  let content: ReactNode;
  if (failure)
    content = (
      <ErrorState
        failure={failure}
        retrying={coverage.isFetching}
        onRetry={() => coverage.refetch()}
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
        <Pagination table={table} shownRows={page.items.length} />
      </CoverageSettings>
    );

  return (
    <main className="mx-auto max-w-[100rem] space-y-4 px-4 py-5 sm:px-6">
      <header className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <AppNav current="coverage" />
          <LanguageSwitch />
        </div>
        <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-3">
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{t("title")}</h1>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("subtitle")}</p>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            {page ? (
              <p className="mr-1 w-full text-sm text-slate-600 sm:w-auto dark:text-slate-400" data-testid="fetched-at">
                {t("asOf")} <LocalTime iso={page.fetchedAt} withSeconds />
              </p>
            ) : null}
            <button
              type="button"
              className={buttonClass}
              onClick={() => refresh.mutate(query)}
              disabled={refresh.isPending}
              aria-label={refresh.isPending ? t("refreshingLabel") : t("refreshLabel")}
            >
              <RefreshCw aria-hidden="true" className={`size-4 ${refresh.isPending ? "animate-spin" : ""}`} />
              {t("refresh")}
            </button>
            {failure ? (
              <button type="button" disabled className={primaryButtonClass}>
                <Download aria-hidden="true" className="size-4" />
                {t("exportCsv")}
              </button>
            ) : (
              <a href={coverageExportHref(query)} download className={primaryButtonClass} data-testid="export-csv">
                <Download aria-hidden="true" className="size-4" />
                {t("exportCsv")}
              </a>
            )}
          </div>
        </div>
      </header>
      {refreshFailure ? (
        <ErrorState
          failure={refreshFailure}
          title={t("refreshFailed", { message: refreshFailure.message })}
          retrying={refresh.isPending}
          onRetry={() => refresh.mutate(query)}
          onClearFilters={null}
        />
      ) : null}
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
        {hasFilters(query) ? (
          <button
            type="button"
            onClick={clearFilters}
            className={`inline-flex h-9 items-center gap-1 rounded-md px-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white ${focusRing}`}
          >
            <X aria-hidden="true" className="size-4" />
            {t("clearFilters")}
          </button>
        ) : null}
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
        {busy && page ? (
          <div
            role="progressbar"
            aria-label={t("loading")}
            className="absolute inset-x-0 -top-1 z-10 h-0.5 overflow-hidden rounded bg-blue-100 dark:bg-blue-950"
          >
            <div className="h-full w-1/3 bg-blue-600 motion-safe:animate-[progress_1s_ease-in-out_infinite] dark:bg-blue-400" />
          </div>
        ) : null}
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
    <div data-testid="empty-state" className="flex flex-col items-center gap-3 px-6 py-16 text-center">
      <SearchX aria-hidden="true" className="size-10 text-slate-300 dark:text-slate-600" />
      {pastLastPage ? (
        <>
          <p className="text-base font-semibold">{t("empty.pastLastPage")}</p>
          <button type="button" className={buttonClass} onClick={onLastPage}>
            {t("empty.lastPage")}
          </button>
        </>
      ) : filtered ? (
        <>
          <p className="text-base font-semibold">{t("empty.filtered")}</p>
          <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">{t("empty.filteredHint")}</p>
          <button type="button" className={buttonClass} onClick={onClearFilters}>
            {t("clearFilters")}
          </button>
        </>
      ) : (
        <>
          <p className="text-base font-semibold">{t("empty.none")}</p>
          <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">{t("empty.noneHint")}</p>
        </>
      )}
    </div>
  );
}

/** The URL does not describe a valid view (a hand-edited or truncated link): say what is wrong, offer a reset. */
function InvalidLink({ issues }: { issues: QueryIssue[] }) {
  const t = useT("coverage");
  return (
    <section
      role="alert"
      data-testid="invalid-query"
      className="mx-auto mt-10 max-w-xl rounded-lg border border-red-200 bg-white p-6 shadow-sm dark:border-red-500/30 dark:bg-slate-900"
    >
      <h2 className="flex items-center gap-2 text-lg font-semibold text-red-800 dark:text-red-300">
        <Link2Off aria-hidden="true" className="size-5" />
        {t("invalidLink.title")}
      </h2>
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{t("invalidLink.intro")}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
        {issues.map((issue) => (
          <li key={`${issue.path}:${issue.message}`}>
            <code className="font-mono font-semibold">{issue.path}</code>: {issue.message}
          </li>
        ))}
      </ul>
      <a href="/coverage" className={`mt-5 ${primaryButtonClass}`}>
        {t("invalidLink.reset")}
      </a>
    </section>
  );
}
