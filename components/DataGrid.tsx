"use client";

import {
  type ColumnVisibilityState,
  columnVisibilityFeature,
  functionalUpdate,
  metaHelper,
  type ReactTable,
  type RowData,
  rowPaginationFeature,
  rowSortingFeature,
  type TableOptions,
  tableFeatures,
  type Updater,
  useTable,
} from "@tanstack/react-table";
import { type ComponentProps, type ReactNode, useMemo } from "react";
import { SortableHeader } from "./SortableHeader";

export interface GridColumnMeta {
  /** The name in the column menu (the header may be shorter); the column's id where missing. */
  label?: string;
  /** Numbers are right-aligned. */
  numeric?: boolean;
}

/** Sorting and paging happen on the server (manual); the table keeps their state and draws the page. */
export const gridFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnVisibilityFeature,
  columnMeta: metaHelper<GridColumnMeta>(),
});

export type GridFeatures = typeof gridFeatures;
export type GridTable<TData extends RowData> = ReactTable<GridFeatures, TData>;

/** The part of a view that the table shows: the server's sort and page. */
export interface GridView<S extends string> {
  sort: S;
  order: "asc" | "desc";
  page: number;
  pageSize: number;
}

/**
 * The table of one page of a view: sorting and paging state come from the view, and a header click or a pager move
 * asks `show` for the next view (a new sort starts at page 1). A sortable column's id is the API's sort field.
 */
export function useGridTable<TData extends RowData, S extends string>({
  view,
  sortFields,
  show,
  columns,
  rows,
  total,
  getRowId,
  columnVisibility,
  onColumnVisibilityChange,
}: {
  view: GridView<S>;
  sortFields: readonly S[];
  show: (change: Partial<GridView<S>>) => void;
  columns: TableOptions<GridFeatures, TData>["columns"];
  rows: TData[];
  total: number;
  getRowId: (item: TData) => string;
  columnVisibility?: ColumnVisibilityState;
  onColumnVisibilityChange?: (updater: Updater<ColumnVisibilityState>) => void;
}): GridTable<TData> {
  const sorting = useMemo(() => [{ id: view.sort, desc: view.order === "desc" }], [view.sort, view.order]);
  const pagination = useMemo(
    () => ({ pageIndex: view.page - 1, pageSize: view.pageSize }),
    [view.page, view.pageSize],
  );
  const isSortField = (id: string): id is S => (sortFields as readonly string[]).includes(id);
  return useTable({
    features: gridFeatures,
    columns,
    data: rows,
    getRowId,
    rowCount: total,
    manualSorting: true,
    manualPagination: true,
    autoResetPageIndex: false,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: columnVisibility ? { sorting, pagination, columnVisibility } : { sorting, pagination },
    onSortingChange: (updater) => {
      const [next] = functionalUpdate(updater, sorting);
      if (next && isSortField(next.id)) show({ sort: next.id, order: next.desc ? "desc" : "asc", page: 1 });
    },
    onPaginationChange: (updater) => {
      const next = functionalUpdate(updater, pagination);
      show({ page: next.pageIndex + 1, pageSize: next.pageSize });
    },
    onColumnVisibilityChange,
  });
}

/**
 * A table the server sorts and pages: sortable headers, then one row per item of the page, each row's attributes
 * from `rowProps`. `children` replaces the body when there is nothing to list.
 */
export function DataGrid<TData extends RowData>({
  table,
  label,
  busy,
  rowProps,
  children,
}: {
  table: GridTable<TData>;
  label: string;
  busy: boolean;
  rowProps: (item: TData, rowId: string) => Omit<ComponentProps<"tr">, "key" | "children">;
  children?: ReactNode;
}) {
  const rows = table.getRowModel().rows;
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table
        className={`w-full border-collapse text-left text-[13px] transition-opacity ${busy ? "opacity-60" : ""}`}
        aria-busy={busy}
        aria-label={label}
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
              <td colSpan={table.getVisibleLeafColumns().length} className="p-0">
                {children}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.id} {...rowProps(row.original, row.id)}>
                {row.getVisibleCells().map((cell) => (
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
