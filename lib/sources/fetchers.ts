import "server-only";
import { isInstance } from "../instance-of";
import { CloudApiError } from "../cloud/errors";
import type { Service, SourceError } from "../inventory/model";
import { redact } from "../security/log";
import { fetchDcs } from "./dcs";
import { fetchRds } from "./rds";
import { fetchTaurusdb } from "./taurusdb";
import type { FetchPlan, SourceContext, SourceResult } from "./types";

/** The backup fetch of each service's adapter, and how a failed fetch is told to the user. */

export type BackupFetcher = (ctx: SourceContext, plan: FetchPlan) => Promise<SourceResult>;

export const BACKUP_FETCHERS: Record<Service, BackupFetcher> = { taurusdb: fetchTaurusdb, rds: fetchRds, dcs: fetchDcs };

/** A failed fetch as its source reports it. */
export function sourceError(error: unknown): SourceError {
  if (isInstance(error, CloudApiError, "CloudApiError"))
    // The cloud's own text goes to the browser: redacted, in case an upstream ever echoes a key.
    return {
      code: error.errorCode,
      message: redact(error.errorMsg),
      httpStatus: error.httpStatus,
      requestId: error.requestId,
    };
  return {
    code: "fetch_failed",
    message: error instanceof Error ? redact(error.message) : "The source failed",
    httpStatus: null,
    requestId: null,
  };
}
