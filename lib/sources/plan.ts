import type { Backup, BackupKind } from "../inventory/model";
import { ceilToSecond, floorToSecond, formatOffsetTime } from "./time";
import type { FetchPlan } from "./types";

/**
 * What a plan means for the calls to make: which kinds and instances to ask for, and the query window pushed
 * upstream. A pushed window is always a superset of what the plan keeps (`from <= startedAt < to`): the APIs
 * take whole seconds, so the start is rounded down and the end up.
 */

/** How far our clock may be behind the cloud's: the API gateway refuses signatures more than 15 minutes off. */
export const CLOCK_SKEW_MS = 15 * 60_000;

export function wantsKind(plan: FetchPlan, kind: BackupKind): boolean {
  return plan.kinds === undefined || plan.kinds.includes(kind);
}

/** The listed instances whose backups the plan asks for. */
export function selectInstances<T extends { id: string }>(plan: FetchPlan, instances: readonly T[]): T[] {
  const wanted = plan.instanceIds;
  return wanted === undefined ? [...instances] : instances.filter((instance) => wanted.includes(instance.id));
}

/**
 * False when no backup can match, so no backup list is worth calling: an empty window (`from >= to`), or one
 * that opens after `now` (no backup has started in the future).
 */
export function windowCanMatch(plan: FetchPlan, now: Date): boolean {
  if (plan.from && plan.to && plan.from >= plan.to) return false;
  return !(plan.from && plan.from > now);
}

export function matchesPlan(backup: Backup, plan: FetchPlan): boolean {
  if (!wantsKind(plan, backup.kind)) return false;
  if (plan.instanceIds && !plan.instanceIds.includes(backup.instanceId)) return false;
  const startedAt = Date.parse(backup.startedAt);
  if (plan.from && startedAt < plan.from.getTime()) return false;
  return !(plan.to && startedAt >= plan.to.getTime());
}

export interface PairedWindow {
  begin: Date;
  end: Date;
}

/**
 * The window for APIs that take `begin_time` and `end_time` only together (TaurusDB, RDS). Without `from`
 * nothing is pushed (a made-up start could be refused). Without `to`, the end is `now` plus the largest clock
 * skew the gateway lets through, unless `notAfterNow` (TaurusDB's full-backup list refuses ends after now):
 * then the end is clamped to `now`, rounded down. When clamping leaves no valid window (`from` within the
 * current second), nothing is pushed.
 */
export function pairedWindow(plan: FetchPlan, now: Date, options: { notAfterNow: boolean }): PairedWindow | undefined {
  if (!plan.from) return undefined;
  const begin = floorToSecond(plan.from);
  let end = ceilToSecond(plan.to ?? new Date(now.getTime() + CLOCK_SKEW_MS));
  if (options.notAfterNow) {
    const latest = floorToSecond(now);
    if (end > latest) end = latest;
  }
  return end > begin ? { begin, end } : undefined;
}

/** A paired window as the TaurusDB and RDS lists take it: `begin_time` and `end_time` together, or neither. */
export function pairedWindowQuery(window: PairedWindow | undefined): { begin_time?: string; end_time?: string } {
  return window ? { begin_time: formatOffsetTime(window.begin), end_time: formatOffsetTime(window.end) } : {};
}

/** The window for APIs whose bounds are independent (DCS): each bound that the plan sets, rounded outward. */
export function openWindow(plan: FetchPlan): { begin?: Date; end?: Date } {
  return {
    ...(plan.from ? { begin: floorToSecond(plan.from) } : {}),
    ...(plan.to ? { end: ceilToSecond(plan.to) } : {}),
  };
}
