import type { Source } from "./inventory/model";
import type { ParseResult, QueryIssue } from "./params";

/**
 * The errors a request can end in, apart from the unexpected: raised by the features and the store, turned into
 * HTTP answers in one place (lib/http/errors.ts). Messages never carry secrets.
 */

export class InvalidQueryError extends Error {
  constructor(readonly issues: QueryIssue[]) {
    super(`Invalid query: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}`);
    this.name = "InvalidQueryError";
  }
}

/** The parsed query, or the error listing its issues. */
export function validQuery<T>(result: ParseResult<T>): T {
  if (!result.ok) throw new InvalidQueryError(result.issues);
  return result.value;
}

/** Every source of the view failed its last sync, and none has anything stored. */
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
