import { z } from "zod";
import {
  instant,
  MAX_TEXT,
  type ParseResult,
  parseQuery,
  refreshParam,
  type SearchParamsInput,
  searchParamsOf,
} from "../inventory/query";

/** The query of `GET /api/restore-points`: one instance and one instant, both required. Browser-safe. */

const required = (issue: { input: unknown }) => (issue.input === undefined ? "required" : undefined);

export const restoreQuerySchema = z.object({
  instance: z
    .string({ error: required })
    .max(MAX_TEXT)
    .regex(/^[^,\s]+$/, "expected one instance ID"),
  at: z.string({ error: required }).pipe(instant),
  refresh: refreshParam,
});

export type RestoreQuery = z.output<typeof restoreQuerySchema>;

export function parseRestoreQuery(input: SearchParamsInput): ParseResult<RestoreQuery> {
  return parseQuery(restoreQuerySchema, input);
}

export function restoreSearchParams(query: Partial<RestoreQuery>): URLSearchParams {
  return searchParamsOf(query, { refresh: false });
}
