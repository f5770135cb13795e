import "server-only";
import { readInventory } from "../inventory/frame";
import type { Timeline } from "./model";
import type { TimelineQuery } from "./query";

/**
 * Backups per day of the window, from the kept inventory by the filter rules of `/api/backups`: the days' totals
 * add up to that route's `total` for the same filter (`presence` included).
 */
export async function loadTimeline(query: TimelineQuery): Promise<Timeline> {
  const { refresh, ...rest } = query;
  const { store, frame } = await readInventory(query, refresh);
  return { ...(await store.timeline(rest)), ...frame };
}
