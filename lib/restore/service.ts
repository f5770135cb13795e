import "server-only";
import type { Backup, Instance, Source } from "../inventory/model";
import { loadInventory } from "../inventory/service";
import { matchingBackups } from "../inventory/view";
import { findRestorePoint, prepareChains, recoveryWindows } from "./chain";
import type { RestoreInstance, RestorePointAnswer } from "./model";
import type { RestoreQuery } from "./query";

/** Answers the restore-point finder from the cached inventory (only the instance's backups are fetched). */
export async function findRestorePointFor(query: RestoreQuery, now: Date = new Date()): Promise<RestorePointAnswer> {
  const inventory = await loadInventory({ instance: [query.instance] }, query.refresh);
  const { sources, fetchedAt } = inventory;
  const backups = [...matchingBackups(inventory.prepared, { instance: [query.instance] })];
  const instance = instanceOf(query.instance, inventory.instances, backups);
  if (!instance)
    return {
      reachable: false,
      at: query.at,
      reason: "unknown_instance",
      explanation: `No instance with ID ${query.instance} was found${missingSources(sources)}.`,
      nearest: { before: null, after: null },
      instance: null,
      windows: [],
      sources,
      fetchedAt,
    };
  const own = backups.filter((backup) => backup.service === instance.service);
  const chains = prepareChains(own, instance.service);
  const plan = findRestorePoint(chains, new Date(query.at), now);
  return { ...plan, instance, windows: recoveryWindows(chains), sources, fetchedAt };
}

/** The listed instance, else what its backups tell (an instance deleted since, whose backups are kept). */
function instanceOf(
  id: string,
  instances: readonly Instance[],
  backups: readonly Backup[],
): RestoreInstance | undefined {
  const listed = instances.find((instance) => instance.id === id);
  if (listed)
    return {
      service: listed.service,
      region: listed.region,
      projectId: listed.projectId,
      id,
      name: listed.name,
      engine: listed.engine,
    };
  const backup = backups[0];
  return backup
    ? {
        service: backup.service,
        region: backup.region,
        projectId: backup.projectId,
        id,
        name: backup.instanceName,
        engine: backup.engine,
      }
    : undefined;
}

/** An unknown instance may belong to a source that did not answer: say which ones did not. */
function missingSources(sources: readonly Source[]): string {
  const failed = sources.filter((source) => !source.ok);
  if (failed.length === 0) return " in any configured project";
  return ` among the sources that answered; ${failed.length} did not (${failed
    .map((source) => `${source.service} ${source.region}`)
    .join(", ")}), and it may belong to one of them`;
}
