import "server-only";
import { isInstance } from "../instance-of";
import { CloudApiError } from "../cloud/errors";
import type { CloudGetter, CloudRequest, CloudResponse } from "../cloud/types";
import type { Clock } from "./clock";

/**
 * The one key pair signs every call of every source, and the gateway locks it for 5 minutes after more than 5
 * authentication failures in a row. A sync starts a dozen sources at once, so with rejected keys their first
 * calls alone would lock it. Until a call has shown the keys work, calls go out one at a time: the first that
 * answers lets the others through. After an authentication failure (401), the other calls of that project fail
 * with the same answer without reaching the cloud, and once two projects (or the only one) have rejected the
 * keys, every call does; each for `holdMs`, the reconcile interval, which is when the sources that failed try
 * again anyway.
 */

function isKeyRejection(error: unknown): error is CloudApiError {
  return isInstance(error, CloudApiError, "CloudApiError") && error.httpStatus === 401;
}

/** Resolves when `promise` settles or `signal` aborts, whichever comes first; never rejects. */
function settledOrAborted(promise: Promise<unknown>, signal: AbortSignal | undefined): Promise<void> {
  const settled = promise.then(
    () => undefined,
    () => undefined,
  );
  if (!signal) return settled;
  return Promise.race([
    settled,
    new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener("abort", () => resolve(), { once: true });
    }),
  ]);
}

interface Rejection {
  error: CloudApiError;
  untilMs: number;
}

export class KeyCheck implements CloudGetter {
  #state: "unknown" | "valid" = "unknown";
  /** The call under way that decides whether the keys work. */
  #probe: Promise<unknown> | null = null;
  /** Projects that rejected the keys lately, each until its hold ends. */
  readonly #rejectedBy = new Map<string, Rejection>();
  /** Every call's, once enough projects have. */
  #rejected: Rejection | null = null;

  constructor(
    private readonly client: CloudGetter,
    private readonly options: { projects: number; clock: Clock; holdMs: number },
  ) {}

  async get(request: CloudRequest): Promise<CloudResponse> {
    for (;;) {
      request.signal?.throwIfAborted();
      const rejection = this.#rejection(request.projectId);
      if (rejection) throw rejection.error;
      if (this.#state === "valid") return this.#send(request);
      if (!this.#probe) {
        const probe = this.#send(request);
        this.#probe = probe;
        try {
          return await probe;
        } finally {
          this.#probe = null;
        }
      }
      await settledOrAborted(this.#probe, request.signal);
    }
  }

  /** The rejection that still holds for the project, forgetting those whose hold has ended. */
  #rejection(projectId: string): Rejection | null {
    const now = this.options.clock.now();
    if (this.#rejected && now >= this.#rejected.untilMs) this.#rejected = null;
    for (const [project, rejection] of this.#rejectedBy) if (now >= rejection.untilMs) this.#rejectedBy.delete(project);
    return this.#rejected ?? this.#rejectedBy.get(projectId) ?? null;
  }

  async #send(request: CloudRequest): Promise<CloudResponse> {
    try {
      const response = await this.client.get(request);
      this.#state = "valid";
      return response;
    } catch (error) {
      if (isKeyRejection(error)) {
        // Keys that worked until now may have been disabled: find out again, one call at a time.
        this.#state = "unknown";
        const rejection = { error, untilMs: this.options.clock.now() + this.options.holdMs };
        this.#rejectedBy.set(request.projectId, rejection);
        if (this.#rejectedBy.size >= Math.min(2, this.options.projects)) this.#rejected = rejection;
      }
      throw error;
    }
  }
}
