import "server-only";
import { isInstance } from "../instance-of";
import { ConfigError } from "../config";
import type { ApiErrorBody, Source } from "../inventory/model";
import type { ParseResult, QueryIssue } from "../inventory/query";
import { logError } from "../security/log";

/** The one place where errors become HTTP responses. Messages never carry secrets: see each case. */

export class InvalidQueryError extends Error {
  constructor(readonly issues: QueryIssue[]) {
    super(`Invalid query: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}`);
    this.name = "InvalidQueryError";
  }
}

/** The parsed query, or the 400 error listing its issues. */
export function validQuery<T>(result: ParseResult<T>): T {
  if (!result.ok) throw new InvalidQueryError(result.issues);
  return result.value;
}

export class UpstreamUnavailableError extends Error {
  constructor(readonly sources: Source[]) {
    super(
      `Every cloud source failed: ${sources.map((s) => `${s.service} ${s.region}: ${s.error?.code ?? "error"}`).join(", ")}`,
    );
    this.name = "UpstreamUnavailableError";
  }
}

/** A request that would change something, sent by a page of another site (lib/security/origin.ts). */
export class CrossSiteRequestError extends Error {
  constructor() {
    super("Refused: the request comes from a page of another site (Origin is not this dashboard)");
    this.name = "CrossSiteRequestError";
  }
}

function json(status: number, body: ApiErrorBody): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export function errorResponse(error: unknown): Response {
  if (isInstance(error, InvalidQueryError, "InvalidQueryError"))
    return json(400, { error: { code: "invalid_query", message: error.message, issues: error.issues } });
  if (isInstance(error, UpstreamUnavailableError, "UpstreamUnavailableError"))
    return json(502, { error: { code: "upstream_unavailable", message: error.message }, sources: error.sources });
  if (isInstance(error, CrossSiteRequestError, "CrossSiteRequestError"))
    return json(403, { error: { code: "forbidden", message: error.message } });
  if (isInstance(error, ConfigError, "ConfigError"))
    // A ConfigError names the variable and the problem, never the value of a secret.
    return json(500, { error: { code: "configuration_error", message: error.message } });
  logError("Unexpected error while serving a request", error);
  return json(500, { error: { code: "internal_error", message: "Internal error; see the server log" } });
}

/** Runs a route body; anything thrown becomes the mapped error response. */
export async function handle(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    return errorResponse(error);
  }
}
