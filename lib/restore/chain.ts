import type { Backup, Service } from "../inventory/model";
import {
  CHAIN_TOLERANCE_SECONDS,
  INCREMENTAL_SUPPORT,
  type NearestPoints,
  type RestorePlan,
  type RestoreWindow,
  type UnreachableReason,
} from "./model";

/**
 * Which points in time one instance's backups can restore, and with which backups. Pure: no I/O, no clock.
 *
 * A backup's recovery point is its `endedAt`; a backup without one (running, or not told) is never a base.
 * - Start points: every completed full backup, at its end; and every completed differential backup at its
 *   end, when a completed full backup had ended by the time it started (the differential's base: the latest such).
 * - Links: completed incremental backups with an end. Offsite copies (`details.offsite`: TaurusDB cross-region
 *   logs, RDS cross-region full and log backups) are neither links nor start points: they restore in the other
 *   region, not this instance. Services without incremental backups (DCS) have no links: only the start points
 *   themselves can be reached.
 * - From a start point, the chain takes links greedily: among those starting at most the tolerance after the
 *   point covered so far and ending after it, the one ending last. A point is reachable when the latest start
 *   point at or before it is followed by links up to it (or is the point itself).
 * - The latest start point is always the right base: a chain from an earlier one would have to cover the same
 *   time after it.
 */

interface Link {
  backup: Backup;
  start: number;
  /** Infinity for a link that has not ended (running, or no end known). */
  end: number;
}

interface StartPoint {
  at: number;
  base: Backup;
  differential: Backup | null;
}

/** A span of restorable points, epoch ms, both ends included. */
export interface RecoveryWindow {
  from: number;
  until: number;
}

export interface RestoreChains {
  service: Service;
  toleranceMs: number;
  /** Ascending by point; a full backup after a differential ending at the same ms. */
  starts: StartPoint[];
  /** Usable links, ascending by start. */
  links: Link[];
  /** `reachEnd[i]`: the latest end among links[0..i], to skip the links that end before a point. */
  reachEnd: Float64Array;
  /** Failed incremental backups (not offsite), ascending by start. */
  failedLinks: Link[];
  /** Incremental backups still running or waiting (not offsite). */
  openLinks: Link[];
  /** Every restorable point, as disjoint windows in ascending order. */
  windows: RecoveryWindow[];
}

export interface ChainOptions {
  /** Default CHAIN_TOLERANCE_SECONDS. */
  toleranceMs?: number;
}

const isOffsite = (backup: Backup) => backup.details.offsite === true;

function timeOf(value: string | null): number {
  return value === null ? Number.NaN : Date.parse(value);
}

