import type { ProjectRef } from "../lib/config";
import { SERVICES, type Service } from "../lib/inventory/model";
import type { Truth } from "../lib/simulator";

/**
 * Reference figures of a full inventory fetch, computed from the simulator's ground truth: the fewest calls
 * the APIs' page sizes allow, and the shortest time those calls can take under the client's per-endpoint
 * concurrency cap (or an account's rate limit).
 *
 * The lists a complete inventory needs, per project (the same set the adapters call; README "Performance"):
 * - every service: its instance list (an empty project still costs one call); RDS lists it twice, Flexus RDS
 *   instances apart (`group_type=flexus`);
 * - TaurusDB: the project-wide full-backup list (the only one with the trigger and the end time), and per
 *   instance the full-backup list (the only one with DELETING backups) and the incremental list;
 * - RDS: ListBackups per instance (`instance_id` is mandatory), ListOffSiteInstances per project, and
 *   ListOffSiteBackups per instance it names; DCS: ListBackupRecords per instance.
 * An empty list still costs its one call.
 */

export type ListKind =
  | "instances"
  | "flexusInstances"
  | "projectFull"
  | "instanceFull"
  | "incremental"
  | "backups"
  | "offsiteInstances"
  | "offsiteBackups";

/** One list an inventory reads, and how many records it holds. */
export interface ListToRead {
  service: Service;
  kind: ListKind;
  records: number;
}

/** Records per call, by service and list. */
export type PageSizes = Record<Service, Partial<Record<ListKind, number>>>;

/** The largest `limit` each API accepts (docs/cloud-apis.md), which is what the adapters ask for. */
export const MAX_PAGE_SIZES: PageSizes = {
  taurusdb: { instances: 100, projectFull: 100, instanceFull: 100, incremental: 50 },
  rds: { instances: 100, flexusInstances: 100, backups: 100, offsiteInstances: 100, offsiteBackups: 100 },
  dcs: { instances: 1000, backups: 1000 },
};

/** What a call without `limit` gets: the official SDKs' (and APIs') defaults. */
export const DEFAULT_PAGE_SIZES: PageSizes = {
  taurusdb: { instances: 100, projectFull: 100, instanceFull: 100, incremental: 10 },
  rds: { instances: 100, flexusInstances: 100, backups: 100, offsiteInstances: 100, offsiteBackups: 100 },
  dcs: { instances: 10, backups: 10 },
};

const PER_INSTANCE_LISTS: Record<Service, ListKind[]> = {
  taurusdb: ["instanceFull", "incremental"],
  rds: ["backups"],
  dcs: ["backups"],
};

const OPERATION_LIST: Record<string, ListKind> = {
  ShowGaussMySqlBackupList: "projectFull",
  ShowInstanceBackups: "instanceFull",
  ShowGaussMySqlIncrementalBackupList: "incremental",
  ListBackups: "backups",
  ListOffSiteBackups: "offsiteBackups",
  ListBackupRecords: "backups",
};

/** Every list a complete inventory of these projects reads, with its size, from the simulator's truth. */
export function listsToRead(truth: Truth, projects: readonly ProjectRef[]): ListToRead[] {
  const lists = new Map<string, ListToRead>();
  const add = (key: string, service: Service, kind: ListKind) => {
    let list = lists.get(key);
    if (!list) {
      list = { service, kind, records: 0 };
      lists.set(key, list);
    }
    return list;
  };
  for (const { projectId } of projects)
    for (const service of SERVICES) {
      add(`${service}|${projectId}|instances`, service, "instances");
      if (service === "taurusdb") add(`${service}|${projectId}|projectFull`, service, "projectFull");
      if (service === "rds") {
        add(`${service}|${projectId}|flexusInstances`, service, "flexusInstances");
        add(`${service}|${projectId}|offsiteInstances`, service, "offsiteInstances");
      }
    }
  for (const instance of truth.instances) {
    const list = instance.flexus ? "flexusInstances" : "instances";
    add(`${instance.service}|${instance.projectId}|${list}`, instance.service, list).records++;
    for (const kind of PER_INSTANCE_LISTS[instance.service])
      add(`${instance.service}|${instance.projectId}|${instance.id}|${kind}`, instance.service, kind);
    if (instance.offsiteTo !== null) {
      add(`${instance.service}|${instance.offsiteTo}|offsiteInstances`, instance.service, "offsiteInstances").records++;
      add(`${instance.service}|${instance.offsiteTo}|${instance.id}|offsiteBackups`, instance.service, "offsiteBackups");
    }
  }
  for (const backup of truth.backups)
    for (const operation of backup.operations) {
      const kind = OPERATION_LIST[operation];
      if (kind === undefined) throw new Error(`unknown operation ${operation}`);
      const key =
        kind === "projectFull"
          ? `${backup.service}|${backup.projectId}|projectFull`
          : `${backup.service}|${backup.projectId}|${backup.instanceId}|${kind}`;
      const list = lists.get(key);
      if (!list) throw new Error(`a ${operation} record of ${backup.instanceId} has no list to be read from`);
      list.records++;
    }
  return [...lists.values()];
}

