const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/**
 * The value of an `<input type="datetime-local" step="any">` showing an instant in the browser's time zone to the
 * millisecond: seconds and milliseconds only when not zero, so a typed minute reads as a minute while a restore
 * point (a backup's exact end) keeps its precision.
 */
export function toPreciseLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const minutes = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const seconds = date.getSeconds();
  const millis = date.getMilliseconds();
  if (seconds === 0 && millis === 0) return minutes;
  return `${minutes}:${pad(seconds)}${millis === 0 ? "" : `.${pad(millis, 3)}`}`;
}