/** Indexes one instance's backups (of `service`) for restore questions. */
export function prepareChains(
  backups: readonly Backup[],
  service: Service,
  { toleranceMs = CHAIN_TOLERANCE_SECONDS * 1000 }: ChainOptions = {},
): RestoreChains {
  const fulls: StartPoint[] = [];
  const differentials: { backup: Backup; start: number; end: number }[] = [];
  const links: Link[] = [];
  const failedLinks: Link[] = [];
  const openLinks: Link[] = [];
  const withIncrementals = INCREMENTAL_SUPPORT[service];
  for (const backup of backups) {
    const start = timeOf(backup.startedAt);
    const end = timeOf(backup.endedAt);
    if (Number.isNaN(start) || isOffsite(backup)) continue;
    if (backup.kind === "full") {
      if (backup.status === "completed" && !Number.isNaN(end))
        fulls.push({ at: end, base: backup, differential: null });
    } else if (backup.kind === "differential") {
      if (backup.status === "completed" && !Number.isNaN(end)) differentials.push({ backup, start, end });
    } else if (withIncrementals) {
      const link = { backup, start, end: Number.isNaN(end) ? Number.POSITIVE_INFINITY : end };
      if (backup.status === "completed" && !Number.isNaN(end)) links.push(link);
      else if (backup.status === "failed") failedLinks.push(link);
      else if (backup.status === "in_progress" || backup.status === "pending") openLinks.push(link);
    }
  }
  fulls.sort((left, right) => left.at - right.at);
  const starts: StartPoint[] = [...fulls];
  for (const differential of differentials) {
    const base = latestAtOrBefore(fulls, differential.start);
    if (base) starts.push({ at: differential.end, base: base.base, differential: differential.backup });
  }
  starts.sort(
    (left, right) => left.at - right.at || Number(left.differential === null) - Number(right.differential === null),
  );
  links.sort((left, right) => left.start - right.start);
  failedLinks.sort((left, right) => left.start - right.start);
  const reachEnd = new Float64Array(links.length);
  for (let index = 0; index < links.length; index++)
    reachEnd[index] = Math.max(index > 0 ? reachEnd[index - 1] : Number.NEGATIVE_INFINITY, links[index].end);
  const chains: RestoreChains = { service, toleranceMs, starts, links, reachEnd, failedLinks, openLinks, windows: [] };
  for (const start of starts) {
    const last = chains.windows.at(-1);
    // A start inside a window reaches exactly as far as that window: its chain is the window's from there on.
    if (last && start.at <= last.until) continue;
    chains.windows.push({ from: start.at, until: extend(chains, start.at, Number.POSITIVE_INFINITY).until });
  }
  return chains;
}

/** The last item whose `at` is at or before `point`, in a list ascending by `at`. */
function latestAtOrBefore<T extends { at: number }>(items: readonly T[], point: number): T | undefined {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (items[middle].at <= point) low = middle + 1;
    else high = middle;
  }
  return low > 0 ? items[low - 1] : undefined;
}

/** Follows the links from `from` until `target` is covered or the chain stops; `until` is how far it got. */
function extend(chains: RestoreChains, from: number, target: number): { until: number; used: Link[] } {
  const { links, reachEnd, toleranceMs } = chains;
  // Links before the first whose running maximum end passes `from` all end at or before it: useless.
  let low = 0;
  let high = links.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (reachEnd[middle] > from) high = middle;
    else low = middle + 1;
  }
  let index = low;
  let covered = from;
  const used: Link[] = [];
  while (covered < target) {
    let best: Link | undefined;
    for (; index < links.length && links[index].start <= covered + toleranceMs; index++)
      if (links[index].end > covered && (!best || links[index].end > best.end)) best = links[index];
    if (!best) break;
    used.push(best);
    covered = best.end;
  }
  return { until: covered, used };
}

