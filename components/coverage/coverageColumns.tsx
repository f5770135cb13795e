"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { createContext, useContext } from "react";
import type { BackupRef, CoverageRow, CoverageWindow } from "@/lib/coverage/model";
import { toSearchParams } from "@/lib/inventory/query";
import { INCREMENTAL_SUPPORT } from "@/lib/restore/model";
import { restoreSearchParams } from "@/lib/restore/query";
import { CopyButton } from "../CopyButton";
import { useFormatters, useT } from "../i18n";
import { LocalTime } from "../LocalTime";
import { engineLabel, SERVICE_LABELS } from "../labels";
import { type GridFeatures, type GridTable } from "../DataGrid";
import { focusRing } from "../styles";
import { CoverageReasons, CoverageStatusBadge } from "./CoverageStatusBadge";

export type CoverageTable = GridTable<CoverageRow>;

/** The settings the page's rows were computed with, for the cells that explain or link them. */
export const CoverageSettings = createContext<{ rpoHours: number; window: CoverageWindow }>({
  rpoHours: 24,
  window: { from: "", to: null },
});

const column = createColumnHelper<GridFeatures, CoverageRow>();

type ColumnName =
  | "status"
  | "instance"
  | "service"
  | "lastFull"
  | "lastIncremental"
  | "failed"
  | "backups"
  | "size"
  | "actions";

function Title({ name }: { name: ColumnName }) {
  const t = useT("coverage");
  return t(`column.${name}`);
}

/** The dashboard filtered to one instance (and more filters, such as its failures in the window). */
function backupsHref(instanceId: string, extra: Parameters<typeof toSearchParams>[0] = {}): string {
  return `/?${toSearchParams({ ...extra, instance: [instanceId] })}`;
}

function StatusCell({ row }: { row: CoverageRow }) {
  const { rpoHours } = useContext(CoverageSettings);
  return (
    <div className="min-w-36">
      <CoverageStatusBadge status={row.status} />
      <CoverageReasons row={row} rpoHours={rpoHours} />
    </div>
  );
}

function InstanceNameCell({ row }: { row: CoverageRow }) {
  const t = useT("coverage");
  const label = row.instanceName ?? row.instanceId;
  return (
    <div className="max-w-72 min-w-40">
      <Link
        href={backupsHref(row.instanceId)}
        title={t("showBackups", { name: label })}
        className={`block truncate font-medium text-blue-700 hover:underline dark:text-blue-300 ${focusRing}`}
      >
        {label}
      </Link>
      <span className="flex items-center gap-1">
        <span className="truncate font-mono text-xs text-slate-500 dark:text-slate-400">{row.instanceId}</span>
        <CopyButton value={row.instanceId} label={t("copyInstanceId", { id: row.instanceId })} />
      </span>
    </div>
  );
}

function ServiceCell({ row }: { row: CoverageRow }) {
  return (
    <div>
      <span className="font-medium">{SERVICE_LABELS[row.service]}</span>
      <span className="text-slate-500 dark:text-slate-400"> · {row.region}</span>
      <span className="block text-xs text-slate-500 dark:text-slate-400">
        {engineLabel(row.engine)}
        {row.engineVersion ? ` ${row.engineVersion}` : ""}
      </span>
    </div>
  );
}

/** A backup's end (its start when no end is known) and its age at the data's time. */
function BackupAgeCell({ backup, ageSeconds }: { backup: BackupRef | null; ageSeconds: number | null }) {
  const t = useT("coverage");
  const { duration } = useFormatters();
  if (!backup) return <span className="text-slate-500 dark:text-slate-400">{t("noBackup")}</span>;
  return (
    <div title={backup.name ?? backup.id}>
      <LocalTime iso={backup.endedAt ?? backup.startedAt} />
      {ageSeconds === null ? null : (
        <span className="block text-xs text-slate-500 dark:text-slate-400">
          {t("age", { age: duration(ageSeconds) })}
        </span>
      )}
    </div>
  );
}

