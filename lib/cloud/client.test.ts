import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type AttemptEvent, CloudClient, type CloudClientOptions } from "./client";
import { CloudApiError } from "./errors";
import { hostileAnswers, startHostileUpstream } from "../testing/hostile";
import { AdaptivePacer } from "./limits";
import { canonicalRequest, formatSdkDate, parseAuthorization, SDK_DATE_HEADER, signature } from "./signer";

const AK = "TESTAK0123456789ABCD";
const SK = "test-secret-key-0123456789-abcdef";
const TOKEN = "test-security-token-0123456789";
const PROJECT = "0483b6b16e954cb88930a360d2c4e663";
const PATH = `/v3/${PROJECT}/backups`;

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, index: number) => void;

interface TestServer {
  url: string;
  received: Array<{ url: string; method: string; headers: http.IncomingHttpHeaders; at: number }>;
  maxInFlight: () => number;
  connections: () => number;
  close: () => Promise<void>;
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(handler: Handler): Promise<TestServer> {
  const received: TestServer["received"] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let connections = 0;
  const server = http.createServer((req, res) => {
    received.push({ url: req.url ?? "", method: req.method ?? "", headers: req.headers, at: performance.now() });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => inFlight--);
    handler(req, res, received.length - 1);
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  cleanups.push(close);
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    maxInFlight: () => maxInFlight,
    connections: () => connections,
    close,
  };
}

function makeClient(options: Partial<CloudClientOptions> = {}): CloudClient {
  const client = new CloudClient({
    credentials: { ak: AK, sk: SK, securityToken: TOKEN },
    retryBaseMs: 1,
    retryMaxMs: 20,
    timeoutMs: 2000,
    ...options,
  });
  cleanups.push(() => client.close());
  return client;
}

/** Records the delays the client asks for and waits none of them. */
function recordingSleep(): { delays: number[]; sleep: (ms: number) => Promise<void> } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

async function failure(promise: Promise<unknown>): Promise<CloudApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CloudApiError);
  return error as CloudApiError;
}

describe("signed requests", () => {
  it("sends a signature the server can verify, with the project, token and accept headers", async () => {
    const server = await startServer((_req, res) => json(res, 200, { backups: [], total_count: 0 }));
    const now = Date.parse("2026-11-22T16:30:05Z");
    const client = makeClient({ now: () => now });
    const response = await client.get({
      endpoint: server.url,
      path: PATH,
      query: { instance_id: "abc", offset: 0, limit: 100, with_extra: true, unused: undefined },
      projectId: PROJECT,
    });
    expect(response).toEqual({ status: 200, body: { backups: [], total_count: 0 }, requestId: null, attempts: 1 });

    const [{ url, method, headers }] = server.received;
    expect(method).toBe("GET");
    expect(headers.host).toBe(new URL(server.url).host);
    expect(headers["x-sdk-date"]).toBe(formatSdkDate(new Date(now)));
    expect(headers["x-project-id"]).toBe(PROJECT);
    expect(headers["x-security-token"]).toBe(TOKEN);
    expect(headers.accept).toBe("application/json");
    expect(url).toBe(`${PATH}?instance_id=abc&limit=100&offset=0&with_extra=true`);

    const authorization = parseAuthorization(String(headers.authorization));
    expect(authorization?.access).toBe(AK);
    expect(authorization?.signedHeaders).toEqual(["host", "x-project-id", "x-sdk-date", "x-security-token"]);
    const signedHeaders = Object.fromEntries(
      (authorization?.signedHeaders ?? []).map((name) => [name, String(headers[name])]),
    );
    const wire = new URL(url, server.url);
    const { canonical } = canonicalRequest({
      method,
      path: wire.pathname,
      query: [...wire.searchParams],
      headers: signedHeaders,
    });
    expect(signature(SK, String(headers[SDK_DATE_HEADER.toLowerCase()]), canonical)).toBe(authorization?.signature);
    expect(signature("another-secret-key", String(headers["x-sdk-date"]), canonical)).not.toBe(
      authorization?.signature,
    );
  });

  it("sends the query encoded as in the canonical string (+, space, :)", async () => {
    const server = await startServer((_req, res) => json(res, 200, {}));
    await makeClient().get({
      endpoint: server.url,
      path: PATH,
      query: { begin_time: "2018-08-06T10:41:14+0800", name: "a b" },
      projectId: PROJECT,
    });
    expect(server.received[0].url).toBe(`${PATH}?begin_time=2018-08-06T10%3A41%3A14%2B0800&name=a%20b`);
    expect(new URL(server.received[0].url, server.url).searchParams.get("begin_time")).toBe("2018-08-06T10:41:14+0800");
  });

  it("omits X-Security-Token without a token, and keeps an endpoint's base path", async () => {
    const server = await startServer((_req, res) => json(res, 200, {}));
    await makeClient({ credentials: { ak: AK, sk: SK } }).get({
      endpoint: `${server.url}/prefix/`,
      path: PATH,
      projectId: PROJECT,
    });
    expect(server.received[0].url).toBe(`/prefix${PATH}`);
    expect(server.received[0].headers["x-security-token"]).toBeUndefined();
    expect(parseAuthorization(String(server.received[0].headers.authorization))?.signedHeaders).toEqual([
      "host",
      "x-project-id",
      "x-sdk-date",
    ]);
  });

  it("reuses connections (keep-alive)", async () => {
    const server = await startServer((_req, res) => json(res, 200, {}));
    const client = makeClient();
    for (let i = 0; i < 5; i++) await client.get({ endpoint: server.url, path: PATH, projectId: PROJECT });
    expect(server.received).toHaveLength(5);
    expect(server.connections()).toBe(1);
  });
});

