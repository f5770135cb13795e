"use client";

import { type ReactNode, useState } from "react";
import type { InitialData } from "@/lib/http/types";
import type { BackupPage, Source, StoredBackup } from "@/lib/inventory/model";
import { type BackupQuery, SORT_FIELDS } from "@/lib/inventory/query";
import { exportHref, fetchBackupPage, viewSearch } from "../api";
import { BackupDetailSheet } from "./BackupDetailSheet";
import { BackupGrid } from "./BackupGrid";
import { useBackupColumns } from "./backupColumns";
import { ColumnMenu } from "./ColumnMenu";
import { useGridTable } from "../DataGrid";
import { DemoNotice } from "../DemoNotice";
import { EmptyState } from "../EmptyState";
import { ErrorState } from "../ErrorState";
import { FilterToolbar } from "./FilterToolbar";
import { InvalidQueryNotice } from "../InvalidQueryNotice";
import { useT } from "../i18n";
import { PageHeader } from "../PageHeader";
import { BACKUPS_ROOT } from "../queryKeys";
import { FirstSyncProgress, SyncStatus } from "../sync/SyncStatus";
import { Pagination } from "../Pagination";
import { SourceErrorsBanner } from "../SourceErrorsBanner";
import { SummaryStrip } from "./SummaryStrip";
import { LoadingBar, TableSkeleton } from "../TableSkeleton";
import { TimelinePanel } from "../timeline/TimelinePanel";
import { type BackupView, hasFilters, useBackupView } from "./useBackupView";
import { useColumnVisibility } from "./useColumnVisibility";
import { useServerFirstQuery } from "../useServerFirstQuery";

/** What the server rendered the page with: the data (or failure) of the view in the first URL. */
export type InitialView = InitialData<BackupPage>;

const NO_ROWS: StoredBackup[] = [];
const NO_SOURCES: Source[] = [];

function rowId(backup: StoredBackup): string {
  return `${backup.service}:${backup.id}`;
}

export function BackupDashboard({ mode, initial }: { mode: "demo" | "cloud"; initial: InitialView }) {
  const t = useT("dashboard");
  const view = useBackupView();
  return (
    <div className="min-h-screen bg-slate-50 dark:bg-slate-950">
      {mode === "demo" ? <DemoNotice /> : null}
      {view.query ? (
        <Dashboard query={view.query} view={view} initial={initial} />
      ) : (
        <main className="px-4">
          <InvalidQueryNotice
            issues={view.issues}
            title={t("invalidLink.title")}
            intro={t("invalidLink.text")}
            reset={{ href: "/", label: t("invalidLink.reset") }}
          />
        </main>
      )}
    </div>
  );
}

function Dashboard({ query, view, initial }: { query: BackupQuery; view: BackupView; initial: InitialView }) {
  const t = useT("dashboard");
  const backupColumns = useBackupColumns(query.presence);
  const backups = useServerFirstQuery({ root: BACKUPS_ROOT, query, viewSearch, fetchPage: fetchBackupPage, initial });
  const { page, failure, busy } = backups;

  const columns = useColumnVisibility();
  const [openBackup, setOpenBackup] = useState<StoredBackup | null>(null);

  const table = useGridTable({
    view: query,
    sortFields: SORT_FIELDS,
    show: (change) => view.show({ ...query, ...change }),
    columns: backupColumns,
    rows: page?.items ?? NO_ROWS,
    total: page?.total ?? 0,
    getRowId: rowId,
    columnVisibility: columns.visibility,
    onColumnVisibilityChange: columns.update,
  });

  const filtered = hasFilters(query);

  let content: ReactNode;
  if (failure)
    content = (
      <ErrorState
        failure={failure}
        retrying={backups.fetching}
        onRetry={backups.retry}
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
            gone={query.presence === "gone"}
            pastLastPage={page.total > 0}
            failedSources={page.sources.filter((source) => !source.ok).length}
            onClearFilters={view.clearFilters}
            onLastPage={() => table.lastPage()}
          />
        </BackupGrid>
        <Pagination table={table} shown={page} loading={busy} />
      </>
    );

  return (
    <>
      <main className="mx-auto max-w-[100rem] space-y-4 px-4 py-5 sm:px-6">
        <PageHeader
          current="backups"
          text={{ title: t("header.title"), subtitle: t("header.subtitle"), exportCsv: t("header.exportCsv") }}
          sync={page ? <SyncStatus frame={page} /> : null}
          exportHref={failure ? null : exportHref(query)}
        />
        {page ? <FirstSyncProgress frame={page} /> : null}
        {page ? <SourceErrorsBanner sources={page.sources} /> : null}
        {page ? (
          <SummaryStrip page={page} filter={query} onShowFailed={() => view.filter({ status: ["failed"] })} />
        ) : null}
        <TimelinePanel filter={query} fetchedAt={page?.fetchedAt ?? null} onSelectDay={(day) => view.filter(day)} />
        <FilterToolbar
          filter={query}
          facets={page?.facets}
          sources={page?.sources ?? NO_SOURCES}
          onFilter={view.filter}
          onClear={view.clearFilters}
          onPresence={(presence) => view.show({ ...query, presence, page: 1 })}
        >
          <ColumnMenu table={table} onReset={columns.reset} />
        </FilterToolbar>
        <div className="relative">
          {busy && page ? <LoadingBar /> : null}
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
