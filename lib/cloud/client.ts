import "server-only";
import http from "node:http";
import https from "node:https";
import type { Credentials } from "../config";
import { CloudApiError, describeErrorBody, truncate } from "./errors";
import { AdaptivePacer, Semaphore, type Sleep, sleep, TokenBucket } from "./limits";
import { signRequest } from "./signer";
import type { CloudGetter, CloudRequest, CloudResponse, QueryValue } from "./types";

/**
 * The signed HTTP client of the cloud APIs: GET only, with retries, timeouts and limits.
 * A throttled origin (429 without Retry-After) gets an adaptive pace (see AdaptivePacer): its calls, retries
 * included, wait their turn instead of backing off blindly, and 429s have their own bound of attempts.
 */

export interface AttemptEvent {
  /** scheme://host[:port] */
  origin: string;
  path: string;
  /** 1 for the first attempt of a call. */
  attempt: number;
  /** null when no response arrived. */
  httpStatus: number | null;
  /** null on success. */
  errorCode: string | null;
  durationMs: number;
}

export interface CloudClientOptions {
  credentials: Credentials;
  /** Per HTTP attempt, connection to last byte. Default 10000. */
  timeoutMs?: number;
  /**
   * The largest response body read, bytes; a longer one fails the call (`response_too_large`, not retried) as
   * soon as it is announced or its bytes pass the limit. Default DEFAULT_MAX_BODY_BYTES.
   */
  maxBodyBytes?: number;
  /**
   * Attempts until a call gives up on 500/502/503/504, network errors and timeouts (a timeout is retried once at
   * most); 429s do not count. Default 6.
   */
  maxAttempts?: number;
  /** 429 answers until a call gives up, on top of maxAttempts. Default 12. */
  maxThrottledAttempts?: number;
  /**
   * Backoff before the retry after the n-th failure (5xx, network, timeout; 0-based) is random in
   * [0, min(retryMaxMs, retryBaseMs·2^n)]. A 429 is retried as soon as the origin's pace allows. Default 100.
   */
  retryBaseMs?: number;
  /** Also caps a `Retry-After`. Default 10000. */
  retryMaxMs?: number;
  /** Requests in flight per endpoint origin. Default 16. */
  concurrencyPerEndpoint?: number;
  /** Account-wide cap over all endpoints; none by default. */
  requestsPerSecond?: number;
  /** Clock (epoch ms) for X-Sdk-Date, Retry-After dates, the rate cap and the pacing. Default Date.now. */
  now?: () => number;
  /** In [0, 1). Default Math.random. */
  random?: () => number;
  /** Waits between attempts, for the rate cap and for the pacing. Default a timer. */
  sleep?: Sleep;
  /** Called after every HTTP attempt, e.g. to count calls. */
  onAttempt?: (event: AttemptEvent) => void;
}

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
/** Transport errors worth another attempt; others (DNS name unknown, TLS certificate) will not heal by retrying. */
const RETRYABLE_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
]);
/** A timed-out attempt is tried once more: an upstream slower than the timeout costs at most two timeouts. */
const MAX_TIMEOUTS = 2;
/**
 * A page of the largest documented size (1,000 DCS records) is well under 1 MiB; 32 MiB leaves room for any real
 * answer and keeps a hostile one from holding the server's memory (a body is held whole before it is parsed).
 */
export const DEFAULT_MAX_BODY_BYTES = 32 * 2 ** 20;

interface Failure {
  httpStatus: number | null;
  errorCode: string;
  errorMsg: string;
  requestId: string | null;
  retryable: boolean;
  retryAfterMs?: number;
  cause?: unknown;
}

interface Success {
  status: number;
  body: unknown;
  requestId: string | null;
}

interface Target {
  origin: string;
  /** Host name for node:http (no IPv6 brackets) and port. */
  hostname: string;
  port: string;
  transport: typeof http | typeof https;
  agent: http.Agent;
  path: string;
  limits: OriginLimits;
}