describe("responses", () => {
  it("204 and an empty 200 body are null (no records); X-Request-Id is returned", async () => {
    const server = await startServer((_req, res, index) => {
      res.writeHead(index === 0 ? 204 : 200, { "X-Request-Id": `req-${index}` });
      res.end();
    });
    const client = makeClient();
    expect(await client.get({ endpoint: server.url, path: PATH, projectId: PROJECT })).toEqual({
      status: 204,
      body: null,
      requestId: "req-0",
      attempts: 1,
    });
    expect((await client.get({ endpoint: server.url, path: PATH, projectId: PROJECT })).body).toBeNull();
  });

  it("a 2xx body that is not JSON is invalid_response, not retried", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end("<html>maintenance</html>");
    });
    const error = await failure(makeClient().get({ endpoint: server.url, path: PATH, projectId: PROJECT }));
    expect(error).toMatchObject({ httpStatus: 200, errorCode: "invalid_response", attempts: 1, retryable: false });
    expect(error.errorMsg).toContain("<html>maintenance</html>");
    expect(server.received).toHaveLength(1);
  });

  it("parses the DCS error shape with error_ext_msg", async () => {
    const server = await startServer((_req, res) =>
      json(
        res,
        400,
        { error_code: "DCS.4961", error_msg: "Invalid parameter.", error_ext_msg: "begin_time is out of range." },
        { "X-Request-Id": "dcs-req-1" },
      ),
    );
    const error = await failure(makeClient().get({ endpoint: server.url, path: PATH, projectId: PROJECT }));
    expect(error).toMatchObject({
      httpStatus: 400,
      errorCode: "DCS.4961",
      requestId: "dcs-req-1",
      path: PATH,
      attempts: 1,
      retryable: false,
    });
    expect(error.errorMsg).toContain("Invalid parameter.");
    expect(error.errorMsg).toContain("begin_time is out of range.");
    expect(error.message).toContain("DCS.4961");
    expect(error.message).toContain("dcs-req-1");
  });

  it("reads the {error:{code,message}} shape, odd field types and unknown bodies", async () => {
    const bodies = [
      { status: 404, body: JSON.stringify({ error: { code: "APIGW.0101", message: "The API does not exist." } }) },
      { status: 400, body: JSON.stringify({ error_code: {}, error_msg: "Bad request body." }) },
      { status: 403, body: `<html>${"x".repeat(1000)}</html>` },
      { status: 404, body: "" },
    ];
    const server = await startServer((_req, res, index) => {
      res.writeHead(bodies[index].status);
      res.end(bodies[index].body);
    });
    const client = makeClient();
    const errors: CloudApiError[] = [];
    for (const _ of bodies)
      errors.push(await failure(client.get({ endpoint: server.url, path: PATH, projectId: PROJECT })));
    expect(errors[0]).toMatchObject({ errorCode: "APIGW.0101", errorMsg: "The API does not exist." });
    expect(errors[1]).toMatchObject({ errorCode: "http_400", errorMsg: "Bad request body." });
    expect(errors[2].errorCode).toBe("http_403");
    expect(errors[2].errorMsg.startsWith("<html>xxx")).toBe(true);
    expect(errors[2].errorMsg.length).toBeLessThanOrEqual(301);
    expect(errors[3]).toMatchObject({ errorCode: "http_404", errorMsg: "Not Found" });
  });
});

