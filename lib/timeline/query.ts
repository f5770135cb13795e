import { z } from "zod";
import {
  backupFilterShape,
  type ParseResult,
  parseQuery,
  quoted,
  refreshParam,
  type SearchParamsInput,
  searchParamsOf,
  WINDOW_ORDER_ISSUE,
  windowInOrder,
} from "../inventory/query";
import { canonicalTimeZone } from "./days";
import { TIMELINE_GROUPS } from "./model";

/**
 * The `/api/timeline` query: the filters of `/api/backups` (sort and paging are not parameters here, so they are
 * rejected as unknown), `groupBy` and `tz`. Browser-safe.
 */

const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** An IANA time zone name, as Intl knows it, in its canonical spelling. */
export const timeZoneParam = z.string().transform((name, ctx) => {
  if (name.length <= 64 && IANA_NAME.test(name))
    try {
      return canonicalTimeZone(name);
    } catch {
      // Not a zone Intl knows: reported below.
    }
  ctx.addIssue({ code: "custom", message: `${quoted(name)} is not an IANA time zone name` });
  return z.NEVER;
});

export const timelineQuerySchema = z
  .object({
    ...backupFilterShape,
    groupBy: z.enum(TIMELINE_GROUPS).default("status"),
    tz: timeZoneParam.default("UTC"),
    refresh: refreshParam,
  })
  .refine(windowInOrder, WINDOW_ORDER_ISSUE);

export type TimelineQuery = z.output<typeof timelineQuerySchema>;

export function parseTimelineQuery(input: SearchParamsInput): ParseResult<TimelineQuery> {
  return parseQuery(timelineQuerySchema, input);
}

export function timelineSearchParams(query: Partial<TimelineQuery>): URLSearchParams {
  return searchParamsOf(query, { groupBy: "status", tz: "UTC", refresh: false });
}
