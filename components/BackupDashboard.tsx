"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { functionalUpdate, useTable } from "@tanstack/react-table";
import { type ReactNode, useMemo, useState } from "react";
import type { InitialData } from "@/app/initial";
import type { Backup, BackupPage, Source } from "@/lib/inventory/model";
import { type BackupQuery, SORT_FIELDS, type SortField } from "@/lib/inventory/query";
import { ApiError, exportHref, failureOf, fetchBackupPage, viewSearch } from "./api";
import { BackupDetailSheet } from "./BackupDetailSheet";
import { BackupGrid } from "./BackupGrid";
import { backupColumnsFor, backupTableFeatures } from "./backupColumns";
import { ColumnMenu } from "./ColumnMenu";
import { DashboardHeader } from "./DashboardHeader";
import { DemoNotice } from "./DemoNotice";
import { EmptyState } from "./EmptyState";
import { ErrorState } from "./ErrorState";
import { FilterToolbar } from "./FilterToolbar";
import { INSTANCES_KEY } from "./InstancePicker";
import { InvalidQueryNotice } from "./InvalidQueryNotice";
import { useLocale, useT } from "./i18n";
import { Pagination } from "./Pagination";
import { SourceErrorsBanner } from "./SourceErrorsBanner";
import { SummaryStrip } from "./SummaryStrip";
import { TableSkeleton } from "./TableSkeleton";
import { TimelinePanel } from "./timeline/TimelinePanel";
import { type BackupView, hasFilters, useBackupView } from "./useBackupView";
import { useColumnVisibility } from "./useColumnVisibility";

/** What the server rendered the page with: the data (or failure) of the view in the first URL. */
export type InitialView = InitialData<BackupPage>;

const NO_ROWS: Backup[] = [];
const NO_SOURCES: Source[] = [];
const backupsKey = (search: string) => ["backups", search] as const;

function isSortField(id: string): id is SortField {
  return (SORT_FIELDS as readonly string[]).includes(id);
}

function rowId(backup: Backup): string {
  return `${backup.service}:${backup.id}`;
}

export function BackupDashboard({ mode, initial }: { mode: "demo" | "cloud"; initial: InitialView }) {
  const view = useBackupView();
  return (
    <div className="min-h-screen bg-slate-50 dark:bg-slate-950">
      {mode === "demo" ? <DemoNotice /> : null}
      {view.query ? (
        <Dashboard query={view.query} view={view} initial={initial} />
      ) : (
        <main className="px-4">
          <InvalidQueryNotice issues={view.issues} />
        </main>
      )}
    </div>
  );
}

