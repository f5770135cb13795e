import { z } from "zod/mini";
import { backupFilterShape } from "../inventory/query";
import {
  oneOf,
  type ParseResult,
  parseQuery,
  quoted,
  refreshParam,
  type SearchParamsInput,
  searchParamsOf,
  windowInOrder,
} from "../params";
import { canonicalTimeZone, isTimeZone } from "./days";
import { TIMELINE_GROUPS } from "./model";

/**
 * The `/api/timeline` query: the filters of `/api/backups` (sort and paging are not parameters here, so they are
 * rejected as unknown), `groupBy` and `tz`. Browser-safe.
 */

/** An IANA time zone name, as Intl knows it, in its canonical spelling. */
export const timeZoneParam = z.pipe(
  z
    .string()
    .check(z.refine(isTimeZone, { error: (issue) => `${quoted(issue.input)} is not an IANA time zone name` })),
  z.transform(canonicalTimeZone),
);

export const timelineQuerySchema = z
  .object({
    ...backupFilterShape,
    groupBy: z._default(oneOf(TIMELINE_GROUPS), "status"),
    tz: z._default(timeZoneParam, "UTC"),
    refresh: refreshParam,
  })
  .check(windowInOrder());

export type TimelineQuery = z.output<typeof timelineQuerySchema>;

export function parseTimelineQuery(input: SearchParamsInput): ParseResult<TimelineQuery> {
  return parseQuery(timelineQuerySchema, input);
}

export function timelineSearchParams(query: Partial<TimelineQuery>): URLSearchParams {
  return searchParamsOf(query, { groupBy: "status", tz: "UTC", presence: "current", refresh: false });
}
