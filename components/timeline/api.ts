import { z } from "zod/mini";
import { BACKUP_KINDS } from "@/lib/inventory/model";
import type { BackupFilter } from "@/lib/inventory/query";
import { TIMELINE_GROUPS, type Timeline, type TimelineGroup } from "@/lib/timeline/model";
import { timelineSearchParams } from "@/lib/timeline/query";
import { frameShape, fetchJson } from "../api";

/** The browser's side of `/api/timeline`: the answer checked against docs/api.md (zod). */

const timelineSchema = z.object({
  days: z.array(z.object({ date: z.string(), total: z.number(), counts: z.record(z.string(), z.number()) })),
  groups: z.array(z.string()),
  groupBy: z.enum(TIMELINE_GROUPS),
  tz: z.string(),
  total: z.number(),
  sizes: z.nullable(
    z.array(z.object({ id: z.string(), startedAt: z.string(), sizeBytes: z.number(), kind: z.enum(BACKUP_KINDS) })),
  ),
  ...frameShape,
}) satisfies z.ZodMiniType<Timeline>;

/** The timeline of the dashboard's filter, days counted in `tz`. */
export function timelineSearch(filter: BackupFilter, groupBy: TimelineGroup, tz: string): string {
  const { service, engine, region, instance, status, kind, trigger, from, to, q, presence } = filter;
  return timelineSearchParams({
    service,
    engine,
    region,
    instance,
    status,
    kind,
    trigger,
    from,
    to,
    q,
    presence,
    groupBy,
    tz,
  }).toString();
}

export function fetchTimeline(search: string, signal?: AbortSignal): Promise<Timeline> {
  return fetchJson(`/api/timeline${search ? `?${search}` : ""}`, timelineSchema, signal);
}
