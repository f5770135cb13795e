import "server-only";
import type { Backup, Instance } from "../inventory/model";
import { SourceCalls } from "./calls";
import { dedupeBackups } from "./merge";
import { concatListings, type Listing } from "./paging";
import { matchesPlan } from "./plan";
import type { FetchPlan, SourceContext, SourceResult } from "./types";

/** The result of a backup fetch: one row per backup, exactly the ones the plan selects, and every problem. */
export function backupsResult(
  calls: SourceCalls,
  instances: Listing<Instance>,
  backups: readonly Listing<Backup>[],
  plan: FetchPlan,
): SourceResult {
  const all = concatListings(backups);
  return {
    instances: instances.items,
    backups: dedupeBackups(all.items).filter((backup) => matchesPlan(backup, plan)),
    calls: calls.count,
    problems: [...instances.problems, ...all.problems],
  };
}

/** The result of an instance-only fetch (for the instance list): no backup list is called. */
export async function instancesResult(
  ctx: SourceContext,
  listInstances: (calls: SourceCalls) => Promise<Listing<Instance>>,
): Promise<SourceResult> {
  const calls = new SourceCalls(ctx);
  const instances = await calls.run(() => listInstances(calls));
  return backupsResult(calls, instances, [], {});
}
