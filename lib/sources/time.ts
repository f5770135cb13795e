/**
 * The time formats of the backup APIs, read into ISO 8601 UTC (`Date#toISOString`, always with milliseconds and
 * `Z`) and written as request parameters. Parsers return undefined for anything malformed, including impossible
 * calendar dates such as 2021-02-30, so that a bad record becomes a problem instead of a wrong row.
 */

const MINUTE_MS = 60_000;

/** `yyyy-mm-ddThh:mm:ss[.fraction](Z|±hhmm|±hh:mm)`: TaurusDB and RDS `begin_time`/`end_time`, DCS ISO times. */
const OFFSET_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;
/** `yyyy-mm-dd hh:mm:ss`, whose zone is given elsewhere (TaurusDB `time_zone`) or is UTC (some DCS docs). */
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
/** `Z`, `±hhmm` or `±hh:mm`. */
const OFFSET = /^(?:Z|([+-])(\d{2}):?(\d{2}))$/;
/** TaurusDB `time_zone`: `UTC`, `UTC+08:00`, `UTC-03:00`. */
const UTC_ZONE = /^UTC(?:([+-])(\d{2}):(\d{2}))?$/;

/** Minutes east of UTC for `Z`, `±hhmm`, `±hh:mm`; undefined when malformed. */
export function offsetMinutes(offset: string): number | undefined {
  const m = OFFSET.exec(offset);
  if (!m) return undefined;
  return m[1] === undefined ? 0 : signedMinutes(m[1], m[2], m[3]);
}

/** Minutes east of UTC for a TaurusDB `time_zone` such as `UTC+08:00`; undefined when malformed. */
export function utcZoneMinutes(zone: string): number | undefined {
  const m = UTC_ZONE.exec(zone);
  if (!m) return undefined;
  return m[1] === undefined ? 0 : signedMinutes(m[1], m[2], m[3]);
}

function signedMinutes(sign: string, hours: string, minutes: string): number | undefined {
  const h = Number(hours);
  const min = Number(minutes);
  if (h > 23 || min > 59) return undefined;
  return (sign === "-" ? -1 : 1) * (h * 60 + min);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/**
 * The instant of a wall-clock reading at `offset` minutes east of UTC; undefined for impossible dates (2021-02-30)
 * and for years below 100, which Date.UTC would read as 19xx. Checked by arithmetic, with one Date for the
 * result: this runs for every time of every record.
 */
function instant(parts: string[], milliseconds: number, offset: number): string | undefined {
  const [year, month, day, hour, minute, second] = parts.map(Number);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, milliseconds) - offset * MINUTE_MS).toISOString();
}

/** `2018-08-06T12:41:14+0800` (or `Z`, `+08:00`, with or without a fraction) → `2018-08-06T04:41:14.000Z`. */
export function isoFromOffsetTime(value: string): string | undefined {
  const m = OFFSET_TIME.exec(value);
  if (!m) return undefined;
  const offset = offsetMinutes(m[8]);
  if (offset === undefined) return undefined;
  // Milliseconds are the first three digits of the fraction; finer digits are dropped (truncated).
  const milliseconds = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  return instant(m.slice(1, 7), milliseconds, offset);
}

/** `2026-01-04 17:30:30` read in `UTC+08:00` → `2026-01-04T09:30:30.000Z`. */
export function isoFromLocalTime(value: string, timeZone: string): string | undefined {
  const m = LOCAL_TIME.exec(value);
  const offset = utcZoneMinutes(timeZone);
  if (!m || offset === undefined) return undefined;
  return instant(m.slice(1, 7), 0, offset);
}

/** A DCS time: ISO with `Z` (usually with milliseconds), or `yyyy-mm-dd hh:mm:ss` in UTC. */
export function isoFromUtcTime(value: string): string | undefined {
  return LOCAL_TIME.test(value) ? isoFromLocalTime(value, "UTC") : isoFromOffsetTime(value);
}

/** Whole seconds between two ISO instants; null when either is missing or the end precedes the start. */
export function durationSeconds(startedAt: string, endedAt: string | null): number | null {
  if (endedAt === null) return null;
  const ms = Date.parse(endedAt) - Date.parse(startedAt);
  return ms >= 0 ? Math.round(ms / 1000) : null;
}

export function floorToSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export function ceilToSecond(date: Date): Date {
  return new Date(Math.ceil(date.getTime() / 1000) * 1000);
}

function utcDigits(date: Date): string[] {
  const iso = date.toISOString();
  return [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10), iso.slice(11, 13), iso.slice(14, 16), iso.slice(17, 19)];
}

/** The `yyyy-mm-ddThh:mm:ssZ` request format with a numeric offset, in UTC: `2020-07-06T02:41:14+0000`. */
export function formatOffsetTime(date: Date): string {
  const [y, mo, d, h, mi, s] = utcDigits(date);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}+0000`;
}

/** DCS's `yyyyMMddHHmmss` request format, in UTC: `20170718235959`. */
export function formatCompactUtc(date: Date): string {
  return utcDigits(date).join("");
}
