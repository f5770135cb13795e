/** What the rest of the server needs from the signed cloud client. */

export type QueryValue = string | number | boolean | undefined;

export interface CloudRequest {
  /** Base URL of the service in the region, e.g. https://rds.cn-north-4.myhuaweicloud.com (no trailing slash). */
  endpoint: string;
  /** Path as documented, e.g. `/v3/{project_id}/backups` with the IDs filled in (segments already URL-safe). */
  path: string;
  /** Query parameters; undefined values are left out. */
  query?: Readonly<Record<string, QueryValue>>;
  /** Sent as X-Project-Id. */
  projectId: string;
  /** Optional abort signal of the caller (the per-call timeout is the client's own). */
  signal?: AbortSignal;
  /**
   * When calls queue for the endpoint's concurrency bound, higher goes first (default 0): the caller ranks the
   * calls that others wait for ahead of those nothing waits for.
   */
  priority?: number;
}

export interface CloudResponse {
  /** 200..299. */
  status: number;
  /** Parsed JSON; null for 204 or an empty body ("no records"). Not yet validated: adapters validate it with zod. */
  body: unknown;
  requestId: string | null;
  /** How many HTTP attempts this call took (1 when the first succeeded). */
  attempts: number;
}

export interface CloudGetter {
  get(request: CloudRequest): Promise<CloudResponse>;
}
