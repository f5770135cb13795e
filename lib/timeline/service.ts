import "server-only";
import { InvalidQueryError } from "../http/errors";
import { BACKUP_STATUSES, type Backup, SERVICES } from "../inventory/model";
import { loadInventory } from "../inventory/service";
import { matchingBackups } from "../inventory/view";
import { countByDay, WindowTooLongError } from "./days";
import { MAX_TIMELINE_DAYS, type SizePoint, type Timeline } from "./model";
import type { TimelineQuery } from "./query";

const GROUP_ORDER = { status: BACKUP_STATUSES, service: SERVICES } as const;

/**
 * Backups per day of the window, from the same cached inventory and the same filter rules as `/api/backups`:
 * the days' totals add up to that route's `total` for the same filter.
 */
export async function loadTimeline(query: TimelineQuery): Promise<Timeline> {
  const { groupBy, tz, refresh, ...filter } = query;
  const inventory = await loadInventory(filter, refresh);
  const backups = [...matchingBackups(inventory.prepared, { ...filter, sort: "startedAt", order: "asc" })];
  let counted: ReturnType<typeof countByDay<Backup>>;
  try {
    counted = countByDay({
      items: backups,
      timeOf: (backup) => Date.parse(backup.startedAt),
      groupOf: (backup) => backup[groupBy],
      groupOrder: GROUP_ORDER[groupBy],
      timeZone: tz,
      from: filter.from === undefined ? undefined : Date.parse(filter.from),
      to: filter.to === undefined ? undefined : Date.parse(filter.to),
      maxDays: MAX_TIMELINE_DAYS,
    });
  } catch (error) {
    if (!(error instanceof WindowTooLongError)) throw error;
    throw new InvalidQueryError([
      { path: filter.from && filter.to ? "to" : "from", message: `${error.message}: narrow from/to` },
    ]);
  }
  return {
    days: counted.days,
    groups: counted.groups,
    groupBy,
    tz,
    total: backups.length,
    sizes: filter.instance?.length === 1 ? sizesOf(backups) : null,
    sources: inventory.sources,
    fetchedAt: inventory.fetchedAt,
  };
}

/** Completed backups with a known size, oldest first: a failed or running backup's size says nothing. */
function sizesOf(backups: readonly Backup[]): SizePoint[] {
  return backups.flatMap((backup) =>
    backup.status === "completed" && backup.sizeBytes !== null
      ? [{ id: backup.id, startedAt: backup.startedAt, sizeBytes: backup.sizeBytes, kind: backup.kind }]
      : [],
  );
}
