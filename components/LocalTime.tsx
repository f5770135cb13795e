"use client";

import { formatDateTime, formatUtc } from "./format";
import { useLocale } from "./i18n";
import { useHydrated } from "./useHydrated";

/**
 * An instant in the browser's time zone and the page's language, with UTC on hover. The server does not know
 * that zone, so the server render (and hydration) shows UTC and the browser switches to local time once hydrated.
 */
export function LocalTime({ iso, withSeconds = false }: { iso: string; withSeconds?: boolean }) {
  const hydrated = useHydrated();
  const locale = useLocale();
  const utc = formatUtc(iso);
  return (
    <time dateTime={iso} title={utc} className="tabular-nums">
      {hydrated ? formatDateTime(iso, locale, { withSeconds }) : utc}
    </time>
  );
}
