import "server-only";

/**
 * The time formats the five APIs use. Offsets are in minutes east of UTC.
 */

const MINUTE_MS = 60_000;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** The wall-clock fields of an instant seen at an offset. */
function fields(ms: number, offsetMinutes: number) {
  const d = new Date(ms + offsetMinutes * MINUTE_MS);
  return {
    y: pad(d.getUTCFullYear(), 4),
    mo: pad(d.getUTCMonth() + 1),
    d: pad(d.getUTCDate()),
    h: pad(d.getUTCHours()),
    mi: pad(d.getUTCMinutes()),
    s: pad(d.getUTCSeconds()),
    ms: pad(d.getUTCMilliseconds(), 3),
  };
}

function offsetSign(offsetMinutes: number): { sign: string; hh: string; mm: string } {
  const abs = Math.abs(offsetMinutes);
  return { sign: offsetMinutes < 0 ? "-" : "+", hh: pad(Math.floor(abs / 60)), mm: pad(abs % 60) };
}

/** `yyyy-mm-ddThh:mm:ss+hhmm` (TaurusDB and RDS backup times and their query parameters). */
export function formatOffsetTime(ms: number, offsetMinutes: number): string {
  const f = fields(ms, offsetMinutes);
  const o = offsetSign(offsetMinutes);
  return `${f.y}-${f.mo}-${f.d}T${f.h}:${f.mi}:${f.s}${o.sign}${o.hh}${o.mm}`;
}

/** `yyyy-mm-dd hh:mm:ss` in the given offset (TaurusDB per-instance list `created`/`updated`). */
export function formatLocalTime(ms: number, offsetMinutes: number): string {
  const f = fields(ms, offsetMinutes);
  return `${f.y}-${f.mo}-${f.d} ${f.h}:${f.mi}:${f.s}`;
}

/** `UTC+08:00` (TaurusDB `time_zone`). */
export function formatUtcOffset(offsetMinutes: number): string {
  const o = offsetSign(offsetMinutes);
  return `UTC${o.sign}${o.hh}:${o.mm}`;
}

/** `yyyyMMddHHmmss` plus optional milliseconds, in the given offset (backup names, DCS query times). */
export function formatCompact(ms: number, offsetMinutes: number, withMillis = false): string {
  const f = fields(ms, offsetMinutes);
  return `${f.y}${f.mo}${f.d}${f.h}${f.mi}${f.s}${withMillis ? f.ms : ""}`;
}

function validDate(y: number, mo: number, d: number, h: number, mi: number, s: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(ms);
  return check.getUTCDate() === d && check.getUTCMonth() === mo - 1 ? ms : undefined;
}

/** Parses `yyyy-mm-ddThh:mm:ss+hhmm`; undefined when malformed. */
export function parseOffsetTime(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2})(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const offsetH = Number(m[8]);
  const offsetM = Number(m[9]);
  if (offsetH > 14 || offsetM > 59) return undefined;
  const wall = validDate(y, mo, d, h, mi, s);
  if (wall === undefined) return undefined;
  const offset = (m[7] === "-" ? -1 : 1) * (offsetH * 60 + offsetM);
  return wall - offset * MINUTE_MS;
}

/** Parses DCS `yyyyMMddHHmmss` (UTC); undefined when malformed. */
export function parseCompactUtc(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  return validDate(y, mo, d, h, mi, s);
}
