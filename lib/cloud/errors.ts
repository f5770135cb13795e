import "server-only";
import { STATUS_CODES } from "node:http";
import { z } from "zod";

/** A failed cloud call: the upstream's HTTP error, or a timeout, network error or unusable response. */

export interface CloudApiErrorInit {
  /** The upstream status; null when no response arrived (timeout, network error, abort). */
  httpStatus: number | null;
  /** The body's `error_code` (e.g. `APIGW.0301`), else `timeout`, `network_error`, `aborted`, `invalid_response`, `http_<status>`. */
  errorCode: string;
  errorMsg: string;
  /** The `X-Request-Id` response header. */
  requestId: string | null;
  /** The request path, without host or query. */
  path: string;
  /** HTTP attempts made, including the last. */
  attempts: number;
  /** Whether this kind of failure is transient (it was retried until the attempts ran out). */
  retryable: boolean;
  cause?: unknown;
}

export class CloudApiError extends Error {
  readonly httpStatus: number | null;
  readonly errorCode: string;
  readonly errorMsg: string;
  readonly requestId: string | null;
  readonly path: string;
  readonly attempts: number;
  readonly retryable: boolean;

  constructor(init: CloudApiErrorInit) {
    const status = init.httpStatus === null ? "no response" : `HTTP ${init.httpStatus}`;
    const request = init.requestId ? `, request ${init.requestId}` : "";
    const attempts = `${init.attempts} attempt${init.attempts === 1 ? "" : "s"}`;
    super(`${init.errorCode}: ${init.errorMsg} (${status}, GET ${init.path}${request}, ${attempts})`, {
      cause: init.cause,
    });
    this.name = "CloudApiError";
    this.httpStatus = init.httpStatus;
    this.errorCode = init.errorCode;
    this.errorMsg = init.errorMsg;
    this.requestId = init.requestId;
    this.path = init.path;
    this.attempts = init.attempts;
    this.retryable = init.retryable;
  }
}

const MAX_MESSAGE_LENGTH = 300;
/** Error codes are short identifiers (`APIGW.0301`, `DBS.200001`); a longer one from an upstream is cut. */
const MAX_CODE_LENGTH = 64;

/** One line, at most ~300 characters. */
export function truncate(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_MESSAGE_LENGTH ? `${line.slice(0, MAX_MESSAGE_LENGTH)}…` : line;
}

// Lenient: DCS examples carry `"error_code": {}`, IAM sends numeric codes; a field of the wrong type is ignored.
const text = z
  .union([z.string(), z.number().transform(String)])
  .optional()
  .catch(undefined);
const gatewayShape = z.object({ error_code: text, error_msg: text, error_ext_msg: text });
const nestedShape = z.object({ error: z.object({ code: text, message: text }) });

/** The error code and message of an upstream error response, whatever its body looks like. */
export function describeErrorBody(httpStatus: number, body: string): { errorCode: string; errorMsg: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  let code: string | undefined;
  let message: string | undefined;
  const gateway = gatewayShape.safeParse(json);
  if (gateway.success) {
    code = gateway.data.error_code;
    message = [gateway.data.error_msg, gateway.data.error_ext_msg].filter(Boolean).join(" — ");
  }
  const nested = nestedShape.safeParse(json);
  if (!code && !message && nested.success) {
    code = nested.data.error.code;
    message = nested.data.error.message;
  }
  return {
    errorCode: code ? code.slice(0, MAX_CODE_LENGTH) : `http_${httpStatus}`,
    errorMsg: truncate(message || body || STATUS_CODES[httpStatus] || "no error message"),
  };
}