/** What every call to one origin shares. */
interface OriginLimits {
  slots: Semaphore;
  pacer: AdaptivePacer;
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

class AttemptTimeout extends Error {
  constructor(ms: number) {
    super(`no complete response within ${ms} ms`);
    this.name = "AttemptTimeout";
  }
}

class BodyTooLarge extends Error {
  constructor(
    readonly httpStatus: number,
    limitBytes: number,
  ) {
    super(`the response body is larger than the ${formatMiB(limitBytes)} limit (CLOUD_MAX_BODY_MB)`);
    this.name = "BodyTooLarge";
  }
}

function formatMiB(bytes: number): string {
  return `${Math.round((bytes / 2 ** 20) * 10) / 10} MiB`;
}

export class CloudClient implements CloudGetter {
  readonly #credentials: Credentials;
  readonly #timeoutMs: number;
  readonly #maxBodyBytes: number;
  readonly #maxAttempts: number;
  readonly #maxThrottledAttempts: number;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;
  readonly #concurrency: number;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #sleep: Sleep;
  readonly #onAttempt?: (event: AttemptEvent) => void;
  readonly #bucket?: TokenBucket;
  readonly #limitsByOrigin = new Map<string, OriginLimits>();
  readonly #httpAgent: http.Agent;
  readonly #httpsAgent: https.Agent;

  constructor(options: CloudClientOptions) {
    this.#credentials = options.credentials;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 6);
    this.#maxThrottledAttempts = Math.max(1, options.maxThrottledAttempts ?? 12);
    this.#retryBaseMs = options.retryBaseMs ?? 100;
    this.#retryMaxMs = options.retryMaxMs ?? 10_000;
    this.#concurrency = Math.max(1, options.concurrencyPerEndpoint ?? 16);
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#sleep = options.sleep ?? sleep;
    this.#onAttempt = options.onAttempt;
    if (options.requestsPerSecond) this.#bucket = new TokenBucket(options.requestsPerSecond, this.#now, this.#sleep);
    this.#httpAgent = new http.Agent({ keepAlive: true, maxSockets: this.#concurrency });
    this.#httpsAgent = new https.Agent({ keepAlive: true, maxSockets: this.#concurrency });
  }

  async get(request: CloudRequest): Promise<CloudResponse> {
    const target = this.#target(request.endpoint, request.path);
    const query = queryPairs(request.query);
    let failures = 0;
    let throttles = 0;
    let timeouts = 0;
    for (let attempt = 1; ; attempt++) {
      const result = await this.#attempt(target, query, request, attempt);
      if (!("errorCode" in result)) return { ...result, attempts: attempt };
      const throttled = result.httpStatus === 429;
      if (throttled) throttles++;
      else failures++;
      if (result.errorCode === "timeout") timeouts++;
      const exhausted = throttled ? throttles >= this.#maxThrottledAttempts : failures >= this.#maxAttempts;
      if (!result.retryable || exhausted || timeouts >= MAX_TIMEOUTS) throw this.#error(result, target, attempt);
      // A 429 without Retry-After waits for the origin's pace, in the next attempt.
      if (throttled && result.retryAfterMs === undefined) continue;
      try {
        await this.#sleep(this.#backoff(failures, result.retryAfterMs), request.signal);
      } catch (cause) {
        throw this.#error(aborted(cause), target, attempt);
      }
    }
  }

  /** The pace learned for an endpoint's origin, in requests per second; null while it is not paced. */
  pacedRate(endpoint: string): number | null {
    return this.#limitsByOrigin.get(new URL(endpoint).origin)?.pacer.rate ?? null;
  }

  /** Destroys the pooled connections. */
  close(): void {
    this.#httpAgent.destroy();
    this.#httpsAgent.destroy();
  }

