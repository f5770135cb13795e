/**
 * The text rules of the inventory's queries, made into values a database compares byte by byte (DuckDB's and
 * PostgreSQL's `C` collation), so that no order depends on a server's locale:
 * - text sorts case-insensitively first (JavaScript's `toLowerCase`, UTF-16 code units), then by its exact code
 *   units: the store keeps a lower-cased sort key per text column and breaks its ties by the text itself;
 * - search is a case-insensitive substring of one of the searchable fields.
 * Lower-casing happens here, in JavaScript, for the stored keys and the query alike: SQL's `lower()` differs
 * from `toLowerCase` for some characters.
 */

/** Code-unit order: `localeCompare` would make the order depend on the runtime's locale data. */
export function compareCodeUnits(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

const AT_OR_ABOVE_SURROGATES = /[\ud800-\uffff]/;

/**
 * A string whose code-point (UTF-8 byte) order is the UTF-16 code-unit order of `text`. The two orders differ only
 * where a character from U+E000 to U+FFFF meets one above U+FFFF (a surrogate pair, which UTF-16 puts first), so
 * every code unit from U+D800 up is moved 0x800 higher: surrogates land on U+E000–U+E7FF, U+E000–U+FFFF on
 * U+E800–U+107FF. Text without such characters (nearly all) is returned as it is.
 */
export function codeUnitOrderKey(text: string): string {
  if (!AT_OR_ABOVE_SURROGATES.test(text)) return text;
  let key = "";
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    key += unit < 0xd800 ? text[index] : String.fromCodePoint(unit + 0x800);
  }
  return key;
}

/** The sort key of a text column: lower-cased, in code-unit order; null stays null (it sorts last). */
export function sortKey(text: string | null): string | null {
  return text === null ? null : codeUnitOrderKey(text.toLowerCase());
}

/**
 * Joins the lower-cased searchable fields. The separator is an upper-case letter, which lower-cased text never
 * contains, nor a lower-cased query: so a match can never span two fields, whatever the fields or the query hold.
 */
export const SEARCH_SEPARATOR = "A";

export function searchText(fields: readonly (string | null)[]): string {
  return fields.map((field) => (field ?? "").toLowerCase()).join(SEARCH_SEPARATOR);
}

/** The query's needle as the store compares it with `searchText`. */
export function searchNeedle(q: string): string {
  return q.toLowerCase();
}
