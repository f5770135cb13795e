"use client";

import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight } from "lucide-react";
import type { ReactNode } from "react";
import type { RowData } from "@tanstack/react-table";
import type { GridTable } from "./DataGrid";
import { formatCount } from "./format";
import { useLocale, useT } from "./i18n";

const PAGE_SIZES = [25, 50, 100, 200];

function PageButton({
  label,
  disabled,
  onClick,
  children,
}: {
  label: string;
  disabled: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className="inline-flex size-8 items-center justify-center rounded-md border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      {children}
    </button>
  );
}

/** What the pager needs of a table: its paging state and moves (any table with row paging has them). */
export type PagedTable = Pick<
  GridTable<RowData>,
  | "setPageSize"
  | "getCanPreviousPage"
  | "getCanNextPage"
  | "getCanLastPage"
  | "firstPage"
  | "previousPage"
  | "nextPage"
  | "lastPage"
> & { state: Pick<GridTable<RowData>["state"], "pagination"> };

/** The page on screen, as the API answered it (BackupPage, CoveragePage). */
export interface ShownPage {
  page: number;
  pageSize: number;
  total: number;
  items: readonly unknown[];
}

/**
 * "Rows x–y of N", the page size and first/previous/next/last. The moves drive the table's (server) paging, which
 * follows the URL at once; the range and the page number describe the rows on screen, so that while the next page
 * loads (the previous one still shown) the pager keeps the old range rather than mixing the new page's position
 * with the old page's rows, and says it is loading.
 */
export function Pagination({ table, shown, loading }: { table: PagedTable; shown: ShownPage; loading: boolean }) {
  const { pageSize } = table.state.pagination;
  const t = useT("dashboard");
  const locale = useLocale();
  const count = (value: number) => formatCount(value, locale);
  const strong = (value: number) => (
    <span className="font-medium text-slate-900 tabular-nums dark:text-slate-100">{count(value)}</span>
  );
  const { total } = shown;
  const first = (shown.page - 1) * shown.pageSize + 1;
  const last = first + shown.items.length - 1;
  const pageCount = Math.max(Math.ceil(total / shown.pageSize), 1);
  // A size given in the URL (the API allows up to 1000) stays selectable.
  const sizes = PAGE_SIZES.includes(pageSize) ? PAGE_SIZES : [...PAGE_SIZES, pageSize].sort((a, b) => a - b);

  return (
    <nav
      aria-label={t("pagination.label")}
      aria-busy={loading}
      className="flex flex-wrap items-center justify-between gap-x-6 gap-y-3 text-sm text-slate-600 dark:text-slate-400"
    >
      <p aria-live="polite" data-testid="row-range" className={loading ? "opacity-60" : undefined}>
        {shown.items.length > 0
          ? t.rich("pagination.rows", { from: strong(first), to: strong(last), total: strong(total) })
          : t("pagination.noRows", { total: count(total) })}
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <label className="flex items-center gap-2">
          {t("pagination.pageSize")}
          <select
            value={pageSize}
            onChange={(event) => table.setPageSize(Number(event.target.value))}
            className="h-8 rounded-md border border-slate-300 bg-white px-2 text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          >
            {sizes.map((size) => (
              <option key={size} value={size}>
                {count(size)}
              </option>
            ))}
          </select>
        </label>
        <span className={`tabular-nums ${loading ? "opacity-60" : ""}`} data-testid="page-number">
          {t("pagination.page", { page: count(shown.page), pages: count(pageCount) })}
        </span>
        <div className="flex items-center gap-1">
          <PageButton
            label={t("pagination.first")}
            disabled={!table.getCanPreviousPage()}
            onClick={() => table.firstPage()}
          >
            <ChevronsLeft aria-hidden="true" className="size-4" />
          </PageButton>
          <PageButton
            label={t("pagination.previous")}
            disabled={!table.getCanPreviousPage()}
            onClick={() => table.previousPage()}
          >
            <ChevronLeft aria-hidden="true" className="size-4" />
          </PageButton>
          <PageButton label={t("pagination.next")} disabled={!table.getCanNextPage()} onClick={() => table.nextPage()}>
            <ChevronRight aria-hidden="true" className="size-4" />
          </PageButton>
          <PageButton label={t("pagination.last")} disabled={!table.getCanLastPage()} onClick={() => table.lastPage()}>
            <ChevronsRight aria-hidden="true" className="size-4" />
          </PageButton>
        </div>
      </div>
    </nav>
  );
}
