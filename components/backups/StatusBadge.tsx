"use client";

import {
  CircleCheck,
  CircleDashed,
  CircleMinus,
  CircleQuestionMark,
  CircleX,
  Clock,
  LoaderCircle,
  Trash,
} from "lucide-react";
import type { BackupStatus } from "@/lib/inventory/model";
import { useLabels, useT } from "../i18n";

const STYLES: Record<BackupStatus, { className: string; Icon: typeof CircleCheck }> = {
  completed: {
    className:
      "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/30",
    Icon: CircleCheck,
  },
  // Solid: a failed backup must catch the eye in a page of green.
  failed: {
    className: "bg-red-600 text-white ring-red-700 dark:bg-red-500 dark:text-white dark:ring-red-400",
    Icon: CircleX,
  },
  in_progress: {
    className: "bg-sky-50 text-sky-800 ring-sky-600/20 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-400/30",
    Icon: LoaderCircle,
  },
  pending: {
    className:
      "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/30",
    Icon: Clock,
  },
  deleting: {
    className:
      "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-500/15 dark:text-slate-300 dark:ring-slate-400/30",
    Icon: Trash,
  },
  expired: {
    className:
      "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-500/15 dark:text-slate-300 dark:ring-slate-400/30",
    Icon: CircleMinus,
  },
  deleted: {
    className:
      "bg-slate-100 text-slate-600 ring-slate-500/20 dark:bg-slate-500/15 dark:text-slate-400 dark:ring-slate-400/30",
    Icon: CircleDashed,
  },
  unknown: {
    className:
      "bg-violet-50 text-violet-800 ring-violet-600/20 dark:bg-violet-500/10 dark:text-violet-300 dark:ring-violet-400/30",
    Icon: CircleQuestionMark,
  },
};

/** A backup's normalised status; the cloud's own word is in the title. */
export function StatusBadge({ status, rawStatus }: { status: BackupStatus; rawStatus?: string }) {
  const { className, Icon } = STYLES[status];
  const t = useT("dashboard");
  const labels = useLabels();
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${className}`}
      title={rawStatus ? t("status.reportedAs", { status: rawStatus }) : undefined}
      data-status={status}
    >
      <Icon aria-hidden="true" className="size-3.5 shrink-0" />
      {labels.status(status)}
    </span>
  );
}
