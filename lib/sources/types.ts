import type { CloudGetter } from "../cloud/types";
import type { ProjectRef } from "../config";
import type { Backup, BackupKind, Instance } from "../inventory/model";

/** Where one service of one configured project is reached. */
export interface SourceContext {
  client: CloudGetter;
  /** Base URL of the service in the project's region (lib/config `endpointFor`). */
  endpoint: string;
  project: ProjectRef;
  /** The reference "now": TaurusDB refuses query windows that end after it, and no backup starts after it. */
  now: Date;
  /** Cancels every call of the fetch. */
  signal?: AbortSignal;
}

/**
 * What to fetch; every field left out means "all". The result holds exactly the backups the plan selects:
 * `from <= startedAt < to`, a kind in `kinds`, an instance in `instanceIds`.
 */
export interface FetchPlan {
  from?: Date;
  to?: Date;
  kinds?: readonly BackupKind[];
  instanceIds?: readonly string[];
}

/**
 * A record (or instance) left out because it lacks what a row needs: `list` names the list, `id` the record (its
 * ID, or `index N`, its position in the list, without one), `reason` what is missing or unreadable.
 */
export interface SkippedRecord {
  list: string;
  id: string;
  reason: string;
}

export interface SourceResult {
  instances: Instance[];
  backups: Backup[];
  /** HTTP calls made: one per `CloudGetter.get`. */
  calls: number;
  skipped: SkippedRecord[];
}
