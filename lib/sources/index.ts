import "server-only";
import type { Service } from "../inventory/model";
import { fetchDcs, fetchDcsInstances } from "./dcs";
import { fetchRds, fetchRdsInstances } from "./rds";
import { fetchTaurusdb, fetchTaurusdbInstances } from "./taurusdb";
import type { FetchPlan, SourceContext, SourceResult } from "./types";

export type { FetchPlan, Problem, SourceContext, SourceResult } from "./types";

export interface SourceAdapter {
  /** The instances and the backups the plan selects. */
  fetchBackups(ctx: SourceContext, plan: FetchPlan): Promise<SourceResult>;
  /** Only the instance list (`backups` is empty). */
  fetchInstances(ctx: SourceContext): Promise<SourceResult>;
}

/** One adapter per service. A fetch rejects with the failed call's CloudApiError (also for a malformed page). */
export const SOURCE_ADAPTERS: Record<Service, SourceAdapter> = {
  taurusdb: { fetchBackups: fetchTaurusdb, fetchInstances: fetchTaurusdbInstances },
  rds: { fetchBackups: fetchRds, fetchInstances: fetchRdsInstances },
  dcs: { fetchBackups: fetchDcs, fetchInstances: fetchDcsInstances },
};
