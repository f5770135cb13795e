import "server-only";
import { ConfigError } from "../config";
import { CrossSiteRequestError, InvalidQueryError, UpstreamUnavailableError } from "../errors";
import { isInstance } from "../instance-of";
import type { ApiErrorBody } from "../inventory/model";
import { logError } from "../security/log";

/** The one place where errors become HTTP responses. Messages never carry secrets: see each case. */

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
