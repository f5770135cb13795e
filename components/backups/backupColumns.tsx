"use client";

import { type ColumnVisibilityState, createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import type { Messages } from "@/lib/i18n/messages";
import type { Translate } from "@/lib/i18n/translator";
import type { Presence, StoredBackup } from "@/lib/inventory/model";
import { type GridFeatures, type GridTable } from "../DataGrid";
import { NONE } from "../format";
import { useFormatters, useLabels, useT } from "../i18n";
import { InstanceCell } from "./InstanceCell";
import { LocalTime } from "../LocalTime";
import { LogSpan } from "../LogSpan";
import type { Labels } from "../labels";
import { StatusBadge } from "./StatusBadge";

export type BackupTable = GridTable<StoredBackup>;

const column = createColumnHelper<GridFeatures, StoredBackup>();

type Formatters = ReturnType<typeof useFormatters>;

/**
 * The columns, in one locale. A sortable column's id is the API's sort field, so table sorting state and the
 * URL's `sort` are the same string. Newest, largest and longest come first on the first click. Views of gone
 * backups add when each went.
 */
function backupColumns(t: Translate<"labels">, labels: Labels, format: Formatters, presence: Presence) {
  const names = (id: keyof Messages["labels"]["column"]) => ({
    header: t(`column.${id}.header`),
    meta: { label: t(`column.${id}.menu`) },
  });
  const none = <span className="text-slate-400">{NONE}</span>;
  return column.columns([
    column.accessor("service", {
      ...names("service"),
      cell: (info) => <span className="font-medium">{labels.service(info.getValue())}</span>,
    }),
    column.accessor("engine", {
      ...names("engine"),
      cell: (info) => (
        <span>
          {labels.engine(info.getValue())}
          {info.row.original.engineVersion ? (
            <span className="ml-1 text-slate-500 dark:text-slate-400">{info.row.original.engineVersion}</span>
          ) : null}
        </span>
      ),
    }),
    column.accessor("region", {
      ...names("region"),
      cell: (info) => <span className="text-slate-700 dark:text-slate-300">{info.getValue()}</span>,
    }),
    column.accessor("instanceName", {
      ...names("instanceName"),
      cell: (info) => <InstanceCell name={info.getValue()} id={info.row.original.instanceId} />,
    }),
    column.accessor("name", {
      ...names("name"),
      cell: (info) => {
        const { name, description, id } = info.row.original;
        return (
          <span className="block max-w-36 truncate" title={[name ?? id, description].filter(Boolean).join("\n")}>
            {name ?? <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{id}</span>}
          </span>
        );
      },
    }),
    column.accessor("id", {
      ...names("id"),
      enableSorting: false,
      cell: (info) => <span className="font-mono text-xs">{info.getValue()}</span>,
    }),
    column.accessor("kind", {
      ...names("kind"),
      cell: (info) => labels.kind(info.getValue()),
    }),
    column.accessor("trigger", {
      ...names("trigger"),
      enableSorting: false,
      cell: (info) => {
        const trigger = info.getValue();
        return trigger ? labels.trigger(trigger) : none;
      },
    }),
    column.accessor("status", {
      ...names("status"),
      cell: (info) => <StatusBadge status={info.getValue()} rawStatus={info.row.original.rawStatus} />,
    }),
    column.accessor("startedAt", {
      ...names("startedAt"),
      sortDescFirst: true,
      cell: (info) => <LocalTime iso={info.getValue()} />,
    }),
    column.accessor("endedAt", {
      ...names("endedAt"),
      sortDescFirst: true,
      cell: (info) => {
        const endedAt = info.getValue();
        return endedAt ? <LocalTime iso={endedAt} /> : none;
      },
    }),
    column.accessor("durationSeconds", {
      header: t("column.durationSeconds.header"),
      sortDescFirst: true,
      meta: { label: t("column.durationSeconds.menu"), numeric: true },
      // A log backup has no duration: its two times are the span of log it holds.
      cell: (info) => {
        const { kind, startedAt, endedAt } = info.row.original;
        return kind === "incremental" ? (
          <LogSpan startedAt={startedAt} endedAt={endedAt} />
        ) : (
          format.duration(info.getValue())
        );
      },
    }),
    column.accessor("sizeBytes", {
      header: t("column.sizeBytes.header"),
      sortDescFirst: true,
      meta: { label: t("column.sizeBytes.menu"), numeric: true },
      cell: (info) => {
        const bytes = info.getValue();
        return (
          <span title={bytes === null ? undefined : t("bytes", { count: format.count(bytes) })}>
            {format.bytes(bytes)}
          </span>
        );
      },
    }),
    ...(presence === "current"
      ? []
      : [
          column.accessor("goneAt", {
            ...names("goneAt"),
            enableSorting: false,
            cell: (info) => {
              const goneAt = info.getValue();
              return goneAt ? <LocalTime iso={goneAt} /> : none;
            },
          }),
        ]),
  ]);
}

/**
 * The columns in the current locale, built once per page load and presence (the locale and its messages do not
 * change without a reload): the table keeps its state only while its columns stay the same.
 */
export function useBackupColumns(presence: Presence) {
  const t = useT("labels");
  const labels = useLabels();
  const format = useFormatters();
  return useMemo(() => backupColumns(t, labels, format, presence), [t, labels, format, presence]);
}

/** Shown on request from the column menu. */
export const DEFAULT_COLUMN_VISIBILITY: ColumnVisibilityState = { id: false, endedAt: false };
