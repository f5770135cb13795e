"use client";

import type { ReactNode } from "react";
import { DataGrid } from "../DataGrid";
import { useT } from "../i18n";
import type { CoverageTable } from "./coverageColumns";

/** The coverage table: one row per instance, its edge coloured by status; `children` stands in for no rows. */
export function CoverageGrid({ table, busy, children }: { table: CoverageTable; busy: boolean; children?: ReactNode }) {
  const t = useT("coverage");
  return (
    <DataGrid
      table={table}
      label={t("table")}
      busy={busy}
      rowProps={(row) => ({
        "data-instance-id": row.instanceId,
        "data-coverage-status": row.status,
        className: `align-top hover:bg-slate-50 dark:hover:bg-slate-800/50 ${
          row.status === "unprotected"
            ? "shadow-[inset_3px_0_0_0_var(--color-red-500)]"
            : row.status === "at_risk"
              ? "shadow-[inset_3px_0_0_0_var(--color-amber-500)]"
              : ""
        }`,
      })}
    >
      {children}
    </DataGrid>
  );
}
