"use client";

import {
  type ColumnVisibilityState,
  columnVisibilityFeature,
  createColumnHelper,
  metaHelper,
  type ReactTable,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
} from "@tanstack/react-table";
import type { Backup } from "@/lib/inventory/model";
import { formatBytes, formatDuration, NONE } from "./format";
import { InstanceCell } from "./InstanceCell";
import { LocalTime } from "./LocalTime";
import { engineLabel, KIND_LABELS, SERVICE_LABELS, TRIGGER_LABELS } from "./labels";
import { StatusBadge } from "./StatusBadge";

interface BackupColumnMeta {
  /** The name in the column menu and the header. */
  label: string;
  /** Numbers are right-aligned. */
  numeric?: boolean;
}

/** Sorting and paging happen on the server (manual); the table keeps their state and draws the page. */
export const backupTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnVisibilityFeature,
  columnMeta: metaHelper<BackupColumnMeta>(),
});

type BackupTableFeatures = typeof backupTableFeatures;
export type BackupTable = ReactTable<BackupTableFeatures, Backup>;

const column = createColumnHelper<BackupTableFeatures, Backup>();

/**
 * The columns. A sortable column's id is the API's sort field, so table sorting state and the URL's
 * `sort` are the same string. Newest, largest and longest come first on the first click.
 */
export const backupColumns = column.columns([
  column.accessor("service", {
    header: "Service",
    meta: { label: "Service" },
    cell: (info) => <span className="font-medium">{SERVICE_LABELS[info.getValue()]}</span>,
  }),
  column.accessor("engine", {
    header: "Engine",
    meta: { label: "Engine and version" },
    cell: (info) => (
      <span>
        {engineLabel(info.getValue())}
        {info.row.original.engineVersion ? (
          <span className="ml-1 text-slate-500 dark:text-slate-400">{info.row.original.engineVersion}</span>
        ) : null}
      </span>
    ),
  }),
  column.accessor("region", {
    header: "Region",
    meta: { label: "Region" },
    cell: (info) => <span className="text-slate-700 dark:text-slate-300">{info.getValue()}</span>,
  }),
  column.accessor("instanceName", {
    header: "Instance",
    meta: { label: "Instance" },
    cell: (info) => <InstanceCell name={info.getValue()} id={info.row.original.instanceId} />,
  }),
  column.accessor("name", {
    header: "Backup",
    meta: { label: "Backup name" },
    cell: (info) => {
      const { name, description, id } = info.row.original;
      return (
        <span className="block max-w-44 truncate" title={[name ?? id, description].filter(Boolean).join("\n")}>
          {name ?? <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{id}</span>}
        </span>
      );
    },
  }),
  column.accessor("id", {
    header: "Backup ID",
    enableSorting: false,
    meta: { label: "Backup ID" },
    cell: (info) => <span className="font-mono text-xs">{info.getValue()}</span>,
  }),
  column.accessor("kind", {
    header: "Kind",
    meta: { label: "Kind" },
    cell: (info) => KIND_LABELS[info.getValue()],
  }),
  column.accessor("trigger", {
    header: "Trigger",
    enableSorting: false,
    meta: { label: "Trigger" },
    cell: (info) => {
      const trigger = info.getValue();
      return trigger ? TRIGGER_LABELS[trigger] : <span className="text-slate-400">{NONE}</span>;
    },
  }),
  column.accessor("status", {
    header: "Status",
    meta: { label: "Status" },
    cell: (info) => <StatusBadge status={info.getValue()} rawStatus={info.row.original.rawStatus} />,
  }),
  column.accessor("startedAt", {
    header: "Started",
    sortDescFirst: true,
    meta: { label: "Started" },
    cell: (info) => <LocalTime iso={info.getValue()} />,
  }),
  column.accessor("endedAt", {
    header: "Ended",
    sortDescFirst: true,
    meta: { label: "Ended" },
    cell: (info) => {
      const endedAt = info.getValue();
      return endedAt ? <LocalTime iso={endedAt} /> : <span className="text-slate-400">{NONE}</span>;
    },
  }),
  column.accessor("durationSeconds", {
    header: "Duration",
    sortDescFirst: true,
    meta: { label: "Duration", numeric: true },
    cell: (info) => formatDuration(info.getValue()),
  }),
  column.accessor("sizeBytes", {
    header: "Size",
    sortDescFirst: true,
    meta: { label: "Size", numeric: true },
    cell: (info) => {
      const bytes = info.getValue();
      return (
        <span title={bytes === null ? undefined : `${bytes.toLocaleString("en-US")} bytes`}>{formatBytes(bytes)}</span>
      );
    },
  }),
]);

/** Shown on request from the column menu. */
export const DEFAULT_COLUMN_VISIBILITY: ColumnVisibilityState = { id: false, endedAt: false };
