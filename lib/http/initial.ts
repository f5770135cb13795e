import "server-only";
import type { ApiErrorBody } from "../inventory/model";
import { errorResponse } from "./errors";
import type { ApiFailure, InitialData } from "./types";

/** A failure as the API would have answered it: the same mapping, so the page and the API say the same. */
async function failureOf(error: unknown): Promise<ApiFailure> {
  const response = errorResponse(error);
  const body: ApiErrorBody = await response.json();
  return {
    status: response.status,
    code: body.error.code,
    message: body.error.message,
    issues: body.error.issues ?? [],
    sources: body.sources ?? [],
  };
}

/** The first view of a page whose URL is invalid: nothing loaded, the page explains what is wrong. */
export function nothingLoaded<T>(): InitialData<T> {
  return { search: "", page: null, failure: null, loadedAt: Date.now() };
}

/** Loads a page's first view on the server; a failure is handed to the browser to show, not thrown. */
export async function loadInitial<T>(search: string, load: () => Promise<T>): Promise<InitialData<T>> {
  try {
    return { search, page: await load(), failure: null, loadedAt: Date.now() };
  } catch (error) {
    return { search, page: null, failure: await failureOf(error), loadedAt: Date.now() };
  }
}
