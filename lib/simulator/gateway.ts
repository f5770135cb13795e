import "server-only";
import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { canonicalRequest, parseAuthorization, parseSdkDate, SDK_DATE_HEADER, signature } from "../cloud/signer";
import type { QueryPairs } from "./api";
import { type ApiError, gatewayError } from "./errors";

/**
 * The API gateway's AK/SK check: the canonical request is rebuilt from what was received (method, raw path,
 * query decoded form-style, the signed headers' received values, body hash) and the signature compared.
 * Like the real gateway, an AK is locked for 5 minutes after more than 5 consecutive failures.
 */

export const MAX_CLOCK_SKEW_MS = 15 * 60_000;
const LOCK_AFTER_FAILURES = 5;
const LOCK_MS = 5 * 60_000;

export interface ReceivedRequest {
  method: string;
  rawPath: string;
  query: QueryPairs;
  headers: IncomingHttpHeaders;
  body: string;
}

interface KeyState {
  failures: number;
  lockedUntil: number;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : (value ?? "");
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export class Gateway {
  private readonly keys = new Map<string, KeyState>();

  constructor(
    private readonly credentials: { ak: string; sk: string },
    private readonly nowMs: () => number,
    private readonly lockout: boolean,
  ) {}

  /** Throws the gateway's 401 when the request is not correctly signed by the known key pair. */
  authenticate(request: ReceivedRequest): void {
    const authorization = parseAuthorization(headerValue(request.headers, "authorization"));
    if (!authorization) throw gatewayError("authentication", "missing or malformed Authorization header");
    if (authorization.access !== this.credentials.ak) throw gatewayError("authentication", "unknown access key");
    const state = this.keys.get(authorization.access) ?? { failures: 0, lockedUntil: 0 };
    this.keys.set(authorization.access, state);
    const now = this.nowMs();
    if (this.lockout && state.lockedUntil > now)
      throw gatewayError("authentication", "access key locked after repeated authentication failures");
    const failure = this.check(request, authorization.signedHeaders, authorization.signature, now);
    if (!failure) {
      state.failures = 0;
      return;
    }
    state.failures++;
    if (this.lockout && state.failures > LOCK_AFTER_FAILURES) {
      state.lockedUntil = now + LOCK_MS;
      state.failures = 0;
    }
    throw failure;
  }

  private check(request: ReceivedRequest, signedHeaders: string[], given: string, now: number): ApiError | undefined {
    const sdkDate = headerValue(request.headers, SDK_DATE_HEADER.toLowerCase());
    const date = parseSdkDate(sdkDate);
    if (!date) return gatewayError("authentication", `missing or malformed ${SDK_DATE_HEADER} header`);
    const headers: Record<string, string> = {};
    for (const name of signedHeaders) headers[name] = headerValue(request.headers, name.toLowerCase());
    const { canonical } = canonicalRequest({
      method: request.method,
      path: request.rawPath,
      query: request.query,
      headers,
      body: request.body,
    });
    if (!sameHex(signature(this.credentials.sk, sdkDate, canonical), given))
      return gatewayError("authentication", "verify aksk signature fail");
    if (Math.abs(now - date.getTime()) > MAX_CLOCK_SKEW_MS) return gatewayError("signatureExpired");
    return undefined;
  }
}
