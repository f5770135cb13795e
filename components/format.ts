/** Formatting of sizes, durations, counts and times for the dashboard. Pure functions, no React. */

/** What an absent value shows as. */
export const NONE = "—";

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB", "PB", "EB"] as const;

/** Binary multiples (KB = 1024 B, as the cloud consoles and the contract count), three significant digits. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return NONE;
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // 1023.9 KB would print as "1024 KB": move up a unit instead.
  if (value >= 1023.5 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

const countFormat = new Intl.NumberFormat("en-US");

export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** "42 s", "12 min 5 s", "2 h 13 min", "3 d 4 h": the two largest units. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return NONE;
  if (seconds < 1) return seconds === 0 ? "0 s" : "< 1 s";
  const total = Math.round(seconds);
  const parts: [number, string][] = [
    [Math.floor(total / 86_400), "d"],
    [Math.floor((total % 86_400) / 3600), "h"],
    [Math.floor((total % 3600) / 60), "min"],
    [total % 60, "s"],
  ];
  const first = parts.findIndex(([amount]) => amount > 0);
  return parts
    .slice(first, first + 2)
    .filter(([amount]) => amount > 0)
    .map(([amount, unit]) => `${amount} ${unit}`)
    .join(" ");
}

const pad = (value: number) => String(value).padStart(2, "0");

function isValidDate(date: Date): boolean {
  return !Number.isNaN(date.getTime());
}

/** "2026-11-22 08:00:00 UTC": the same everywhere, so it is what the server renders. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (!isValidDate(date)) return iso;
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** "2026-11-22 16:00" in the browser's time zone (seconds on request). */
export function formatLocal(iso: string, withSeconds = false): string {
  const date = new Date(iso);
  if (!isValidDate(date)) return iso;
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return `${day} ${time}${withSeconds ? `:${pad(date.getSeconds())}` : ""}`;
}

/** The value of an `<input type="datetime-local">` showing the instant in the browser's time zone. */
export function toDateTimeLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  return formatLocal(iso).replace(" ", "T");
}

/** An `<input type="datetime-local">` value (browser time zone) as an ISO instant; null when empty or invalid. */
export function fromDateTimeLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null;
  const date = new Date(value);
  return isValidDate(date) ? date.toISOString() : null;
}
