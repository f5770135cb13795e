"use client";

import type { KeyboardEvent, ReactNode } from "react";
import type { StoredBackup } from "@/lib/inventory/model";
import type { BackupTable } from "./backupColumns";
import { DataGrid } from "../DataGrid";
import { useT } from "../i18n";

/**
 * The backups table: one focusable row per backup (click, Enter or Space opens it).
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
  onOpen: (backup: StoredBackup) => void;
  children?: ReactNode;
}) {
  const t = useT("dashboard");

  function onRowKeyDown(event: KeyboardEvent<HTMLTableRowElement>, backup: StoredBackup) {
    if (event.target !== event.currentTarget) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onOpen(backup);
    }
  }

  return (
    <DataGrid
      table={table}
      label={t("table.label")}
      busy={busy}
      rowProps={(backup, rowId) => {
        const failed = backup.status === "failed";
        const open = openId === rowId;
        return {
          tabIndex: 0,
          onClick: () => onOpen(backup),
          onKeyDown: (event) => onRowKeyDown(event, backup),
          "data-open": open || undefined,
          "data-status": backup.status,
          "data-backup-id": backup.id,
          className: `group cursor-pointer outline-none focus-visible:bg-blue-50 focus-visible:shadow-[inset_3px_0_0_0_var(--color-blue-600)] dark:focus-visible:bg-blue-500/10 ${
            open
              ? "bg-blue-50 dark:bg-blue-500/10"
              : failed
                ? "bg-red-50/70 hover:bg-red-50 dark:bg-red-500/5 dark:hover:bg-red-500/10"
                : "hover:bg-slate-50 dark:hover:bg-slate-800/50"
          } ${failed ? "shadow-[inset_3px_0_0_0_var(--color-red-500)]" : ""}`,
        };
      }}
    >
      {children}
    </DataGrid>
  );
}