function FailedCell({ row }: { row: CoverageRow }) {
  const { window } = useContext(CoverageSettings);
  const { count } = useFormatters();
  if (row.failed === 0) return <span className="text-slate-500 dark:text-slate-400">{count(0)}</span>;
  return (
    <Link
      href={backupsHref(row.instanceId, { status: ["failed"], from: window.from, to: window.to ?? undefined })}
      className={`rounded font-semibold text-red-700 hover:underline dark:text-red-300 ${focusRing}`}
    >
      {count(row.failed)}
    </Link>
  );
}

function CountCell({ value }: { value: number }) {
  const { count } = useFormatters();
  return count(value);
}

function SizeCell({ bytes }: { bytes: number }) {
  const { bytes: formatBytes } = useFormatters();
  return formatBytes(bytes);
}

function ActionsCell({ row }: { row: CoverageRow }) {
  const t = useT("coverage");
  return (
    <Link
      href={`/restore?${restoreSearchParams({ instance: row.instanceId })}`}
      aria-label={t("findRestorePointFor", { name: row.instanceName ?? row.instanceId })}
      className={`rounded text-sm font-medium text-blue-700 hover:underline dark:text-blue-300 ${focusRing}`}
    >
      {t("findRestorePoint")}
    </Link>
  );
}

/**
 * The columns. A sortable column's id is the API's sort field, so the table's sorting state and the URL's
 * `sort` are the same string. The worst, newest and largest come first on the first click.
 */
export const coverageColumns = column.columns([
  column.accessor("status", {
    header: () => <Title name="status" />,
    sortDescFirst: true,
    cell: (info) => <StatusCell row={info.row.original} />,
  }),
  column.accessor("instanceName", {
    header: () => <Title name="instance" />,
    cell: (info) => <InstanceNameCell row={info.row.original} />,
  }),
  column.accessor("service", {
    header: () => <Title name="service" />,
    cell: (info) => <ServiceCell row={info.row.original} />,
  }),
  column.accessor((row) => row.lastFull?.startedAt ?? null, {
    id: "lastFullAt",
    header: () => <Title name="lastFull" />,
    sortDescFirst: true,
    cell: (info) => (
      <BackupAgeCell backup={info.row.original.lastFull} ageSeconds={info.row.original.lastFullAgeSeconds} />
    ),
  }),
  column.accessor((row) => row.lastIncremental?.startedAt ?? null, {
    id: "lastIncrementalAt",
    header: () => <Title name="lastIncremental" />,
    sortDescFirst: true,
    cell: (info) => <LastIncrementalCell row={info.row.original} />,
  }),
  column.accessor("failed", {
    header: () => <Title name="failed" />,
    sortDescFirst: true,
    meta: { numeric: true },
    cell: (info) => <FailedCell row={info.row.original} />,
  }),
  column.accessor("backups", {
    header: () => <Title name="backups" />,
    sortDescFirst: true,
    meta: { numeric: true },
    cell: (info) => <CountCell value={info.getValue()} />,
  }),
  column.accessor("sizeBytes", {
    header: () => <Title name="size" />,
    sortDescFirst: true,
    meta: { numeric: true },
    cell: (info) => <SizeCell bytes={info.getValue()} />,
  }),
  column.display({
    id: "actions",
    header: () => (
      <span className="sr-only">
        <Title name="actions" />
      </span>
    ),
    cell: (info) => <ActionsCell row={info.row.original} />,
  }),
]);

/** DCS keeps full backups only: its missing incremental is not a gap. */
function LastIncrementalCell({ row }: { row: CoverageRow }) {
  const t = useT("coverage");
  if (!INCREMENTAL_SUPPORT[row.service])
    return <span className="text-slate-400 dark:text-slate-500">{t("notSupported")}</span>;
  return <BackupAgeCell backup={row.lastIncremental} ageSeconds={row.lastIncrementalAgeSeconds} />;
}
