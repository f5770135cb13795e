import { startOfDay } from "@/lib/timeline/days";

/** The calendar day after `date` (`YYYY-MM-DD`), by plain date arithmetic: no zone involved. */
export function nextDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  // Not Date.UTC: it reads years 0 to 99 as 1900 to 1999.
  const next = new Date(new Date(0).setUTCFullYear(year, month - 1, day + 1));
  return `${String(next.getUTCFullYear()).padStart(4, "0")}-${String(next.getUTCMonth() + 1).padStart(2, "0")}-${String(next.getUTCDate()).padStart(2, "0")}`;
}

/**
 * The `from`/`to` filter of one calendar day in a zone: its first instant and the next day's (the backup
 * list's `to` is exclusive), ISO 8601 UTC. A day around a DST change lasts 23 or 25 hours.
 */
export function dayBounds(date: string, timeZone: string): { from: string; to: string } {
  return {
    from: new Date(startOfDay(date, timeZone)).toISOString(),
    to: new Date(startOfDay(nextDate(date), timeZone)).toISOString(),
  };
}