function nearestPoints(windows: readonly RecoveryWindow[], point: number): NearestPoints {
  let before: number | null = null;
  let after: number | null = null;
  for (const window of windows) {
    if (window.from <= point) before = Math.min(window.until, point);
    else {
      after = window.from;
      break;
    }
  }
  return { before: isoOrNull(before), after: isoOrNull(after) };
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

function named(backup: Backup): string {
  const label = backup.kind === "incremental" ? "incremental backup" : `${backup.kind} backup`;
  return backup.name ? `${label} ${backup.name} (${backup.id})` : `${label} ${backup.id}`;
}

function minutes(ms: number): string {
  const value = Math.round(ms / 60_000);
  return `${value} minute${value === 1 ? "" : "s"}`;
}

/**
 * Whether `at` can be restored from one instance's backups (`prepareChains`), with the backups to use, or why
 * not. `now` decides what is in the future.
 */
export function findRestorePoint(chains: RestoreChains, at: Date, now: Date): RestorePlan {
  const point = at.getTime();
  const atIso = at.toISOString();
  // Nothing after now can be restored, whatever the records say.
  const nearest = nearestPoints(chains.windows, Math.min(point, now.getTime()));
  const unreachable = (reason: UnreachableReason, explanation: string): RestorePlan => ({
    reachable: false,
    at: atIso,
    reason,
    explanation,
    nearest,
  });

  if (point > now.getTime())
    return unreachable(
      "in_future",
      `${atIso} is in the future (now is ${now.toISOString()})${nearest.before ? `; the latest restorable point is ${nearest.before}` : ""}.`,
    );
  const start = latestAtOrBefore(chains.starts, point);
  if (!start)
    return unreachable(
      "no_full_before",
      chains.starts.length === 0
        ? "This instance has no successful full backup, so no point can be restored."
        : `No successful full backup had finished by ${atIso}; the earliest restorable point is ${nearest.after}.`,
    );
  const steps = [
    `Restore ${named(start.base)}, which ended at ${start.base.endedAt}`,
    ...(start.differential ? [`then ${named(start.differential)}, which ended at ${start.differential.endedAt}`] : []),
  ];
  if (start.at === point)
    return {
      reachable: true,
      at: atIso,
      base: start.base,
      differential: start.differential,
      incrementals: [],
      restoreUntil: atIso,
      explanation: `${steps.join(", ")}: exactly the requested point.`,
    };
  if (!INCREMENTAL_SUPPORT[chains.service])
    return unreachable(
      "no_incremental_support",
      `${chains.service.toUpperCase()} keeps full backups only, with no incremental backups: only the moments its ` +
        `backups finished can be restored, and ${atIso} is not one of them.${around(nearest)}`,
    );

  const { until, used } = extend(chains, start.at, point);
  if (until >= point) {
    const restoreUntil = iso(until);
    return {
      reachable: true,
      at: atIso,
      base: start.base,
      differential: start.differential,
      incrementals: used.map((link) => link.backup),
      restoreUntil,
      explanation: `${steps.join(", ")}, then apply ${used.length} incremental backup${used.length === 1 ? "" : "s"} up to ${atIso} (they reach up to ${restoreUntil}).`,
    };
  }

  const stopped = iso(until);
  const bridges = (link: Link) => link.start <= until + chains.toleranceMs && link.end > until;
  const failed = chains.failedLinks.find(bridges);
  if (failed)
    return unreachable(
      "failed_link",
      `The incremental chain after ${named(start.differential ?? start.base)} stops at ${stopped}: the next link, ` +
        `${named(failed.backup)} started at ${failed.backup.startedAt}, failed.${resumes(nearest)}`,
    );
  const resumed = chains.links.find((link) => link.start > until + chains.toleranceMs);
  if (resumed || nearest.after)
    return unreachable(
      "chain_gap",
      `The incremental chain after ${named(start.differential ?? start.base)} stops at ${stopped} and ` +
        (resumed
          ? `the next incremental backup starts only at ${resumed.backup.startedAt}, ${minutes(resumed.start - until)} later (more than the ${minutes(chains.toleranceMs)} tolerated).`
          : "no incremental backup follows it.") +
        resumes(nearest),
    );
  const open = chains.openLinks.find(bridges);
  return unreachable(
    "after_latest_backup",
    `${atIso} is after the newest restorable point of this instance, ${stopped}: ` +
      (open
        ? `${named(open.backup)}, which would cover it, is still ${open.backup.status === "pending" ? "waiting" : "running"}.`
        : "no later backup has finished yet."),
  );
}

function resumes(nearest: NearestPoints): string {
  return nearest.after ? ` The next restorable point is ${nearest.after}.` : "";
}

function around(nearest: NearestPoints): string {
  return (nearest.before ? ` The latest restorable point before it is ${nearest.before}.` : "") + resumes(nearest);
}

/** Every restorable point of one instance's backups, as disjoint windows (ISO 8601 UTC), oldest first. */
export function recoveryWindows(chains: RestoreChains): RestoreWindow[] {
  return chains.windows.map((window) => ({ from: iso(window.from), until: iso(window.until) }));
}

/** The newest point one instance's backups can restore (ISO 8601 UTC), or null when none. */
export function latestRecoveryPoint(chains: RestoreChains): string | null {
  const last = chains.windows.at(-1);
  return last ? iso(last.until) : null;
}
