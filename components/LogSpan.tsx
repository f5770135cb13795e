"use client";

import { formatDateTime, formatSpan, formatUtc } from "./format";
import { useLocale, useT, useTimeZone } from "./i18n";

/**
 * What an incremental (log) backup covers: "covers 10:00 – 10:05", the span of log it holds, which is what a
 * point-in-time restore can reach (its two times are not how long it ran). In the browser's time zone, which the
 * server renders too (useTimeZone), so hydration changes no text; UTC on hover.
 */
export function LogSpan({ startedAt, endedAt }: { startedAt: string; endedAt: string | null }) {
  const locale = useLocale();
  const t = useT("labels");
  const timeZone = useTimeZone();
  return (
    <span
      className="tabular-nums"
      data-testid="log-span"
      title={endedAt ? `${formatUtc(startedAt)} – ${formatUtc(endedAt)}` : formatUtc(startedAt)}
    >
      {endedAt
        ? t("logSpan.covers", { span: formatSpan(startedAt, endedAt, locale, { timeZone }) })
        : t("logSpan.from", { start: formatDateTime(startedAt, locale, { timeZone }) })}
    </span>
  );
}
