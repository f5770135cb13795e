"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { ReactNode } from "react";
import { useT } from "../i18n";
import type { CoverageTable } from "./coverageColumns";

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

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
              {group.headers.map((header) => {
                const { column } = header;
                const sorted = column.getIsSorted();
                const numeric = column.columnDef.meta?.numeric ?? false;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={column.getCanSort() ? (sorted ? ARIA_SORT[sorted] : "none") : undefined}
                    className={`whitespace-nowrap px-2 py-2 font-semibold first:pl-4 last:pr-4 ${numeric ? "text-right" : ""}`}
                  >
                    {column.getCanSort() ? (
                      <button
                        type="button"
                        onClick={column.getToggleSortingHandler()}
                        className={`-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:text-white ${sorted ? "text-slate-900 dark:text-white" : ""}`}
                      >
                        <table.FlexRender header={header} />
                        {sorted === "asc" ? (
                          <ArrowUp aria-hidden="true" className="size-3.5" />
                        ) : sorted === "desc" ? (
                          <ArrowDown aria-hidden="true" className="size-3.5" />
                        ) : (
                          <ArrowUpDown aria-hidden="true" className="size-3.5 opacity-40" />
                        )}
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
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
                    className={`whitespace-nowrap px-2 py-2 first:pl-4 last:pr-4 ${cell.column.columnDef.meta?.numeric ? "text-right tabular-nums" : ""}`}
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
