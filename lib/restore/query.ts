import { z } from "zod/mini";
import {
  instant,
  maxText,
  type ParseResult,
  parseQuery,
  refreshParam,
  type SearchParamsInput,
  searchParamsOf,
} from "../params";

/** The query of `GET /api/restore-points`: one instance and one instant, both required. Browser-safe. */

const required = (issue: { input: unknown }) => (issue.input === undefined ? "required" : undefined);

export const restoreQuerySchema = z.object({
  instance: z
    .string({ error: required })
    .check(maxText(), z.regex(/^[^,\s]+$/, "expected one instance ID")),
  at: z.pipe(z.string({ error: required }), instant),
  refresh: refreshParam,
});

export type RestoreQuery = z.output<typeof restoreQuerySchema>;

/** The finder page's view: the same two parameters, either still unset while the user picks them. */
export const restoreViewSchema = z.partial(z.pick(restoreQuerySchema, { instance: true, at: true }));

export function parseRestoreQuery(input: SearchParamsInput): ParseResult<RestoreQuery> {
  return parseQuery(restoreQuerySchema, input);
}

export function restoreSearchParams(query: Partial<RestoreQuery>): URLSearchParams {
  return searchParamsOf(query, { refresh: false });
}
