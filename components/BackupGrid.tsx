"use client";

import type { KeyboardEvent, ReactNode } from "react";
import type { Backup } from "@/lib/inventory/model";
import type { BackupTable } from "./backupColumns";
import { useT } from "./i18n";
import { SortableHeader } from "./SortableHeader";

/**
 * The table itself: sortable headers and one focusable row per backup (click, Enter or Space opens it).
 * `children` replaces the body when there is nothing to list.
 */
export function BackupGrid({
  table,
  busy,
  openId,
  onOpen,
  children,
}: {
  table: BackupTable;
  busy: boolean;
  openId: string | null;
  onOpen: (backup: Backup) => void;
  children?: ReactNode;
}) {
  const t = useT("dashboard");
  const rows = table.getRowModel().rows;
  const visibleColumns = table.getVisibleLeafColumns().length;

  function onRowKeyDown(event: KeyboardEvent<HTMLTableRowElement>, backup: Backup) {
    if (event.target !== event.currentTarget) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onOpen(backup);
    }
  }

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table
        className={`w-full border-collapse text-left text-[13px] transition-opacity ${busy ? "opacity-60" : ""}`}
        aria-busy={busy}
        aria-label={t("table.label")}
      >
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-600 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <SortableHeader
                  key={header.id}
                  sortable={header.column.getCanSort()}
                  sorted={header.column.getIsSorted()}
                  numeric={header.column.columnDef.meta?.numeric ?? false}
                  onToggle={header.column.getToggleSortingHandler()}
                >
                  <table.FlexRender header={header} />
                </SortableHeader>
              ))}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={visibleColumns} className="p-0">
                {children}
              </td>
            </tr>
          ) : (
            rows.map((row) => {
              const backup = row.original;
              const failed = backup.status === "failed";
              const open = openId === row.id;
              return (
                <tr
                  key={row.id}
                  tabIndex={0}
                  onClick={() => onOpen(backup)}
                  onKeyDown={(event) => onRowKeyDown(event, backup)}
                  data-open={open || undefined}
                  data-status={backup.status}
                  data-backup-id={backup.id}
                  className={`group cursor-pointer outline-none focus-visible:bg-blue-50 focus-visible:shadow-[inset_3px_0_0_0_var(--color-blue-600)] dark:focus-visible:bg-blue-500/10 ${
                    open
                      ? "bg-blue-50 dark:bg-blue-500/10"
                      : failed
                        ? "bg-red-50/70 hover:bg-red-50 dark:bg-red-500/5 dark:hover:bg-red-500/10"
                        : "hover:bg-slate-50 dark:hover:bg-slate-800/50"
                  } ${failed ? "shadow-[inset_3px_0_0_0_var(--color-red-500)]" : ""}`}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td
                      key={cell.id}
                      className={`whitespace-nowrap px-1.5 py-2 first:pl-4 last:pr-4 ${cell.column.columnDef.meta?.numeric ? "text-right tabular-nums" : ""}`}
                    >
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}
