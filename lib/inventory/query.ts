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
const MAX_TEXT = 200;
const MAX_LIST_ITEMS = 200;

const REGION_PATTERN = /^[a-z0-9-]{1,64}$/;

/** A comma-separated list whose items all belong to `values`. */
function listOf<const T extends readonly [string, ...string[]]>(values: T) {
  const item = z.enum(values, { error: (issue) => `${quoted(issue.input)} is not one of ${values.join(", ")}` });
  return z
    .string()
    .transform((raw) => splitList(raw))
    .pipe(z.array(item).max(MAX_LIST_ITEMS));
}

/** A rejected item for a message, cut short: the message echoes user input. */
function quoted(input: unknown): string {
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

const instant = z
  .string()
  .transform((value) => value.replace(UNENCODED_PLUS_OFFSET, "+$1"))
  .pipe(z.iso.datetime({ offset: true, message: "expected an ISO 8601 instant with Z or an offset" }))
  .transform((value) => new Date(value).toISOString());

const positiveInt = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, "expected a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));

/** `refresh=1` bypasses the server's cache. */
const refreshParam = z
  .enum(["0", "1"])
  .transform((value) => value === "1")
  .default(false);

export const backupQuerySchema = z
  .object({
    service: listOf(SERVICES).optional(),
    engine: listOf(ENGINES).optional(),
    region: z
      .string()
      .transform(splitList)
      .pipe(
        z
          .array(z.string().regex(REGION_PATTERN, { error: (issue) => `${quoted(issue.input)} is not a region name` }))
          .max(MAX_LIST_ITEMS),
      )
      .optional(),
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
    sort: z.enum(SORT_FIELDS).default("startedAt"),
    order: z.enum(["asc", "desc"]).default("desc"),
    page: positiveInt(Number.MAX_SAFE_INTEGER).default(1),
    pageSize: positiveInt(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    refresh: refreshParam,
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ["to"],
    message: "must not be earlier than from",
  });

export type BackupQuery = z.output<typeof backupQuerySchema>;
export type BackupFilter = Omit<BackupQuery, "sort" | "order" | "page" | "pageSize" | "refresh">;

export interface QueryIssue {
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: QueryIssue[] };

type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

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
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (key in DEFAULTS && DEFAULTS[key as keyof typeof DEFAULTS] === value) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(","));
    } else if (typeof value === "boolean") {
      if (value) params.set(key, "1");
    } else params.set(key, String(value));
  }
  return params;
}