function Dashboard({ query, view, initial }: { query: BackupQuery; view: BackupView; initial: InitialView }) {
  const t = useT("dashboard");
  const locale = useLocale();
  const queryClient = useQueryClient();
  const search = viewSearch(query);
  const isInitialView = search === initial.search;
  // The server just tried this view and failed: show that rather than ask again at once (Try again does).
  const [leftInitialView, setLeftInitialView] = useState(false);
  if (!isInitialView && !leftInitialView) setLeftInitialView(true);
  const initialFailure = isInitialView && !leftInitialView ? initial.failure : null;

  const backups = useQuery({
    queryKey: backupsKey(search),
    queryFn: ({ signal }) => fetchBackupPage(query, { signal }),
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
    mutationFn: (target: BackupQuery) => fetchBackupPage(target, { refresh: true }),
    onSuccess: (page, target) => {
      // Every other cached view is now older than this one: refetch each when it is next shown.
      queryClient.invalidateQueries({ queryKey: ["backups"], refetchType: "none" });
      queryClient.invalidateQueries({ queryKey: INSTANCES_KEY, refetchType: "none" });
      queryClient.setQueryData(backupsKey(viewSearch(target)), page);
    },
  });

  const columns = useColumnVisibility();
  const [openBackup, setOpenBackup] = useState<Backup | null>(null);

  const sorting = useMemo(() => [{ id: query.sort, desc: query.order === "desc" }], [query.sort, query.order]);
  const pagination = useMemo(
    () => ({ pageIndex: query.page - 1, pageSize: query.pageSize }),
    [query.page, query.pageSize],
  );

  const page = backups.isError ? undefined : backups.data;
  const table = useTable({
    features: backupTableFeatures,
    columns: backupColumnsFor(locale),
    data: page?.items ?? NO_ROWS,
    getRowId: rowId,
    rowCount: page?.total ?? 0,
    manualSorting: true,
    manualPagination: true,
    autoResetPageIndex: false,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting, pagination, columnVisibility: columns.visibility },
    onSortingChange: (updater) => {
      const [next] = functionalUpdate(updater, sorting);
      if (next && isSortField(next.id))
        view.show({ ...query, sort: next.id, order: next.desc ? "desc" : "asc", page: 1 });
    },
    onPaginationChange: (updater) => {
      const next = functionalUpdate(updater, pagination);
      view.show({ ...query, page: next.pageIndex + 1, pageSize: next.pageSize });
    },
    onColumnVisibilityChange: columns.update,
  });

  const failure = backups.isError ? failureOf(backups.error) : backups.isPending ? initialFailure : null;
  const busy = backups.isFetching || refresh.isPending;
  // A failed refresh of this view, while its older data is still on screen (a failed view says so itself).
  const refreshFailure =
    refresh.isError && refresh.variables && viewSearch(refresh.variables) === search && !failure
      ? failureOf(refresh.error)
      : null;
  const filtered = hasFilters(query);

  let content: ReactNode;
  if (failure)
    content = (
      <ErrorState
        failure={failure}
        retrying={backups.isFetching}
        onRetry={() => backups.refetch()}
        onClearFilters={filtered ? view.clearFilters : null}
      />
    );
  else if (!page) content = <TableSkeleton />;
  else
    content = (
      <>
        <BackupGrid table={table} busy={busy} openId={openBackup && rowId(openBackup)} onOpen={setOpenBackup}>
          <EmptyState
            filtered={filtered}
            pastLastPage={page.total > 0}
            failedSources={page.sources.filter((source) => !source.ok).length}
            onClearFilters={view.clearFilters}
            onLastPage={() => table.lastPage()}
          />
        </BackupGrid>
        <Pagination table={table} shownRows={page.items.length} />
      </>
    );

  return (
    <>
      <main className="mx-auto max-w-[100rem] space-y-4 px-4 py-5 sm:px-6">
        <DashboardHeader
          fetchedAt={page?.fetchedAt ?? null}
          refreshing={refresh.isPending}
          onRefresh={() => refresh.mutate(query)}
          exportHref={failure ? null : exportHref(query)}
        />
        {refreshFailure ? (
          <ErrorState
            failure={refreshFailure}
            title={t("error.title.refresh")}
            retrying={refresh.isPending}
            onRetry={() => refresh.mutate(query)}
            onClearFilters={null}
          />
        ) : null}
        {page ? <SourceErrorsBanner sources={page.sources} /> : null}
        {page ? (
          <SummaryStrip page={page} filter={query} onShowFailed={() => view.filter({ status: ["failed"] })} />
        ) : null}
        <TimelinePanel filter={query} fetchedAt={page?.fetchedAt ?? null} onSelectDay={(day) => view.filter(day)} />
        <FilterToolbar
          filter={query}
          facets={page?.facets}
          partialFacets={page?.partialFacets ?? []}
          sources={page?.sources ?? NO_SOURCES}
          onFilter={view.filter}
          onClear={view.clearFilters}
        >
          <ColumnMenu table={table} onReset={columns.reset} />
        </FilterToolbar>
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
      <BackupDetailSheet
        backup={openBackup}
        onClose={() => setOpenBackup(null)}
        onFilterInstance={(instanceId) => {
          setOpenBackup(null);
          view.filter({ instance: [instanceId] });
        }}
      />
    </>
  );
}