  #target(endpoint: string, path: string): Target {
    const base = new URL(endpoint);
    const secure = base.protocol === "https:";
    let limits = this.#limitsByOrigin.get(base.origin);
    if (!limits) {
      limits = { slots: new Semaphore(this.#concurrency), pacer: new AdaptivePacer(this.#now, this.#sleep) };
      this.#limitsByOrigin.set(base.origin, limits);
    }
    return {
      origin: base.origin,
      hostname: base.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: base.port,
      transport: secure ? https : http,
      agent: secure ? this.#httpsAgent : this.#httpAgent,
      // An endpoint may carry a base path (e.g. a local test cloud behind a prefix).
      path: `${base.pathname.replace(/\/+$/, "")}${path}`,
      limits,
    };
  }

  async #attempt(
    target: Target,
    query: Array<[string, string]>,
    request: CloudRequest,
    attempt: number,
  ): Promise<Success | Failure> {
    const { slots, pacer } = target.limits;
    let release: (() => void) | undefined;
    let startedAt: number;
    try {
      release = await slots.acquire(request.signal, request.priority);
      await this.#bucket?.take(request.signal);
      startedAt = await pacer.take(request.signal);
    } catch (cause) {
      release?.();
      return aborted(cause);
    }
    const started = performance.now();
    let result: Success | Failure;
    try {
      const { ak, sk, securityToken } = this.#credentials;
      const signed = signRequest({
        method: "GET",
        origin: target.origin,
        path: target.path,
        query,
        headers: { "X-Project-Id": request.projectId, ...(securityToken ? { "X-Security-Token": securityToken } : {}) },
        ak,
        sk,
        date: new Date(this.#now()),
      });
      const raw = await exchange(
        target,
        {
          // The signed URL as is: `new URL` would re-normalise the path and break the signature.
          path: signed.url.slice(target.origin.length),
          headers: { ...signed.headers, Accept: "application/json" },
        },
        { timeoutMs: this.#timeoutMs, maxBodyBytes: this.#maxBodyBytes },
        request.signal,
      );
      result = this.#interpret(raw);
    } catch (error) {
      result = transportFailure(error, request.signal);
    } finally {
      release();
    }
    const httpStatus = "errorCode" in result ? result.httpStatus : result.status;
    // A 429 with Retry-After says itself when to come back; one without it is what the pacer learns from.
    if (httpStatus === 429) {
      if ("errorCode" in result && result.retryAfterMs !== undefined) pacer.refused(startedAt);
      else pacer.throttled(startedAt);
    } else if (httpStatus !== null) pacer.accepted(startedAt);
    this.#onAttempt?.({
      origin: target.origin,
      path: target.path,
      attempt,
      httpStatus,
      errorCode: "errorCode" in result ? result.errorCode : null,
      durationMs: performance.now() - started,
    });
    return result;
  }

  #interpret(raw: RawResponse): Success | Failure {
    const requestId = headerValue(raw.headers["x-request-id"]);
    if (raw.status >= 200 && raw.status < 300) {
      if (raw.status === 204 || raw.body.trim() === "") return { status: raw.status, body: null, requestId };
      try {
        return { status: raw.status, body: JSON.parse(raw.body), requestId };
      } catch (cause) {
        return {
          httpStatus: raw.status,
          errorCode: "invalid_response",
          errorMsg: `the response body is not JSON: ${truncate(raw.body)}`,
          requestId,
          retryable: false,
          cause,
        };
      }
    }
    return {
      httpStatus: raw.status,
      ...describeErrorBody(raw.status, raw.body),
      requestId,
      retryable: RETRYABLE_STATUSES.has(raw.status),
      retryAfterMs: parseRetryAfter(headerValue(raw.headers["retry-after"]), this.#now()),
    };
  }

  /** Full jitter, unless the upstream said how long to wait; never longer than retryMaxMs. */
  #backoff(failures: number, retryAfterMs: number | undefined): number {
    if (retryAfterMs !== undefined) return Math.min(this.#retryMaxMs, retryAfterMs);
    return this.#random() * Math.min(this.#retryMaxMs, this.#retryBaseMs * 2 ** (failures - 1));
  }

  #error(failure: Failure, target: Target, attempts: number): CloudApiError {
    return new CloudApiError({
      ...failure,
      errorMsg: this.#redact(failure.errorMsg),
      path: target.path,
      attempts,
    });
  }

