import "server-only";
import { readInventory } from "../inventory/frame";
import type { Instance, Source, StoredBackup } from "../inventory/model";
import { findRestorePoint, prepareChains, recoveryWindows } from "./chain";
import type { RestoreInstance, RestorePointAnswer } from "./model";
import type { RestoreQuery } from "./query";

/** Answers the restore-point finder from the kept inventory: the instance's current backups only. */
export async function findRestorePointFor(query: RestoreQuery, now: Date = new Date()): Promise<RestorePointAnswer> {
  const { store, frame } = await readInventory({}, query.refresh);
  const [backups, instances] = await Promise.all([store.instanceBackups(query.instance), store.instances()]);
  const instance = instanceOf(query.instance, instances, backups);
  if (!instance)
    return {
      reachable: false,
      at: query.at,
      reason: "unknown_instance",
      explanation: `No instance with ID ${query.instance} was found${missingSources(frame.sources)}.`,
      nearest: { before: null, after: null },
      instance: null,
      windows: [],
      ...frame,
    };
  const own = backups.filter((backup) => backup.service === instance.service);
  const chains = prepareChains(own, instance.service);
  const plan = findRestorePoint(chains, new Date(query.at), now);
  return { ...plan, instance, windows: recoveryWindows(chains), ...frame };
}

/** The listed instance, else what its backups tell (an instance deleted since, whose backups are kept). */
function instanceOf(
  id: string,
  instances: readonly Instance[],
  backups: readonly StoredBackup[],
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
  const backup = backups.at(-1);
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

/** An unknown instance may belong to a source that has not synced yet or whose sync fails: say which. */
function missingSources(sources: readonly Source[]): string {
  const unknown = sources.filter((source) => !source.ok || !source.complete);
  if (unknown.length === 0) return " in any configured project";
  return ` among the sources synced; ${unknown.length} ${unknown.length === 1 ? "is" : "are"} not (${unknown
    .map((source) => `${source.service} ${source.region}${source.ok ? ", first sync under way" : ", failing"}`)
    .join(", ")}), and it may belong to one of them`;
}
