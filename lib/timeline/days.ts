/**
 * Calendar days in an IANA time zone: the days a window touches and when each starts, for the store's timeline
 * (lib/store/reads.ts counts per day in SQL between those starts). Pure, browser-safe (Intl only).
 *
 * A day is `[start of D, start of D+1)` in the zone, so a day may last 23 or 25 hours around a DST change, and a
 * day whose midnight is skipped starts at the first instant that falls on it. Day starts are found by a binary
 * search over whole minutes (every zone offset in use since 1972 is a whole number of minutes): a handful of Intl
 * calls per day.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The canonical spelling of an IANA time zone name (`asia/shanghai` → `Asia/Shanghai`); throws RangeError if unknown. */
export function canonicalTimeZone(name: string): string {
  return formatter(name).resolvedOptions().timeZone;
}

const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Whether `name` is an IANA time zone name Intl knows. */
export function isTimeZone(name: string): boolean {
  if (name.length > 64 || !IANA_NAME.test(name)) return false;
  try {
    canonicalTimeZone(name);
    return true;
  } catch {
    return false;
  }
}

/** The calendar day (`YYYY-MM-DD`) of an instant in a zone. */
export function localDate(ms: number, timeZone: string): string {
  let year = "";
  let month = "";
  let day = "";
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type === "year") year = part.value.padStart(4, "0");
    else if (part.type === "month") month = part.value;
    else if (part.type === "day") day = part.value;
  }
  return `${year}-${month}-${day}`;
}

function utcMidnight(date: string): number {
  const [year, month, day] = date.split("-").map(Number);
  // Not Date.UTC: it reads years 0 to 99 as 1900 to 1999.
  return new Date(0).setUTCFullYear(year, month - 1, day);
}

/** Every calendar day from `first` to `last`, both included (plain date arithmetic: no zone involved). */
function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let ms = utcMidnight(first); ms <= utcMidnight(last); ms += DAY_MS)
    dates.push(new Date(ms).toISOString().slice(0, 10));
  return dates;
}

/** A window touching more calendar days than allowed. */
export class WindowTooLongError extends Error {
  constructor(
    readonly days: number,
    readonly maxDays: number,
  ) {
    super(`the window spans ${days} days; at most ${maxDays} are allowed`);
    this.name = "WindowTooLongError";
  }
}

/** The first instant of a calendar day in a zone. */
export function startOfDay(date: string, timeZone: string): number {
  // Zone offsets lie within -12:00..+14:00, so local midnight of D is within these bounds of D's UTC midnight.
  let before = (utcMidnight(date) - 15 * HOUR_MS) / MINUTE_MS;
  let onOrAfter = (utcMidnight(date) + 13 * HOUR_MS) / MINUTE_MS;
  while (onOrAfter - before > 1) {
    const middle = Math.floor((before + onOrAfter) / 2);
    if (localDate(middle * MINUTE_MS, timeZone) >= date) onOrAfter = middle;
    else before = middle;
  }
  return onOrAfter * MINUTE_MS;
}

/** The calendar days an instant range touches in a zone, and when each of them starts. */
export interface DaySpan {
  dates: string[];
  /** `starts[i]`: the first instant of `dates[i]`, epoch ms. */
  starts: number[];
}

/** The days from `first`'s to `last`'s (epoch ms, both included); more than `maxDays` throws WindowTooLongError. */
export function daySpan(first: number, last: number, timeZone: string, maxDays: number): DaySpan {
  const firstDate = localDate(first, timeZone);
  const lastDate = localDate(last, timeZone);
  const span = Math.round((utcMidnight(lastDate) - utcMidnight(firstDate)) / DAY_MS) + 1;
  if (span > maxDays) throw new WindowTooLongError(span, maxDays);
  const dates = datesBetween(firstDate, lastDate);
  return { dates, starts: dates.map((date) => startOfDay(date, timeZone)) };
}

/** The groups present, in `groupOrder`; values not listed come after, in code-unit order. */
export function orderGroups(present: Iterable<string>, groupOrder: readonly string[]): string[] {
  const rank = (group: string) => {
    const index = groupOrder.indexOf(group);
    return index === -1 ? groupOrder.length : index;
  };
  return [...new Set(present)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The window of a day count: `[from, to)` when given, else from the earliest (to the latest) item's time;
 * null when there is nothing to show. Both ends included in the answer (epoch ms).
 */
export function countWindow(
  bounds: { from?: number; to?: number },
  items: { earliest: number; latest: number } | null,
): { first: number; last: number } | null {
  const first = bounds.from ?? (items ? items.earliest : bounds.to === undefined ? undefined : bounds.to - 1);
  const last = bounds.to !== undefined ? bounds.to - 1 : items ? items.latest : bounds.from;
  if (first === undefined || last === undefined || last < first) return null;
  return { first, last };
}