  /** Upstream messages may quote the access key (e.g. a signature failure); no secret leaves this client. */
  #redact(text: string): string {
    const { ak, sk, securityToken } = this.#credentials;
    return [ak, sk, securityToken].reduce<string>(
      (redacted, secret) => (secret ? redacted.replaceAll(secret, "[redacted]") : redacted),
      text,
    );
  }
}

function queryPairs(query: Readonly<Record<string, QueryValue>> | undefined): Array<[string, string]> {
  return Object.entries(query ?? {}).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]]));
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** `Retry-After` as delta-seconds or an HTTP date. */
function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function aborted(cause: unknown): Failure {
  return {
    httpStatus: null,
    errorCode: "aborted",
    errorMsg: "the call was aborted by its caller",
    requestId: null,
    retryable: false,
    cause,
  };
}

function transportFailure(error: unknown, signal: AbortSignal | undefined): Failure {
  if (error instanceof AttemptTimeout)
    return { httpStatus: null, errorCode: "timeout", errorMsg: error.message, requestId: null, retryable: true };
  // The same answer again would be as large: not retried.
  if (error instanceof BodyTooLarge)
    return {
      httpStatus: error.httpStatus,
      errorCode: "response_too_large",
      errorMsg: error.message,
      requestId: null,
      retryable: false,
    };
  if (signal?.aborted) return aborted(error);
  const code = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return {
    httpStatus: null,
    errorCode: "network_error",
    errorMsg: truncate(code && !message.includes(code) ? `${code}: ${message}` : message),
    requestId: null,
    retryable: code !== undefined && RETRYABLE_NETWORK_CODES.has(code),
    cause: error,
  };
}

/**
 * One HTTP GET; rejects on a transport error, an AttemptTimeout, a BodyTooLarge or the caller's abort. It always
 * settles, exactly once: the timer runs until then (it covers the body), and whatever the streams emit after
 * that changes nothing.
 */
function exchange(
  target: Target,
  request: { path: string; headers: Record<string, string> },
  limits: { timeoutMs: number; maxBodyBytes: number },
  signal: AbortSignal | undefined,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let response: http.IncomingMessage | undefined;
    // Dropped when the exchange stops, so that a body cut off at the limit is garbage at once.
    let chunks: Buffer[] = [];
    // Throws synchronously on a path node refuses (the promise then rejects with it; nothing is pending yet).
    const req = target.transport.request(
      {
        hostname: target.hostname,
        port: target.port,
        path: request.path,
        method: "GET",
        headers: request.headers,
        agent: target.agent,
      },
      (res) => {
        response = res;
        const status = res.statusCode ?? 0;
        if (Number(res.headers["content-length"]) > limits.maxBodyBytes)
          return stop(new BodyTooLarge(status, limits.maxBodyBytes));
        let length = 0;
        res.on("data", (chunk: Buffer) => {
          if (settled) return;
          length += chunk.length;
          if (length > limits.maxBodyBytes) stop(new BodyTooLarge(status, limits.maxBodyBytes));
          else chunks.push(chunk);
        });
        res.on("error", stop);
        res.on("end", () => {
          let body: string;
          try {
            body = Buffer.concat(chunks, length).toString("utf8");
          } catch (error) {
            return stop(error);
          }
          settle(() => resolve({ status, headers: res.headers, body }));
        });
        // After "end" this changes nothing; before it, the upstream hung up mid-body.
        res.on("close", () => stop(new Error("the connection closed before the response ended")));
      },
    );
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      outcome();
    };
    // Settles, then drops the connection (it is not given back to the pool); a no-op once settled.
    const stop = (error: unknown) => {
      if (settled) return;
      settle(() => reject(error));
      chunks = [];
      req.destroy();
      response?.destroy();
    };
    const onAbort = () => stop(signal?.reason);
    const timer = setTimeout(() => stop(new AttemptTimeout(limits.timeoutMs)), limits.timeoutMs);
    req.on("error", stop);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    req.end();
  });
}
