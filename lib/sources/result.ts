import "server-only";
import type { Backup, Instance } from "../inventory/model";
import { logWarning } from "../security/log";
import { SourceCalls } from "./calls";
import { dedupeBackups } from "./merge";
import { concatListings, type Listing } from "./paging";
import { matchesPlan } from "./plan";
import type { FetchPlan, SkippedRecord, SourceContext, SourceResult } from "./types";

/** A skipped record in one line: its list, which record, and why. */
export function describeSkipped(record: SkippedRecord): string {
  return `${record.list}: record ${record.id}: ${record.reason}`;
}

/** One warning per list that skipped records (not one per record): how many, and the first one's reason. */
function logSkipped(calls: SourceCalls, skipped: readonly SkippedRecord[]): void {
  const byList = new Map<string, SkippedRecord[]>();
  for (const record of skipped) {
    const list = byList.get(record.list);
    if (list) list.push(record);
    else byList.set(record.list, [record]);
  }
  const { region, projectId } = calls.project;
  for (const records of byList.values())
    logWarning(
      `${region} project ${projectId}: ${records.length} record(s) skipped, the first: ${describeSkipped(records[0])}`,
    );
}

/** The result of a backup fetch: one row per backup, exactly the ones the plan selects, and every skipped record. */
export function backupsResult(
  calls: SourceCalls,
  instances: Listing<Instance>,
  backups: readonly Listing<Backup>[],
  plan: FetchPlan,
): SourceResult {
  const all = concatListings(backups);
  const skipped = [...instances.skipped, ...all.skipped];
  logSkipped(calls, skipped);
  return {
    instances: instances.items,
    backups: dedupeBackups(all.items).filter((backup) => matchesPlan(backup, plan)),
    calls: calls.count,
    skipped,
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
