import { z } from "zod";
import { BACKUP_KINDS, BACKUP_STATUSES, BACKUP_TRIGGERS, ENGINES, SERVICES } from "./model";

/**
 * The one definition of the `/api/backups` query: parsed by the routes, the page and the browser,
 * and serialised back into URLs by the browser.
 */

export const SORT_FIELDS = [
  "startedAt",
  "endedAt",
  "sizeBytes",
  "durationSeconds",
  "name",
  "instanceName",
  "service",
  "engine",
  "status",
  "kind",
  "region",
] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortOrder = "asc" | "desc";

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_TEXT = 200;
export const MAX_LIST_ITEMS = 200;

const REGION_PATTERN = /^[a-z0-9-]{1,64}$/;

/** A comma-separated list whose items all belong to `values`. */
export function listOf<const T extends readonly [string, ...string[]]>(values: T) {
  const item = z.enum(values, { error: (issue) => `${quoted(issue.input)} is not one of ${values.join(", ")}` });
  return z
    .string()
    .transform((raw) => splitList(raw))
    .pipe(z.array(item).max(MAX_LIST_ITEMS));
}

/** A rejected item for a message, cut short: the message echoes user input. */
export function quoted(input: unknown): string {
  const text = String(input);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

export function splitList(raw: string): string[] {
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
export const instant = z
  .string()
  .transform((value) => value.replace(UNENCODED_PLUS_OFFSET, "+$1"))
  .pipe(z.iso.datetime({ offset: true, message: "expected an ISO 8601 instant with Z or an offset" }))
  .transform((value) => new Date(value).toISOString());

/** A whole number from 1 to `max`, given as digits. */
export const positiveInt = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, "expected a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));

/** `refresh=1` bypasses the server's cache. */
export const refreshParam = z
  .enum(["0", "1"])
  .transform((value) => value === "1")
  .default(false);

/** Comma-separated region names. */
export const regionList = z
  .string()
  .transform(splitList)
  .pipe(
    z
      .array(z.string().regex(REGION_PATTERN, { error: (issue) => `${quoted(issue.input)} is not a region name` }))
      .max(MAX_LIST_ITEMS),
  );

/** `to` must not be earlier than `from`: the refinement of every query with a window (with WINDOW_ORDER_ISSUE). */
export function windowInOrder(query: { from?: string; to?: string }): boolean {
  return !query.from || !query.to || query.from <= query.to;
}
export const WINDOW_ORDER_ISSUE = { path: ["to"], message: "must not be earlier than from" };

/** The filter parameters of `/api/backups`, shared with the routes that select backups the same way. */
export const backupFilterShape = {
  service: listOf(SERVICES).optional(),
  engine: listOf(ENGINES).optional(),
  region: regionList.optional(),
  instance: z
    .string()
    .transform(splitList)
    .pipe(z.array(z.string().max(MAX_TEXT)).max(MAX_LIST_ITEMS))
    .optional(),
  status: listOf(BACKUP_STATUSES).optional(),
  kind: listOf(BACKUP_KINDS).optional(),
  trigger: listOf(BACKUP_TRIGGERS).optional(),
  from: instant.optional(),
  to: instant.optional(),
  q: z.string().max(MAX_TEXT).optional(),
};

export const backupQuerySchema = z
  .object({
    ...backupFilterShape,
    sort: z.enum(SORT_FIELDS).default("startedAt"),
    order: z.enum(["asc", "desc"]).default("desc"),
    page: positiveInt(Number.MAX_SAFE_INTEGER).default(1),
    pageSize: positiveInt(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    refresh: refreshParam,
  })
  .refine(windowInOrder, WINDOW_ORDER_ISSUE);

export type BackupQuery = z.output<typeof backupQuerySchema>;
export type BackupFilter = Omit<BackupQuery, "sort" | "order" | "page" | "pageSize" | "refresh">;

export interface QueryIssue {
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: QueryIssue[] };

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** Reads search params into plain strings; a parameter given twice is an issue, not a silent pick. */
function flatten(input: SearchParamsInput): { values: Record<string, string>; issues: QueryIssue[] } {
  const entries: [string, string][] = [];
  if (input instanceof URLSearchParams) entries.push(...input.entries());
  else
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) entries.push([key, item]);
    }
  const values: Record<string, string> = {};
  const issues: QueryIssue[] = [];
  for (const [key, value] of entries) {
    if (key in values) issues.push({ path: key, message: "given more than once" });
    // Empty parameters mean "not set", as HTML forms send them.
    else if (value !== "") values[key] = value;
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

export function parseQuery<S extends z.ZodObject>(
  schema: S,
  input: SearchParamsInput,
  { unknown = "reject" }: ParseOptions = {},
): ParseResult<z.output<S>> {
  const { values, issues } = flatten(input);
  const knownKeys = Object.keys(schema.shape);
  const relevantIssues = issues.filter((issue) => knownKeys.includes(issue.path));
  if (unknown === "reject")
    for (const key of Object.keys(values))
      if (!knownKeys.includes(key)) relevantIssues.push({ path: key, message: "unknown parameter" });
  const parsed = schema.safeParse(values);
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

export function parseBackupQuery(input: SearchParamsInput, options?: ParseOptions): ParseResult<BackupQuery> {
  return parseQuery(backupQuerySchema, input, options);
}

export const instanceQuerySchema = z.object({ refresh: refreshParam });
export type InstanceQuery = z.output<typeof instanceQuerySchema>;

export function parseInstanceQuery(input: SearchParamsInput): ParseResult<InstanceQuery> {
  return parseQuery(instanceQuerySchema, input);
}

const DEFAULTS = { sort: "startedAt", order: "desc", page: 1, pageSize: DEFAULT_PAGE_SIZE, refresh: false } as const;

/** The shortest search string for a query: defaults and empty lists are left out. */
export function toSearchParams(query: Partial<BackupQuery>): URLSearchParams {
  return searchParamsOf(query, DEFAULTS);
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
