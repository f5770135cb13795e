import type { Source } from "../inventory/model";
import type { QueryIssue } from "../params";

/** What the server hands the browser besides the API's answers. Browser-safe: types only. */

/** Why a request failed, as plain data (the server page hands one to the browser). */
export interface ApiFailure {
  /** HTTP status; null when the server could not be reached. */
  status: number | null;
  code: string;
  message: string;
  issues: QueryIssue[];
  sources: Source[];
}

/** What the server rendered a page with: the data (or failure) of the view in the first URL. */
export interface InitialData<T> {
  /** The view's search string, as the browser's cache key spells it. */
  search: string;
  page: T | null;
  failure: ApiFailure | null;
  /** When the server loaded it (ms since the epoch): the browser's cache counts freshness from here. */
  loadedAt: number;
}
