import "server-only";
import { setMaxListeners } from "node:events";
import type { CloudResponse, QueryValue } from "../cloud/types";
import type { ProjectRef } from "../config";
import type { SourceContext } from "./types";

/**
 * The calls of one fetch: counts them, and cancels the ones still running (or waiting for a slot in the
 * client) as soon as one fails, since a failed fetch discards every other answer anyway.
 */
export class SourceCalls {
  #count = 0;
  readonly #controller = new AbortController();
  /** Aborts on a failed call or when the caller's signal does. */
  readonly #signal: AbortSignal;

  constructor(private readonly ctx: SourceContext) {
    this.#signal = ctx.signal ? AbortSignal.any([this.#controller.signal, ctx.signal]) : this.#controller.signal;
    // One signal is shared by every call of the fetch, each adding its own listener while under way.
    setMaxListeners(0, this.#signal);
  }

  get count(): number {
    return this.#count;
  }

  get project(): ProjectRef {
    return this.ctx.project;
  }

  get(path: string, query: Readonly<Record<string, QueryValue>>, priority?: number): Promise<CloudResponse> {
    this.#count++;
    return this.ctx.client.get({
      endpoint: this.ctx.endpoint,
      path,
      query,
      projectId: this.ctx.project.projectId,
      signal: this.#signal,
      priority,
    });
  }

  /** Runs `work`; if it fails, the calls still under way are aborted before the error is rethrown unchanged. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.#controller.abort(error);
      throw error;
    }
  }
}

/** A path segment from an upstream ID, safe to put in a URL path. */
export function segment(id: string): string {
  return encodeURIComponent(id);
}
