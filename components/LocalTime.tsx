"use client";

import { formatDateTime, formatUtc } from "./format";
import { useLocale, useTimeZone } from "./i18n";

/**
 * An instant in the browser's time zone and the page's language, with UTC on hover. The server renders it in the
 * zone the browser told it (UTC on a first visit), in the same format, so hydration changes no text (useTimeZone).
 */
export function LocalTime({ iso, withSeconds = false }: { iso: string; withSeconds?: boolean }) {
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <time dateTime={iso} title={formatUtc(iso)} className="tabular-nums">
      {formatDateTime(iso, locale, { withSeconds, timeZone })}
    </time>
  );
}
