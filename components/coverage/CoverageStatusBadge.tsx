"use client";

import { ShieldAlert, ShieldCheck, ShieldX } from "lucide-react";
import type { CoverageReason, CoverageRow, CoverageStatus } from "@/lib/coverage/model";
import { useFormatters, useT } from "../i18n";

const STYLES: Record<CoverageStatus, { className: string; Icon: typeof ShieldCheck }> = {
  protected: {
    className:
      "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/30",
    Icon: ShieldCheck,
  },
  at_risk: {
    className:
      "bg-amber-50 text-amber-900 ring-amber-600/30 dark:bg-amber-500/10 dark:text-amber-200 dark:ring-amber-400/30",
    Icon: ShieldAlert,
  },
  // Solid: an instance nothing can restore must catch the eye.
  unprotected: {
    className: "bg-red-600 text-white ring-red-700 dark:bg-red-500 dark:text-white dark:ring-red-400",
    Icon: ShieldX,
  },
};

/** A coverage status as a badge (also the status filter's buttons use it). */
export function CoverageStatusBadge({ status }: { status: CoverageStatus }) {
  const t = useT("coverage");
  const { className, Icon } = STYLES[status];
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${className}`}
      data-coverage-status={status}
    >
      <Icon aria-hidden="true" className="size-3.5 shrink-0" />
      {t(`status.${status}`)}
    </span>
  );
}

/** Why a row is not protected: a short line per reason, the full sentence on hover and for screen readers. */
export function CoverageReasons({ row, rpoHours }: { row: CoverageRow; rpoHours: number }) {
  const t = useT("coverage");
  const { duration } = useFormatters();
  const age = duration(row.recoveryPointAgeSeconds);
  const sentence = (reason: CoverageReason) =>
    reason === "recovery_point_too_old" ? t(`reason.${reason}`, { age, rpo: rpoHours }) : t(`reason.${reason}`);
  if (row.reasons.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-slate-600 dark:text-slate-400">
      {row.reasons.map((reason) => (
        <li key={reason} title={sentence(reason)} data-reason={reason}>
          <span aria-hidden="true">
            {reason === "recovery_point_too_old" ? t(`reasonShort.${reason}`, { age }) : t(`reasonShort.${reason}`)}
          </span>
          <span className="sr-only">{sentence(reason)}</span>
        </li>
      ))}
    </ul>
  );
}
