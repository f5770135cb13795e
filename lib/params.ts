import { z } from "zod/mini";

/**
 * The query-parameter rules every route shares: lists, free text, instants, paging, sort, flags, and the parser
 * that reads search params into a schema (a parameter given twice or unknown is an issue). Browser-safe: the
 * pages parse their URLs with the same schemas.
 *
 * Written with `zod/mini`, whose functions tree-shake: the browser parses the URL with them and would otherwise
 * carry the whole of zod. Every check names its own message, since the browser has no locale loaded and the
 * server and the browser must word an issue alike.
 */

export type SortOrder = "asc" | "desc";

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_TEXT = 200;
export const MAX_LIST_ITEMS = 200;

const REGION_PATTERN = /^[a-z0-9-]{1,64}$/;

/** One of `values`; anything else is named in the issue. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: (issue) => `${quoted(issue.input)} is not one of ${values.join(", ")}` });
}

/** The length check of free text. */
export const maxText = () => z.maxLength(MAX_TEXT, `must be at most ${MAX_TEXT} characters long`);

/** Free text of at most MAX_TEXT characters. */
export const text = () => z.string().check(maxText());

/** A comma-separated list, split, trimmed and deduplicated, whose items each pass `item`. */
export function listParam<T extends z.core.$ZodType<unknown, string>>(item: T) {
  return z.pipe(
    z.pipe(z.string(), z.transform(splitList)),
    z.array(item).check(z.maxLength(MAX_LIST_ITEMS, `must list at most ${MAX_LIST_ITEMS} items`)),
  );
}

/** A comma-separated list whose items all belong to `values`. */
export function listOf<const T extends readonly [string, ...string[]]>(values: T) {
  return listParam(oneOf(values));
}

/** A rejected item for a message, cut short: the message echoes user input. */
export function quoted(input: unknown): string {
  const text = String(input);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function splitList(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
}

/** `+01:00` typed into a URL unencoded arrives as ` 01:00`; a space is never valid there, so read it as `+`. */
const UNENCODED_PLUS_OFFSET = / (\d{2}:\d{2})$/;

/** An ISO 8601 instant with `Z` or an offset, normalised to UTC with milliseconds. */
export const instant = z.pipe(
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((value: string) => value.replace(UNENCODED_PLUS_OFFSET, "+$1")),
    ),
    z.iso.datetime({ offset: true, error: "expected an ISO 8601 instant with Z or an offset" }),
  ),
  z.transform((value: string) => new Date(value).toISOString()),
);

/** A whole number from 1 to `max`, given as digits. */
export const positiveInt = (max: number) => {
  const range = `expected a whole number from 1 to ${max}`;
  return z.pipe(
    z.pipe(z.string().check(z.regex(/^\d{1,9}$/, "expected a whole number")), z.transform(Number)),
    z.number().check(z.minimum(1, range), z.maximum(max, range)),
  );
};

/** `0` or `1`, read as a boolean, false when absent. */
export const flagParam = () =>
  z._default(
    z.pipe(
      oneOf(["0", "1"]),
      z.transform((value: "0" | "1") => value === "1"),
    ),
    false,
  );

/** `refresh=1`: sync now (or join the sync under way) and answer once it has finished. */
export const refreshParam = flagParam();

/** Comma-separated region names. */
export const regionList = listParam(
  z.string().check(z.regex(REGION_PATTERN, { error: (issue) => `${quoted(issue.input)} is not a region name` })),
);

/** `sort`: one of `fields`, `fallback` when absent. */
export const sortParam = <const T extends readonly [string, ...string[]]>(fields: T, fallback: T[number]) =>
  z._default(oneOf(fields), fallback);

/** `order`: descending unless told otherwise. */
export const orderParam = () => z._default(oneOf(["asc", "desc"]), "desc");

/** `page` (from 1) and `pageSize` (up to MAX_PAGE_SIZE), with their defaults. */
export const pagingShape = () => ({
  page: z._default(positiveInt(Number.MAX_SAFE_INTEGER), 1),
  pageSize: z._default(positiveInt(MAX_PAGE_SIZE), DEFAULT_PAGE_SIZE),
});

/** `to` must not be earlier than `from`: the refinement of every query with a window. */
export const windowInOrder = () =>
  z.refine<{ from?: string; to?: string }>((query) => !query.from || !query.to || query.from <= query.to, {
    path: ["to"],
    error: "must not be earlier than from",
  });

export interface QueryIssue {
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: QueryIssue[] };

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * Reads search params into plain strings; a parameter given twice is an issue, not a silent pick. A map, so that
 * a name such as `__proto__` or `toString` is a parameter like any other, never something an object inherits.
 */
function flatten(input: SearchParamsInput): { values: Map<string, string>; issues: QueryIssue[] } {
  const entries: [string, string][] = [];
  if (input instanceof URLSearchParams) entries.push(...input.entries());
  else
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) entries.push([key, item]);
    }
  const values = new Map<string, string>();
  const issues: QueryIssue[] = [];
  for (const [key, value] of entries) {
    if (values.has(key)) issues.push({ path: key, message: "given more than once" });
    // Empty parameters mean "not set", as HTML forms send them.
    else if (value !== "") values.set(key, value);
  }
  return { values, issues };
}

export interface ParseOptions {
  /**
   * Whether a parameter the schema does not know is an issue. The API rejects them, so that a typo such as
   * `pagesize` is not silently ignored; the page ignores them, so that links with extra tracking parameters work.
   */
  unknown?: "reject" | "ignore";
}

export function parseQuery<S extends z.ZodMiniObject>(
  schema: S,
  input: SearchParamsInput,
  { unknown = "reject" }: ParseOptions = {},
): ParseResult<z.output<S>> {
  const { values, issues } = flatten(input);
  const knownKeys = new Set(Object.keys(schema.shape));
  const relevantIssues = issues.filter((issue) => knownKeys.has(issue.path));
  if (unknown === "reject")
    for (const key of values.keys())
      if (!knownKeys.has(key)) relevantIssues.push({ path: key, message: "unknown parameter" });
  // Only the schema's own parameters go on: the others are rejected above, or ignored.
  const parsed = schema.safeParse(Object.fromEntries([...values].filter(([key]) => knownKeys.has(key))));
  const all = [
    ...relevantIssues,
    ...(parsed.success
      ? []
      : // The path is the parameter's name, also for one bad item of a list (the message names the item).
        parsed.error.issues.map((issue) => ({ path: String(issue.path[0] ?? ""), message: issue.message }))),
  ];
  if (all.length > 0 || !parsed.success) return { ok: false, issues: all };
  return { ok: true, value: parsed.data };
}

/** The shortest search string for any query of this API: values equal to `defaults` and empty lists are left out. */
export function searchParamsOf(query: object, defaults: Readonly<Record<string, unknown>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (key in defaults && defaults[key] === value) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(","));
    } else if (typeof value === "boolean") {
      if (value) params.set(key, "1");
    } else params.set(key, String(value));
  }
  return params;
}
