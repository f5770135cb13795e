"use client";

import type { ReactNode } from "react";
import { useT } from "../i18n";
import { SortableHeader } from "../SortableHeader";
import type { CoverageTable } from "./coverageColumns";

/** The coverage table: sortable headers (the API sorts) and one row per instance; `children` stands in for no rows. */
export function CoverageGrid({ table, busy, children }: { table: CoverageTable; busy: boolean; children?: ReactNode }) {
  const t = useT("coverage");
  const rows = table.getRowModel().rows;
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table
        className={`w-full border-collapse text-left text-[13px] transition-opacity ${busy ? "opacity-60" : ""}`}
        aria-busy={busy}
        aria-label={t("table")}
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
              <td colSpan={table.getAllLeafColumns().length} className="p-0">
                {children}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr
                key={row.id}
                data-instance-id={row.original.instanceId}
                data-coverage-status={row.original.status}
                className={`align-top hover:bg-slate-50 dark:hover:bg-slate-800/50 ${
                  row.original.status === "unprotected"
                    ? "shadow-[inset_3px_0_0_0_var(--color-red-500)]"
                    : row.original.status === "at_risk"
                      ? "shadow-[inset_3px_0_0_0_var(--color-amber-500)]"
                      : ""
                }`}
              >
                {row.getAllCells().map((cell) => (
                  <td
                    key={cell.id}
                    className={`whitespace-nowrap px-1.5 py-2 first:pl-4 last:pr-4 ${cell.column.columnDef.meta?.numeric ? "text-right tabular-nums" : ""}`}
                  >
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
