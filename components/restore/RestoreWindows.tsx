"use client";

import type { RestoreWindow } from "@/lib/restore/model";
import { formatDateTime } from "../format";
import { useFormatters, useLocale, useT, useTimeZone } from "../i18n";
import { LocalTime } from "../LocalTime";
import { focusRing } from "../styles";

/** Every span the instance can be restored to; each offers its latest point as the time to check. */
export function RestoreWindows({
  windows,
  chosen,
  onChooseTime,
}: {
  windows: RestoreWindow[];
  /** The point being checked: the window holding it is marked. */
  chosen: string | null;
  onChooseTime: (at: string) => void;
}) {
  const t = useT("restore");
  const { duration } = useFormatters();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const dateTime = (iso: string) => formatDateTime(iso, locale, { withSeconds: true, timeZone });
  const chosenMs = chosen ? Date.parse(chosen) : Number.NaN;
  return (
    <section
      aria-labelledby="restore-windows-title"
      data-testid="restore-windows"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="restore-windows-title" className="font-semibold">
        {t("windows.title")}
      </h2>
      <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{t("windows.help")}</p>
      {windows.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">{t("windows.none")}</p>
      ) : (
        <ol className="mt-3 max-h-[28rem] space-y-1.5 overflow-y-auto">
          {windows.map((window) => {
            const instant = window.from === window.until;
            const holds = Date.parse(window.from) <= chosenMs && chosenMs <= Date.parse(window.until);
            const seconds = (Date.parse(window.until) - Date.parse(window.from)) / 1000;
            return (
              <li
                key={`${window.from}/${window.until}`}
                data-from={window.from}
                data-until={window.until}
                aria-current={holds || undefined}
                className={`flex flex-wrap items-center justify-between gap-x-3 gap-y-1 rounded-md border px-3 py-2 text-sm ${
                  holds
                    ? "border-emerald-400 bg-emerald-50 dark:border-emerald-500/50 dark:bg-emerald-500/10"
                    : "border-slate-200 dark:border-slate-800"
                }`}
              >
                <span className="tabular-nums">
                  {instant
                    ? t.rich("windows.instant", { time: <LocalTime iso={window.from} withSeconds /> })
                    : t.rich("windows.span", {
                        from: <LocalTime iso={window.from} withSeconds />,
                        until: <LocalTime iso={window.until} withSeconds />,
                      })}
                  {instant ? null : (
                    <span className="ml-1 whitespace-nowrap text-xs text-slate-500 dark:text-slate-400">
                      ({duration(seconds)})
                    </span>
                  )}
                </span>
                <button
                  type="button"
                  onClick={() => onChooseTime(window.until)}
                  aria-label={t(instant ? "windows.useInstantOf" : "windows.useLatestOf", {
                    time: dateTime(window.until),
                  })}
                  className={`rounded text-xs font-medium text-blue-700 hover:underline dark:text-blue-300 ${focusRing}`}
                >
                  {instant ? t("windows.useInstant") : t("windows.useLatest")}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