describe("retries", () => {
  it.each([429, 500, 502, 503, 504])("retries %i until it succeeds", async (status) => {
    const server = await startServer((_req, res, index) =>
      index < 2 ? json(res, status, { error_code: "X.1", error_msg: "busy" }) : json(res, 200, { ok: true }),
    );
    const events: AttemptEvent[] = [];
    // No real waiting: a 429 with nothing accepted before it paces the origin at the floor of 1/s.
    const { sleep } = recordingSleep();
    const response = await makeClient({ sleep, onAttempt: (event) => events.push(event) }).get({
      endpoint: server.url,
      path: PATH,
      projectId: PROJECT,
    });
    expect(response).toMatchObject({ status: 200, body: { ok: true }, attempts: 3 });
    expect(server.received).toHaveLength(3);
    expect(events.map((event) => [event.attempt, event.httpStatus, event.errorCode])).toEqual([
      [1, status, "X.1"],
      [2, status, "X.1"],
      [3, 200, null],
    ]);
  });

  it("retries a dropped connection", async () => {
    const server = await startServer((req, res, index) => {
      if (index === 0) req.socket.destroy();
      else json(res, 200, { ok: true });
    });
    const response = await makeClient().get({ endpoint: server.url, path: PATH, projectId: PROJECT });
    expect(response.attempts).toBe(2);
    expect(server.received).toHaveLength(2);
  });

  it("retries a refused connection, then reports network_error", async () => {
    const server = await startServer((_req, res) => json(res, 200, {}));
    await server.close();
    const error = await failure(
      makeClient({ maxAttempts: 3 }).get({ endpoint: server.url, path: PATH, projectId: PROJECT }),
    );
    expect(error).toMatchObject({ httpStatus: null, errorCode: "network_error", attempts: 3, retryable: true });
    expect(error.errorMsg).toContain("ECONNREFUSED");
  });

  it("stops after maxAttempts with the upstream's status, code, message and request id", async () => {
    const server = await startServer((_req, res, index) =>
      json(res, 503, { error_code: "APIGW.0201", error_msg: "Service unavailable." }, { "X-Request-Id": `r${index}` }),
    );
    const error = await failure(
      makeClient({ maxAttempts: 4 }).get({ endpoint: server.url, path: PATH, projectId: PROJECT }),
    );
    expect(error).toMatchObject({
      httpStatus: 503,
      errorCode: "APIGW.0201",
      errorMsg: "Service unavailable.",
      requestId: "r3",
      path: PATH,
      attempts: 4,
      retryable: true,
    });
    expect(server.received).toHaveLength(4);
  });

  it.each([400, 401, 403, 404, 409, 422])("never retries %i", async (status) => {
    const server = await startServer((_req, res) =>
      json(res, status, { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information." }),
    );
    const error = await failure(makeClient().get({ endpoint: server.url, path: PATH, projectId: PROJECT }));
    expect(error).toMatchObject({ httpStatus: status, errorCode: "APIGW.0301", attempts: 1, retryable: false });
    expect(server.received).toHaveLength(1);
  });

  it("backs off exponentially with full jitter, capped by retryMaxMs", async () => {
    const server = await startServer((_req, res) => json(res, 500, {}));
    const upper = recordingSleep();
    await failure(
      makeClient({ retryBaseMs: 100, retryMaxMs: 1000, maxAttempts: 6, random: () => 1, sleep: upper.sleep }).get({
        endpoint: server.url,
        path: PATH,
        projectId: PROJECT,
      }),
    );
    expect(upper.delays).toEqual([100, 200, 400, 800, 1000]);

    const half = recordingSleep();
    await failure(
      makeClient({ retryBaseMs: 100, retryMaxMs: 1000, maxAttempts: 4, random: () => 0.5, sleep: half.sleep }).get({
        endpoint: server.url,
        path: PATH,
        projectId: PROJECT,
      }),
    );
    expect(half.delays).toEqual([50, 100, 200]);
  });

  it("honours Retry-After in seconds and as an HTTP date, capped by retryMaxMs", async () => {
    const now = Date.parse("2026-11-22T16:30:00Z");
    const retryAfter = ["2", new Date(now + 3000).toUTCString(), "3600", "soon"];
    const server = await startServer((_req, res, index) =>
      index < retryAfter.length
        ? json(res, 429, { error_code: "APIGW.0308", error_msg: "throttled" }, { "Retry-After": retryAfter[index] })
        : json(res, 200, {}),
    );
    const { delays, sleep } = recordingSleep();
    const response = await makeClient({
      now: () => now,
      random: () => 1,
      retryBaseMs: 10,
      retryMaxMs: 5000,
      sleep,
    }).get({
      endpoint: server.url,
      path: PATH,
      projectId: PROJECT,
    });
    expect(response.attempts).toBe(5);
    // seconds; date minus now; capped; unparseable → paced like any 429 without Retry-After: nothing was
    // accepted before it, so at the floor of 1/s, one second after the previous start.
    expect(delays).toEqual([2000, 3000, 5000, 1000]);
  });

  it("waits Retry-After for real", async () => {
    const server = await startServer((_req, res, index) =>
      index === 0 ? json(res, 429, {}, { "Retry-After": "1" }) : json(res, 200, {}),
    );
    await makeClient({ retryMaxMs: 5000 }).get({ endpoint: server.url, path: PATH, projectId: PROJECT });
    expect(server.received[1].at - server.received[0].at).toBeGreaterThanOrEqual(900);
  });
});

describe("timeouts and aborts", () => {
  it("times out an attempt, retries once, then reports timeout", async () => {
    const server = await startServer(() => {
      // Never answers.
    });
    const started = performance.now();
    const error = await failure(
      makeClient({ timeoutMs: 150 }).get({ endpoint: server.url, path: PATH, projectId: PROJECT }),
    );
    expect(error).toMatchObject({ httpStatus: null, errorCode: "timeout", attempts: 2, retryable: true });
    expect(server.received).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("times out a response whose body stalls", async () => {
    const server = await startServer((_req, res, index) => {
      if (index > 0) return json(res, 200, { ok: true });
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"backups": [');
    });
    const events: AttemptEvent[] = [];
    const response = await makeClient({ timeoutMs: 150, onAttempt: (e) => events.push(e) }).get({
      endpoint: server.url,
      path: PATH,
      projectId: PROJECT,
    });
    expect(response).toMatchObject({ body: { ok: true }, attempts: 2 });
    expect(events[0].errorCode).toBe("timeout");
  });

  it("honours the caller's abort while a request is in flight, without retrying", async () => {
    const server = await startServer(() => {
      // Never answers.
    });
    const controller = new AbortController();
    const call = makeClient().get({ endpoint: server.url, path: PATH, projectId: PROJECT, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(call);
    expect(error).toMatchObject({ errorCode: "aborted", httpStatus: null, retryable: false });
    expect(server.received).toHaveLength(1);
  });

  it("honours an abort during the backoff and an already aborted signal", async () => {
    const server = await startServer((_req, res) => json(res, 503, {}));
    const controller = new AbortController();
    const client = makeClient({ retryBaseMs: 10_000, retryMaxMs: 10_000, random: () => 1 });
    const call = client.get({ endpoint: server.url, path: PATH, projectId: PROJECT, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await failure(call)).toMatchObject({ errorCode: "aborted", attempts: 1 });
    expect(server.received).toHaveLength(1);

    const early = await failure(
      client.get({ endpoint: server.url, path: PATH, projectId: PROJECT, signal: AbortSignal.abort() }),
    );
    expect(early.errorCode).toBe("aborted");
    expect(server.received).toHaveLength(1);
  });
  it("a call aborted while queued for a slot never reaches the server", async () => {
    const server = await startServer(() => {
      // Never answers: the one slot stays taken.
    });
    const client = makeClient({ concurrencyPerEndpoint: 1, timeoutMs: 5000 });
    const holder = new AbortController();
    const first = client.get({ endpoint: server.url, path: PATH, projectId: PROJECT, signal: holder.signal });
    const queued = new AbortController();
    const second = client.get({ endpoint: server.url, path: PATH, projectId: PROJECT, signal: queued.signal });
    setTimeout(() => queued.abort(), 50);
    expect(await failure(second)).toMatchObject({ errorCode: "aborted" });
    holder.abort();
    expect(await failure(first)).toMatchObject({ errorCode: "aborted" });
    expect(server.received).toHaveLength(1);
  });
});

describe("hostile answers", () => {
  const MiB = 2 ** 20;

  async function hostile(route: Parameters<typeof startHostileUpstream>[0]) {
    const upstream = await startHostileUpstream(route);
    cleanups.push(() => upstream.close());
    return upstream;
  }

  it("fails a body past the limit as response_too_large, not retried, and stops reading it (default 32 MiB)", async () => {
    const upstream = await hostile(() => hostileAnswers.hugeBody(600 * MiB));
    // Room to read 32 MiB on a busy machine.
    const client = makeClient({ timeoutMs: 10_000 });
    const error = await failure(client.get({ endpoint: upstream.url, path: PATH, projectId: PROJECT }));
    expect(error).toMatchObject({ httpStatus: 200, errorCode: "response_too_large", attempts: 1, retryable: false });
    expect(error.errorMsg).toBe("the response body is larger than the 32 MiB limit (CLOUD_MAX_BODY_MB)");
    expect(upstream.requests).toHaveLength(1);
    // The client hung up soon after the limit: the rest was never sent (socket buffers hold a few MiB).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(upstream.bytesSent()).toBeLessThan(48 * MiB);
  });

  it("fails at once a body whose announced length is past the limit", async () => {
    const upstream = await hostile(() => hostileAnswers.hugeBody(600 * MiB, { declared: true }));
    const client = makeClient({ maxBodyBytes: MiB });
    const error = await failure(client.get({ endpoint: upstream.url, path: PATH, projectId: PROJECT }));
    expect(error).toMatchObject({ httpStatus: 200, errorCode: "response_too_large", attempts: 1 });
    expect(error.errorMsg).toContain("the 1 MiB limit");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(upstream.bytesSent()).toBeLessThan(16 * MiB);
  });

  it("reads a body of exactly the limit", async () => {
    const body = JSON.stringify({ pad: "x".repeat(1000) });
    const upstream = await hostile(() => hostileAnswers.json({ pad: "x".repeat(1000) }));
    const client = makeClient({ maxBodyBytes: Buffer.byteLength(body) });
    expect((await client.get({ endpoint: upstream.url, path: PATH, projectId: PROJECT })).body).toEqual(
      JSON.parse(body),
    );
  });

  it("times out a body that trickles: the timeout covers the whole body", async () => {
    const upstream = await hostile(() => hostileAnswers.slowBody(10));
    const started = performance.now();
    const error = await failure(
      makeClient({ timeoutMs: 150 }).get({ endpoint: upstream.url, path: PATH, projectId: PROJECT }),
    );
    expect(error).toMatchObject({ errorCode: "timeout", attempts: 2 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("retries a connection dropped in the middle of the body", async () => {
    const upstream = await hostile((url) =>
      upstream.requests.length === 1
        ? (response) => {
            response.writeHead(200, { "Content-Type": "application/json", "Content-Length": "1000" });
            response.write('{"instances": [', () => response.destroy());
          }
        : hostileAnswers.json({ ok: url.pathname }),
    );
    const response = await makeClient().get({ endpoint: upstream.url, path: PATH, projectId: PROJECT });
    expect(response).toMatchObject({ body: { ok: PATH }, attempts: 2 });
  });

  it("frees the slot of every failed call: on a one-slot client, the next call after each failure succeeds", async () => {
    const failures = [
      hostileAnswers.hugeBody(64 * MiB),
      hostileAnswers.hugeBody(64 * MiB, { declared: true }),
      hostileAnswers.slowBody(10),
      hostileAnswers.error(400, "DBS.1", "no"),
      (response: http.ServerResponse) => response.end("not json"),
    ];
    let next = hostileAnswers.json({ ok: true });
    const upstream = await hostile(() => next);
    const client = makeClient({ concurrencyPerEndpoint: 1, timeoutMs: 150, maxAttempts: 1, maxBodyBytes: MiB });
    for (const [index, answer] of failures.entries()) {
      next = answer;
      await failure(client.get({ endpoint: upstream.url, path: PATH, projectId: PROJECT }));
      next = hostileAnswers.json({ ok: index });
      expect((await client.get({ endpoint: upstream.url, path: PATH, projectId: PROJECT })).body).toEqual({
        ok: index,
      });
    }
  });

  it("keeps an error code as sent, cut to 64 characters", async () => {
    const codes = ["A\r\nB", "错误\u0000", "X".repeat(10_000)];
    const upstream = await hostile(() => hostileAnswers.error(400, codes[upstream.requests.length - 1]));
    const client = makeClient();
    const errors: CloudApiError[] = [];
    for (const _ of codes)
      errors.push(await failure(client.get({ endpoint: upstream.url, path: PATH, projectId: PROJECT })));
    expect(errors.map((error) => error.errorCode)).toEqual(["A\r\nB", "错误\u0000", "X".repeat(64)]);
  });
});

describe("limits", () => {
  it("keeps at most concurrencyPerEndpoint requests in flight per endpoint", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const handler: Handler = (_req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        json(res, 200, {});
      }, 20);
    };
    const [a, b] = [await startServer(handler), await startServer(handler)];
    const client = makeClient({ concurrencyPerEndpoint: 4 });
    const calls = Array.from({ length: 60 }, (_, i) =>
      client.get({ endpoint: i % 2 ? a.url : b.url, path: PATH, projectId: PROJECT }),
    );
    await Promise.all(calls);
    expect(a.received).toHaveLength(30);
    expect(b.received).toHaveLength(30);
    expect(a.maxInFlight()).toBeLessThanOrEqual(4);
    expect(b.maxInFlight()).toBeLessThanOrEqual(4);
    // The bound is per endpoint, not global.
    expect(maxInFlight).toBeGreaterThan(4);
  });

  it("gives a free slot to the queued call of highest priority, first come first served among equals", async () => {
    const server = await startServer((_req, res) => setTimeout(() => json(res, 200, {}), 20));
    const client = makeClient({ concurrencyPerEndpoint: 1 });
    const call = (name: string, priority?: number) =>
      client.get({ endpoint: server.url, path: `/${name}`, projectId: PROJECT, priority });
    // The first call takes the one slot at once; the others queue in this order.
    await Promise.all([call("first", 0), call("low-a", 0), call("mid", 1), call("low-b"), call("high", 3), call("mid-b", 1)]);
    expect(server.received.map((request) => request.url.split("?")[0])).toEqual([
      "/first",
      "/high",
      "/mid",
      "/mid-b",
      "/low-a",
      "/low-b",
    ]);
  });

  it("keeps to requestsPerSecond across endpoints", async () => {
    const [a, b] = [
      await startServer((_req, res) => json(res, 200, {})),
      await startServer((_req, res) => json(res, 200, {})),
    ];
    const rate = 20;
    const client = makeClient({ requestsPerSecond: rate });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client.get({ endpoint: i % 2 ? a.url : b.url, path: PATH, projectId: PROJECT }),
      ),
    );
    const arrivals = [...a.received, ...b.received].map((r) => r.at).sort((x, y) => x - y);
    expect(arrivals).toHaveLength(50);
    // A bucket of one second's tokens: at most 2·rate in any one-second window (plus slack for timer jitter).
    const busiestSecond = Math.max(...arrivals.map((t) => arrivals.filter((u) => u >= t && u < t + 1000).length));
    expect(busiestSecond).toBeLessThanOrEqual(2 * rate + 2);
    // 30 requests beyond the burst need about 1.5 s at 20/s.
    expect(arrivals[arrivals.length - 1] - arrivals[0]).toBeGreaterThanOrEqual(1000);
  });
});

describe("throttling", () => {
  /** A gateway that refuses with 429 APIGW.0308, without Retry-After, above `limit` calls in any sliding second. */
  function throttlingServer(limit: number): Promise<TestServer & { refused: () => number }> {
    const window: number[] = [];
    let refused = 0;
    return startServer((_req, res) => {
      const now = performance.now();
      while (window.length > 0 && window[0] <= now - 1000) window.shift();
      if (window.length >= limit) {
        refused++;
        return json(res, 429, { error_code: "APIGW.0308", error_msg: "The throttling threshold has been reached" });
      }
      window.push(now);
      json(res, 200, { ok: true });
    }).then((server) => ({ ...server, refused: () => refused }));
  }

  /** The most arrivals in any one-second window starting at or after `from`. */
  function busiestSecond(arrivals: number[], from: number): number {
    const later = arrivals.filter((at) => at >= from);
    return Math.max(0, ...later.map((at) => later.filter((other) => other >= at && other < at + 1000).length));
  }

  it("completes a burst against a throttled origin at its pace, with few 429s; an unthrottled one is not paced", async () => {
    const limit = 50;
    const calls = 120;
    const [throttled, free] = [
      await throttlingServer(limit),
      await startServer((_req, res) => setTimeout(() => json(res, 200, {}), 20)),
    ];
    const client = makeClient({ retryBaseMs: 100, retryMaxMs: 10_000 });
    const responses = await Promise.all(
      Array.from({ length: calls }, (_, i) =>
        client.get({ endpoint: i % 2 ? throttled.url : free.url, path: PATH, projectId: PROJECT }),
      ).concat(
        Array.from({ length: calls / 2 }, () =>
          client.get({ endpoint: throttled.url, path: PATH, projectId: PROJECT }),
        ),
      ),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const accepted = throttled.received.length - throttled.refused();
    expect(accepted).toBe(calls);
    // The burst meets a full window once; after that the pace keeps 429s rare.
    expect(throttled.refused()).toBeGreaterThan(0);
    expect(throttled.refused()).toBeLessThan(calls / 3);
    // After the first second the gateway sees about its limit per second (not a flood of retries).
    const arrivals = throttled.received.map((request) => request.at);
    expect(busiestSecond(arrivals, arrivals[0] + 1000)).toBeLessThanOrEqual(limit + 10);
    const rate = client.pacedRate(throttled.url);
    expect(rate).toBeGreaterThanOrEqual(0.5 * limit);
    expect(rate).toBeLessThanOrEqual(1.5 * limit);
    // The unthrottled origin was served at full concurrency, never paced.
    expect(free.received).toHaveLength(calls / 2);
    expect(client.pacedRate(free.url)).toBeNull();
    expect(free.maxInFlight()).toBeGreaterThan(4);
  });

  it("429s have their own bound of attempts, on top of maxAttempts, and are retried without backoff", async () => {
    const statuses = [429, 429, 503, 429, 429, 429, 503, 429, 429, 200];
    const server = await startServer((_req, res, index) =>
      statuses[index] === 200 ? json(res, 200, { ok: true }) : json(res, statuses[index], { error_code: "X.1" }),
    );
    const { delays, sleep } = recordingSleep();
    const now = Date.parse("2026-11-22T16:30:00Z");
    const client = makeClient({ now: () => now, sleep, random: () => 1, retryBaseMs: 10, maxAttempts: 3 });
    const response = await client.get({ endpoint: server.url, path: PATH, projectId: PROJECT });
    expect(response).toMatchObject({ body: { ok: true }, attempts: 10 });
    // A backoff only after the two 503s (10·2⁰, 10·2¹); a 429 waits for the pace (here about the floor, 1/s).
    expect(delays.filter((delay) => delay < 1000)).toEqual([10, 20]);
    expect(delays.length).toBeGreaterThan(2);

    const refusing = await startServer((_req, res) => json(res, 429, { error_code: "APIGW.0308", error_msg: "busy" }));
    const error = await failure(
      makeClient({ now: () => now, sleep, maxThrottledAttempts: 5 }).get({
        endpoint: refusing.url,
        path: PATH,
        projectId: PROJECT,
      }),
    );
    expect(error).toMatchObject({ httpStatus: 429, errorCode: "APIGW.0308", attempts: 5, retryable: true });
    expect(refusing.received).toHaveLength(5);
  });
});

describe("adaptive pacer", () => {
  /** A pacer on a manual clock, whose waits move the clock. */
  function manualPacer(): { pacer: AdaptivePacer; clock: { now: number }; waits: number[] } {
    const clock = { now: 0 };
    const waits: number[] = [];
    const pacer = new AdaptivePacer(
      () => clock.now,
      async (ms) => {
        waits.push(ms);
        clock.now += ms;
      },
    );
    return { pacer, clock, waits };
  }

  /** Starts and accepts one call every `every` ms, `count` times. */
  async function acceptEvery(
    { pacer, clock }: ReturnType<typeof manualPacer>,
    every: number,
    count: number,
  ): Promise<void> {
    for (let i = 0; i < count; i++) {
      pacer.accepted(await pacer.take());
      clock.now += every;
    }
  }

  it("learns a rate a bit under what the origin counted in the window, then waits for the window to slide", async () => {
    const paced = manualPacer();
    const { pacer, clock, waits } = paced;
    await acceptEvery(paced, 50, 20); // starts at 0, 50, …, 950 — unpaced
    expect(pacer.rate).toBeNull();
    expect(waits).toEqual([]);
    const refusedAt = await pacer.take(); // 1000
    pacer.throttled(refusedAt);
    // 19 calls started within the second before (50 … 950): 0.9·19.
    expect(pacer.rate).toBeCloseTo(17.1);
    // The 19th newest counted call (started at 50) must leave the window (+ margin) before the next start.
    expect(await pacer.take()).toBe(1100);
    expect(clock.now).toBe(1100);
    // Then starts are evenly spaced at the rate.
    expect(await pacer.take()).toBeCloseTo(1100 + 1000 / 17.1);
  });

  it("ignores 429s of calls started before the last decrease, grows additively, and stops pacing when quiet", async () => {
    const paced = manualPacer();
    const { pacer, clock } = paced;
    await acceptEvery(paced, 10, 40);
    const early = await pacer.take();
    clock.now += 5;
    const first = await pacer.take();
    pacer.throttled(first);
    const learned = pacer.rate ?? 0;
    expect(learned).toBeGreaterThan(30);
    pacer.throttled(early); // sent at the old pace: nothing new
    expect(pacer.rate).toBe(learned);

    const call = await pacer.take();
    pacer.accepted(call);
    // +max(1, 5% of the learned rate) per second of accepted calls: 1/rate per call.
    expect(pacer.rate).toBeCloseTo(learned + Math.max(1, 0.05 * learned) / learned);

    clock.now += 10_000;
    expect(pacer.rate).toBeNull();
    const afterQuiet = clock.now;
    expect(await pacer.take()).toBe(afterQuiet);
  });

  it("floors the rate at 1/s and gives back the turn of a caller that aborts while waiting", async () => {
    const { pacer, clock } = manualPacer();
    const lonely = await pacer.take();
    pacer.throttled(lonely);
    expect(pacer.rate).toBe(1);
    const controller = new AbortController();
    const aborted = pacer.take(controller.signal);
    controller.abort();
    await expect(aborted).rejects.toThrow();
    expect(await pacer.take()).toBe(lonely + 1000);
    expect(clock.now).toBe(lonely + 1000);
  });
});

describe("secrets", () => {
  it("never puts AK, SK, token or the Authorization header in an error", async () => {
    let authorization = "";
    const server = await startServer((req, res, index) => {
      authorization = String(req.headers.authorization);
      const statuses = [401, 503, 503];
      json(res, statuses[index] ?? 500, {
        error_code: "APIGW.0301",
        error_msg: `verify aksk signature fail, ak:${AK}, sk:${SK}, token:${TOKEN}`,
      });
    });
    const client = makeClient({ maxAttempts: 2 });
    const errors = [
      await failure(client.get({ endpoint: server.url, path: PATH, projectId: PROJECT })),
      await failure(client.get({ endpoint: server.url, path: PATH, projectId: PROJECT })),
      await failure(client.get({ endpoint: "http://127.0.0.1:1", path: PATH, projectId: PROJECT })),
    ];
    const signatureHex = parseAuthorization(authorization)?.signature ?? "missing";
    for (const error of errors) {
      const everything = [error.message, error.errorMsg, String(error.stack), JSON.stringify(error)].join("\n");
      for (const secret of [AK, SK, TOKEN, signatureHex]) expect(everything).not.toContain(secret);
    }
    expect(errors[0].errorMsg).toBe("verify aksk signature fail, ak:[redacted], sk:[redacted], token:[redacted]");
    expect(errors[1]).toMatchObject({ httpStatus: 503, attempts: 2 });
    expect(errors[2]).toMatchObject({ errorCode: "network_error" });
  });
});
