import { readFileSync } from "node:fs";
import type { CloudGetter, CloudRequest, CloudResponse } from "../../cloud/types";
import type { ProjectRef } from "../../config";
import type { SourceContext } from "../types";

/** Test support for the adapters: a scripted CloudGetter and the seed fixtures. */

export const PROJECT: ProjectRef = { region: "cn-north-4", projectId: "0483b6b16e954cb88930a360d2c4e663" };
export const ENDPOINT = "https://api.test";

/** An example response of the official docs, parsed from its fixture file as is. */
export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"));
}

/** What a route answers: a body (`null` for 204), or an Error to throw. */
export type Answer = unknown;
export type Route = (request: CloudRequest) => Answer;

/** A request as recorded: the path and the query with offsets and limits, one string per call. */
export function describeRequest(request: CloudRequest): string {
  const query = Object.entries(request.query ?? {})
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  return query ? `${request.path}?${query}` : request.path;
}

/** Records every call and the most calls that were ever under way at once. */
export class FakeCloud implements CloudGetter {
  readonly requests: CloudRequest[] = [];
  #inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly route: Route) {}

  get calls(): string[] {
    return this.requests.map(describeRequest);
  }

  async get(request: CloudRequest): Promise<CloudResponse> {
    this.requests.push(request);
    this.#inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight);
    try {
      // Yields to the event loop, so that calls made together are under way together.
      await new Promise((resolve) => setImmediate(resolve));
      const answer = this.route(request);
      if (answer instanceof Error) throw answer;
      return {
        status: answer === null ? 204 : 200,
        body: answer,
        requestId: `req-${this.requests.length}`,
        attempts: 1,
      };
    } finally {
      this.#inFlight--;
    }
  }
}

export function context(client: CloudGetter, now = new Date("2026-01-10T00:00:00Z")): SourceContext {
  return { client, endpoint: ENDPOINT, project: PROJECT, now };
}

/** The slice of `records` a paged request asks for. */
export function pageOf<T>(records: readonly T[], request: CloudRequest): T[] {
  const offset = Number(request.query?.offset ?? 0);
  const limit = Number(request.query?.limit);
  return records.slice(offset, offset + limit);
}
