import "server-only";
import type { Service } from "../inventory/model";

/**
 * The error codes the simulator answers with. Service codes come from the services' published error code
 * tables (RDS/TaurusDB `DBS.*`, DCS `1114xxxxx`); gateway codes from the API gateway's table (docs/cloud-apis.md).
 */

export const GATEWAY_ERRORS = {
  noSuchApi: {
    status: 404,
    code: "APIGW.0101",
    message: "The API does not exist or has not been published in the environment.",
  },
  badRequest: { status: 400, code: "APIGW.0201", message: "API request error." },
  backendUnavailable: { status: 502, code: "APIGW.0201", message: "Backend unavailable." },
  serviceUnavailable: { status: 503, code: "APIGW.0201", message: "Service unavailable." },
  authentication: { status: 401, code: "APIGW.0301", message: "Incorrect IAM authentication information" },
  signatureExpired: {
    status: 401,
    code: "APIGW.0303",
    message: "Incorrect IAM authentication information: signature expired",
  },
  throttled: { status: 429, code: "APIGW.0308", message: "The throttling threshold has been reached" },
} as const;

export interface ServiceErrorCodes {
  invalidParameter: string;
  instanceNotFound: string;
  serverFailure: string;
}

export const SERVICE_ERRORS: Record<Service, ServiceErrorCodes> = {
  taurusdb: { invalidParameter: "DBS.200001", instanceNotFound: "DBS.200002", serverFailure: "DBS.108000" },
  rds: { invalidParameter: "DBS.200001", instanceNotFound: "DBS.200002", serverFailure: "DBS.108000" },
  dcs: { invalidParameter: "111400063", instanceNotFound: "111404022", serverFailure: "111500001" },
};

/** An error answer of a service or of the gateway in front of it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function invalidParameter(service: Service, message: string): ApiError {
  return new ApiError(400, SERVICE_ERRORS[service].invalidParameter, `Parameter error: ${message}`);
}

export function instanceNotFound(service: Service, instanceId: string): ApiError {
  const message =
    service === "dcs" ? "This DCS instance does not exist." : `The DB instance does not exist: ${instanceId}`;
  return new ApiError(404, SERVICE_ERRORS[service].instanceNotFound, message);
}

export function gatewayError(kind: keyof typeof GATEWAY_ERRORS, detail?: string): ApiError {
  const known = GATEWAY_ERRORS[kind];
  return new ApiError(known.status, known.code, detail ? `${known.message}: ${detail}` : known.message);
}

/** The response body of an error: DCS adds `error_ext_msg`; the gateway adds the request ID. */
export function errorBody(service: Service, error: ApiError, requestId: string): Record<string, unknown> {
  if (error.code.startsWith("APIGW."))
    return { error_code: error.code, error_msg: error.message, request_id: requestId };
  if (service === "dcs") return { error_code: error.code, error_msg: error.message, error_ext_msg: null };
  return { error_code: error.code, error_msg: error.message };
}