/** Calls of one list: its first page, then the others. */
export function pagesOf(records: number, pageSize: number): number {
  return Math.max(1, Math.ceil(records / pageSize));
}

/**
 * The earliest round trip a list's first page can go out in: instance lists and the project-wide list at once
 * (round 1); a per-instance list once the instance list's first page has named the instance (round 2).
 * Every later page waits for its list's first page (its total): one round more. Assuming every instance is on
 * the first page of its instance list keeps these rounds a lower bound.
 */
const FIRST_ROUND: Record<ListKind, number> = {
  instances: 1,
  flexusInstances: 1,
  offsiteInstances: 1,
  offsiteBackups: 2,
  projectFull: 1,
  instanceFull: 2,
  incremental: 2,
  backups: 2,
};

export interface ServiceCalls {
  calls: number;
  /** `byRound[r]`: calls that cannot start before round trip r + 1. */
  byRound: number[];
}

export function callsOf(lists: readonly ListToRead[], pageSizes: PageSizes): Record<Service, ServiceCalls> {
  const result = Object.fromEntries(
    SERVICES.map((service) => [service, { calls: 0, byRound: [] as number[] }]),
  ) as Record<Service, ServiceCalls>;
  for (const list of lists) {
    const pageSize = pageSizes[list.service][list.kind];
    if (pageSize === undefined) throw new Error(`no page size for ${list.service} ${list.kind}`);
    const pages = pagesOf(list.records, pageSize);
    const calls = result[list.service];
    const first = FIRST_ROUND[list.kind] - 1;
    calls.calls += pages;
    calls.byRound[first] = (calls.byRound[first] ?? 0) + 1;
    if (pages > 1) calls.byRound[first + 1] = (calls.byRound[first + 1] ?? 0) + pages - 1;
  }
  for (const calls of Object.values(result)) calls.byRound = Array.from(calls.byRound, (count) => count ?? 0);
  return result;
}

export function totalCalls(calls: Record<Service, ServiceCalls>): number {
  return SERVICES.reduce((sum, service) => sum + calls[service].calls, 0);
}

export interface TimeBound {
  /** max(chain depth × latency, ⌈calls / cap⌉ × latency), the largest over services (they run side by side). */
  ms: number;
  /**
   * Tighter, still a lower bound: the calls of round r and later cannot start before (r − 1) latencies, and
   * `cap` at a time take ⌈n / cap⌉ latencies more; the largest over r and over services.
   */
  roundAwareMs: number;
  /** The service that sets `ms`. */
  limitedBy: Service;
}

/** The shortest wall time of the calls when every call takes `latencyMs` and `cap` run at a time per service. */
export function fetchTimeBound(calls: Record<Service, ServiceCalls>, latencyMs: number, cap: number): TimeBound {
  let best: TimeBound = { ms: 0, roundAwareMs: 0, limitedBy: SERVICES[0] };
  for (const service of SERVICES) {
    const { calls: count, byRound } = calls[service];
    const depth = byRound.length;
    const ms = Math.max(depth * latencyMs, Math.ceil(count / cap) * latencyMs);
    let roundAwareMs = 0;
    let later = 0;
    for (let round = depth - 1; round >= 0; round--) {
      later += byRound[round];
      roundAwareMs = Math.max(roundAwareMs, (round + Math.ceil(later / cap)) * latencyMs);
    }
    if (ms > best.ms) best = { ...best, ms, limitedBy: service };
    best.roundAwareMs = Math.max(best.roundAwareMs, roundAwareMs);
  }
  return best;
}

/**
 * The shortest wall time under a per-service rate limit: each service's calls at `ratePerSecond`, the largest
 * over services (each service throttles on its own).
 */
export function rateTimeBound(
  calls: Record<Service, ServiceCalls>,
  ratePerSecond: number,
): { ms: number; limitedBy: Service } {
  let best: { ms: number; limitedBy: Service } = { ms: 0, limitedBy: SERVICES[0] };
  for (const service of SERVICES) {
    const ms = (calls[service].calls / ratePerSecond) * 1000;
    if (ms > best.ms) best = { ms, limitedBy: service };
  }
  return best;
}
