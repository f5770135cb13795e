/**
 * Formatting of sizes, durations, counts and times for the dashboard, in the UI's locale (passed in, with
 * the words of that language where a format needs some). Pure functions, no React; the server render and
 * the browser give the same text for the same locale.
 */

import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import { interpolate } from "@/lib/i18n/translate";

/** What an absent value shows as. */
export const NONE = "—";

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB", "PB", "EB"] as const;

/** Intl formatters are costly to build and a page formats hundreds of values: one per locale and options. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale, fractionDigits: number | null, grouping = true): Intl.NumberFormat {
  const key = `number|${locale}|${fractionDigits}|${grouping}`;
  let format = formatters.get(key);
  if (!(format instanceof Intl.NumberFormat)) {
    format = new Intl.NumberFormat(locale, {
      useGrouping: grouping,
      ...(fractionDigits === null
        ? {}
        : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }),
    });
    formatters.set(key, format);
  }
  return format;
}

/**
 * Binary multiples (KB = 1024 B, as the cloud consoles and docs/api.md count), three significant digits,
 * the number in the locale's notation; the units are the same in every language. The number never takes four
 * digits: from 1000 of a unit it is written in the next one ("0.98 GB", not "1003 MB"), so sizes side by side
 * read alike.
 */
export function formatBytes(bytes: number | null, locale: Locale): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return NONE;
  let value = bytes;
  let unit = 0;
  // 999.5 and above would round to four digits.
  while (value >= 999.5 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${numberFormat(locale, 0, false).format(Math.round(value))} B`;
  // Digits by the rounded value, so that 99.96 shows as "100", not "100.0".
  const digits = value >= 99.95 ? 0 : value >= 9.995 ? 1 : 2;
  return `${numberFormat(locale, digits, false).format(value)} ${BYTE_UNITS[unit]}`;
}

/** A share in percent, given 0 to 100 ("45.5%", "100%"), the locale's way. */
export function formatPercent(percent: number, locale: Locale): string {
  const key = `percent|${locale}`;
  let format = formatters.get(key);
  if (!(format instanceof Intl.NumberFormat)) {
    format = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
    formatters.set(key, format);
  }
  return format.format(percent / 100);
}

/** A whole number with the locale's grouping ("1,234,567"). */
export function formatCount(value: number, locale: Locale): string {
  return numberFormat(locale, null).format(value);
}

/** The words of a duration's units, `{count}` to fill: the `labels.duration` messages of the locale. */
export type DurationUnits = Messages["labels"]["duration"];

/** "42 s", "12 min 5 s", "2 h 13 min" ("2 小时 13 分钟"), "3 d 4 h": the two largest units. */
export function formatDuration(seconds: number | null, locale: Locale, units: DurationUnits): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return NONE;
  if (seconds < 1) return seconds === 0 ? interpolate(units.seconds, { count: 0 }) : units.underASecond;
  const total = Math.round(seconds);
  const parts = [
    { amount: Math.floor(total / 86_400), unit: units.days },
    { amount: Math.floor((total % 86_400) / 3600), unit: units.hours },
    { amount: Math.floor((total % 3600) / 60), unit: units.minutes },
    { amount: total % 60, unit: units.seconds },
  ];
  const first = parts.findIndex(({ amount }) => amount > 0);
  return parts
    .slice(first, first + 2)
    .filter(({ amount }) => amount > 0)
    .map(({ amount, unit }) => interpolate(unit, { count: numberFormat(locale, null).format(amount) }))
    .join(" ");
}

const pad = (value: number) => String(value).padStart(2, "0");

function isValidDate(date: Date): boolean {
  return !Number.isNaN(date.getTime());
}

/** "2026-11-22 08:00:05 UTC": the same everywhere and in every language, so it is what the server renders. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (!isValidDate(date)) return iso;
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

function dateTimeFormat(locale: Locale, withSeconds: boolean, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `date|${locale}|${withSeconds}|${timeZone}`;
  let format = formatters.get(key);
  if (!(format instanceof Intl.DateTimeFormat)) {
    format = new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      ...(withSeconds ? { second: "2-digit" } : {}),
      hourCycle: "h23",
      timeZone,
    });
    formatters.set(key, format);
  }
  return format;
}

/**
 * "Nov 22, 2026, 16:00" / "2026年11月22日 16:00": an instant in the locale's words, in `timeZone` (the
 * browser's own when not given, which the server does not know: render it after hydration).
 */
export function formatDateTime(
  iso: string,
  locale: Locale,
  { withSeconds = false, timeZone }: { withSeconds?: boolean; timeZone?: string } = {},
): string {
  const date = new Date(iso);
  if (!isValidDate(date)) return iso;
  return dateTimeFormat(locale, withSeconds, timeZone).format(date);
}

function spanEndFormat(locale: Locale, withDate: boolean, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `span|${locale}|${withDate}|${timeZone}`;
  let format = formatters.get(key);
  if (!(format instanceof Intl.DateTimeFormat)) {
    format = new Intl.DateTimeFormat(locale, {
      ...(withDate ? { month: "short", day: "numeric" } : {}),
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
    });
    formatters.set(key, format);
  }
  return format;
}

/** Between the two ends of a span: an en dash, spaced in English, as each language writes ranges. */
const SPAN_DASH: Record<Locale, string> = { en: " – ", "zh-CN": "–" };

/**
 * The span of log an incremental backup holds: "10:00 – 10:05" when both ends fall on one day in `timeZone`
 * (the browser's when not given), "Nov 22, 23:55 – Nov 23, 00:05" otherwise. Each end is formatted on its own and
 * joined here: Intl's `formatRange` spaces the dash with thin spaces in Node.js's ICU and with plain ones in
 * Chromium's, and a server-rendered span would then never match the browser's at hydration.
 */
export function formatSpan(
  startIso: string,
  endIso: string,
  locale: Locale,
  { timeZone }: { timeZone?: string } = {},
): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (!isValidDate(start) || !isValidDate(end) || end < start) return `${startIso} – ${endIso}`;
  const day = dateTimeFormat(locale, false, timeZone);
  const dateOf = (date: Date) =>
    day
      .formatToParts(date)
      .filter((part) => part.type === "year" || part.type === "month" || part.type === "day")
      .map((part) => part.value)
      .join("-");
  const format = spanEndFormat(locale, dateOf(start) !== dateOf(end), timeZone);
  return `${format.format(start)}${SPAN_DASH[locale]}${format.format(end)}`;
}

/** The value of an `<input type="datetime-local">` showing the instant in the browser's time zone. */
export function toDateTimeLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (!isValidDate(date)) return "";
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** An `<input type="datetime-local">` value (browser time zone) as an ISO instant; null when empty or invalid. */
export function fromDateTimeLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null;
  const date = new Date(value);
  return isValidDate(date) ? date.toISOString() : null;
}

const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>();

/**
 * How long ago something happened, `elapsedMs` before now, in the locale's words ("2 minutes ago", "2分钟前"):
 * minutes under an hour, hours under a day, then days. Null under a minute (the caller says "just now").
 */
export function formatAgo(elapsedMs: number, locale: Locale): string | null {
  const minutes = Math.floor(elapsedMs / 60_000);
  if (minutes < 1) return null;
  let format = relativeFormats.get(locale);
  if (!format) relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" })));
  if (minutes < 60) return format.format(-minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return format.format(-hours, "hour");
  return format.format(-Math.floor(hours / 24), "day");
}
