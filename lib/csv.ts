/**
 * The CSV writer of every export (docs/api.md, RFC 4180):
 *
 * - Every record, the header included, ends with CRLF (RFC 4180 line breaks; also what spreadsheets expect).
 * - A cell is quoted only when it holds a comma, a semicolon, a double quote, CR or LF; quotes inside are doubled.
 *   A semicolon is the list separator of spreadsheets in many locales: unquoted, it would start a new cell there.
 * - null is an empty cell; numbers are written as JavaScript prints them; times stay ISO 8601 UTC.
 * - Formula guard (OWASP, CSV injection): a text cell starting with `=`, `+`, `-`, `@`, tab or CR, also after
 *   leading whitespace (spreadsheets skip it), gets a leading `'`, so a spreadsheet shows it instead of running
 *   it. So does such a start right after a `;` inside a cell: where `;` separates cells, a quote in the middle
 *   of what it reads as a cell is no quote, and the text after the `;` would start a cell of its own. Number
 *   cells (a negative size) are never touched.
 *   csv-stringify's `escape_formulas` is not used: it also rewrites the full-width forms (＝＋－＠),
 *   which docs/api.md does not list, so the export would not be the documented one.
 * - No byte-order mark: the first bytes are the header row, exactly.
 */

export type CsvValue = string | number | null;

export const CSV_LINE_END = "\r\n";
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";

const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;
const FORMULA_AFTER_SEMICOLON = /;(?=[\t\r]|\s*[=+\-@])/g;
const NEEDS_QUOTES = /[",;\r\n]/;

/** One cell, quoted and formula-guarded by the rules above. */
export function csvCell(value: CsvValue): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let guarded = FORMULA_START.test(value) ? `'${value}` : value;
  if (guarded.includes(";")) guarded = guarded.replace(FORMULA_AFTER_SEMICOLON, ";'");
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** Any record of cells (a header is a record of names), by the same rules, with its line end. */
export function csvLine(cells: readonly CsvValue[]): string {
  let line = "";
  for (let index = 0; index < cells.length; index++) {
    if (index > 0) line += ",";
    line += csvCell(cells[index]);
  }
  return line + CSV_LINE_END;
}

/** `backups-20261122T080000Z.csv` for 2026-11-22T08:00:00Z: an export's download name, in UTC. */
export function csvFilename(now: Date, prefix: string): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replaceAll("-", "")
    .replaceAll(":", "");
  return `${prefix}-${stamp}.csv`;
}
