import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { ReactNode } from "react";

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

/**
 * A column header of a table the server sorts: its state in `aria-sort` and an arrow, and (when the column
 * sorts) a button that toggles the order. Numbers are right-aligned.
 */
export function SortableHeader({
  sortable,
  sorted,
  numeric,
  onToggle,
  children,
}: {
  sortable: boolean;
  sorted: false | "asc" | "desc";
  numeric: boolean;
  onToggle: ((event: unknown) => void) | undefined;
  children: ReactNode;
}) {
  return (
    <th
      scope="col"
      aria-sort={sortable ? (sorted ? ARIA_SORT[sorted] : "none") : undefined}
      className={`whitespace-nowrap px-1.5 py-2 font-semibold first:pl-4 last:pr-4 ${numeric ? "text-right" : ""}`}
    >
      {sortable ? (
        <button
          type="button"
          onClick={onToggle}
          className={`-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:text-white ${sorted ? "text-slate-900 dark:text-white" : ""}`}
        >
          {children}
          {sorted === "asc" ? (
            <ArrowUp aria-hidden="true" className="size-3.5" />
          ) : sorted === "desc" ? (
            <ArrowDown aria-hidden="true" className="size-3.5" />
          ) : (
            <ArrowUpDown aria-hidden="true" className="size-3.5 opacity-40" />
          )}
        </button>
      ) : (
        children
      )}
    </th>
  );
}
