"use client";

import { PRESENCES, type Presence } from "@/lib/inventory/model";
import { useT } from "../i18n";
import { focusRing } from "../styles";

/**
 * Which backups the table lists (`presence`): those the cloud lists now, those it no longer lists (expired or
 * deleted, kept for a while with when they went), or both.
 */
export function PresenceToggle({ value, onChange }: { value: Presence; onChange: (presence: Presence) => void }) {
  const t = useT("dashboard");
  return (
    <div
      role="group"
      aria-label={t("presence.label")}
      data-testid="presence"
      className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white p-0.5 text-sm dark:border-slate-700 dark:bg-slate-900"
    >
      {PRESENCES.map((presence) => (
        <button
          key={presence}
          type="button"
          aria-pressed={value === presence}
          onClick={() => onChange(presence)}
          className={`h-full rounded px-2.5 font-medium ${focusRing} ${
            value === presence
              ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
              : "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
          }`}
        >
          {t(`presence.${presence}`)}
        </button>
      ))}
    </div>
  );
}
