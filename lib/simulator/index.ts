import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { ProjectRef } from "../config";
import { SERVICES, type Service } from "../inventory/model";
import { parseFormQuery, Query, type Route, type SimResponse } from "./api";
import { type Dataset, generateDataset, OPERATIONS, type Truth, truthOf } from "./dataset";
import { DCS_ROUTES } from "./dcs";
import { ApiError, errorBody, GATEWAY_ERRORS, gatewayError, SERVICE_ERRORS } from "./errors";
import { FaultState, type Faults } from "./faults";
import { Gateway } from "./gateway";
import { hash32, Rng, seedNumber } from "./random";
import { RDS_ROUTES } from "./rds";
import { TAURUSDB_ROUTES } from "./taurusdb";

/**
 * The simulated cloud: one loopback HTTP server per service (TaurusDB, RDS, DCS) serving every project of the
 * dataset, behind a simulated API gateway with injectable faults.
 *
 * Order of checks per call: count it; down; throttle (429 APIGW.0308); route (404 APIGW.0101); query syntax;
 * signature (401 APIGW.0301 / APIGW.0303, AK lockout); project (401 APIGW.0301); injected 5xx; the operation's
 * own rules (400/404 with the service's codes); then the latency, before any answer. The latency counts from the
 * request's arrival and includes the simulator's own work (it waits only the rest), as a network round trip
 * would: otherwise every call on a loaded test machine would also last the simulator's CPU time.
 * Quirks kept from the documents: TaurusDB's per-instance list reports AVAILABLE as COMPLETED and is the only one
 * listing DELETING full backups; running backups have `end_time: ""` (TaurusDB) or none (RDS); DCS answers
 * 204 without a body when no record matches.
 */

export type { OptionalFields, RawStatus, Truth, TruthBackup, TruthInstance } from "./dataset";
export type { Faults } from "./faults";

export interface SimulatorOptions {
  /** Seed of the dataset; the same seed and `now` give the same data. Default "backup-inventory". */
  seed?: string | number;
  /** Number of instances over all services and projects. Default 100. */
  instances?: number;
  /** Retention window of the backups, days up to now. Default 7. */
  days?: number;
  /** The simulator clock (data is generated up to its value at start; signature dates are checked against it). */
  now?: Date | (() => Date);
  /** Port per service on 127.0.0.1; 0 or absent = a free port. */
  ports?: Partial<Record<Service, number>>;
  /** The one accepted key pair; generated when absent. */
  credentials?: { ak: string; sk: string };
  /** Projects to simulate; by default four regions with generated project IDs. */
  projects?: ProjectRef[];
  faults?: Partial<Record<Service, Faults>>;
  /** Lock an AK for 5 minutes after more than 5 consecutive authentication failures, like the gateway. Default true. */
  authLockout?: boolean;
}

export interface CallCount {
  total: number;
  /** By operation name (e.g. ListBackups); calls that matched no API count as "unknown". */
  operations: Record<string, number>;
}

export interface SimulatorStats {
  instances: number;
  backups: number;
  byService: Record<Service, { instances: number; backups: number }>;
  /** ISO instants: the data covers [windowStart, generatedAt]. */
  windowStart: string;
  generatedAt: string;
}

export interface Simulator {
  /** Base URL per service, e.g. http://127.0.0.1:41234 (every region and project). */
  endpoints: Record<Service, string>;
  credentials: { ak: string; sk: string };
  projects: ProjectRef[];
  stats: SimulatorStats;
  /** The simulator clock. */
  now(): Date;
  /** Every instance and backup the simulator holds, as a faithful reader of the APIs can know them. */
  truth(): Truth;
  /** Calls served per service since start or the last resetCalls(), faulted ones included. */
  calls(): Record<Service, CallCount>;
  resetCalls(): void;
  /** Replaces the faults of a service. */
  setFaults(service: Service, faults: Faults): void;
  close(): Promise<void>;
}

const ROUTES: Record<Service, Route[]> = { taurusdb: TAURUSDB_ROUTES, rds: RDS_ROUTES, dcs: DCS_ROUTES };

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

function match(routes: CompiledRoute[], method: string, path: string) {
  if (method !== "GET") return undefined;
  for (const compiled of routes) {
    const m = compiled.pattern.exec(path);
    if (m) {
      const params: Record<string, string> = {};
      compiled.names.forEach((name, i) => {
        params[name] = m[i + 1];
      });
      return { route: compiled.route, params };
    }
  }
  return undefined;
}

function generatedKey(length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
}

function emptyCounts(): Record<Service, CallCount> {
  const counts = {} as Record<Service, CallCount>;
  for (const service of SERVICES)
    counts[service] = {
      total: 0,
      operations: Object.fromEntries([...OPERATIONS[service], "unknown"].map((operation) => [operation, 0])),
    };
  return counts;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function injectedErrorFor(service: Service, status: 500 | 502 | 503): ApiError {
  if (status === 500) return new ApiError(500, SERVICE_ERRORS[service].serverFailure, "Server failure.");
  return gatewayError(status === 502 ? "backendUnavailable" : "serviceUnavailable");
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.now ?? (() => new Date());
  const nowMs = () => (typeof clock === "function" ? clock() : clock).getTime();
  const seed = options.seed ?? "backup-inventory";
  const dataset: Dataset = generateDataset({
    seed,
    instances: options.instances ?? 100,
    days: options.days ?? 7,
    anchor: new Date(nowMs()),
    projects: options.projects,
  });
  const credentials = options.credentials ?? {
    ak: generatedKey(20, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
    sk: generatedKey(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
  };
  const gateway = new Gateway(credentials, nowMs, options.authLockout ?? true);
  const faults = {} as Record<Service, FaultState>;
  for (const service of SERVICES)
    faults[service] = new FaultState(
      options.faults?.[service],
      new Rng(hash32(seedNumber(seed), SERVICES.indexOf(service), 0xfa)),
    );
  const projectIds = new Set(dataset.projects.map((project) => project.projectId));
  let counts = emptyCounts();

  async function serve(
    service: Service,
    compiled: CompiledRoute[],
    request: IncomingMessage,
    response: ServerResponse,
  ) {
    const arrivedAt = performance.now();
    const requestId = randomUUID().replace(/-/g, "");
    const rawUrl = request.url ?? "/";
    const queryStart = rawUrl.indexOf("?");
    const rawPath = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
    const rawQuery = queryStart < 0 ? "" : rawUrl.slice(queryStart + 1);
    const method = request.method ?? "GET";
    const matched = match(compiled, method, rawPath);
    const count = counts[service];
    count.total++;
    count.operations[matched?.route.operation ?? "unknown"]++;
    const fault = faults[service];
    const body = await readBody(request);

    let answer: SimResponse;
    try {
      if (fault.down === "reset") {
        await sleep(fault.delayMs());
        request.socket.resetAndDestroy();
        return;
      }
      if (fault.down === "unavailable") throw gatewayError("serviceUnavailable");
      if (fault.throttled(performance.now()))
        throw gatewayError("throttled", `policy user over ratelimit, limit:${fault.throttleRps}, time:1 second`);
      if (!matched) throw gatewayError("noSuchApi");
      const pairs = parseFormQuery(rawQuery);
      if (!pairs) throw gatewayError("badRequest", "malformed query string");
      gateway.authenticate({ method, rawPath, query: pairs, headers: request.headers, body });
      const headerProject = request.headers["x-project-id"];
      // A path without a project (ListOffSiteInstances) is about the signed X-Project-Id's.
      const projectId = matched.params.project_id ?? (typeof headerProject === "string" ? headerProject : "");
      if (!projectIds.has(projectId) || (headerProject !== undefined && headerProject !== projectId))
        throw gatewayError(
          "authentication",
          "the project does not belong to this account or does not match X-Project-Id",
        );
      const injected = fault.injectedError();
      if (injected) throw injectedErrorFor(service, injected);
      answer = matched.route.handle({
        service,
        dataset,
        projectId,
        params: matched.params,
        query: new Query(pairs),
        nowMs: nowMs(),
        malformed: fault.malformedIds,
      });
    } catch (error) {
      if (!(error instanceof ApiError)) {
        console.error(`simulator: ${service} ${rawPath}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const apiError =
        error instanceof ApiError ? error : new ApiError(500, SERVICE_ERRORS[service].serverFailure, "Server failure.");
      answer = { status: apiError.status, body: errorBody(service, apiError, requestId) };
    }
    const payload = answer.body === undefined ? undefined : JSON.stringify(answer.body);
    await sleep(Math.max(0, fault.delayMs() - (performance.now() - arrivedAt)));
    response.setHeader("X-Request-Id", requestId);
    if (payload === undefined) {
      response.writeHead(answer.status).end();
      return;
    }
    response
      .writeHead(answer.status, {
        "Content-Type": "application/json;charset=UTF-8",
        "Content-Length": Buffer.byteLength(payload),
      })
      .end(payload);
  }

  const servers = {} as Record<Service, Server>;
  const endpoints = {} as Record<Service, string>;
  try {
    for (const service of SERVICES) {
      const compiled = ROUTES[service].map(compile);
      const server = createServer((request, response) => {
        serve(service, compiled, request, response).catch((error: unknown) => {
          console.error(`simulator: ${service}: ${error instanceof Error ? error.message : String(error)}`);
          if (!response.headersSent) response.writeHead(500).end();
        });
      });
      servers[service] = server;
      const port = await listen(server, options.ports?.[service] ?? 0);
      endpoints[service] = `http://127.0.0.1:${port}`;
    }
  } catch (error) {
    await Promise.all(Object.values(servers).map((server) => closeServer(server)));
    throw error;
  }

  const byService = Object.fromEntries(
    SERVICES.map((service) => {
      const instances = dataset.instances.filter((instance) => instance.service === service);
      return [
        service,
        {
          instances: instances.length,
          backups: instances.reduce((sum, instance) => sum + instance.backupEnd - instance.backupStart, 0),
        },
      ];
    }),
  ) as Record<Service, { instances: number; backups: number }>;

  return {
    endpoints,
    credentials,
    projects: dataset.projects.map(({ region, projectId }) => ({ region, projectId })),
    stats: {
      instances: dataset.instances.length,
      backups: dataset.backups.count,
      byService,
      windowStart: new Date(dataset.windowStartMs).toISOString(),
      generatedAt: new Date(dataset.anchorMs).toISOString(),
    },
    now: () => new Date(nowMs()),
    truth: () => truthOf(dataset),
    calls: () => structuredClone(counts),
    resetCalls: () => {
      counts = emptyCounts();
    },
    setFaults: (service, next) => faults[service].set(next),
    close: () => Promise.all(SERVICES.map((service) => closeServer(servers[service]))).then(() => undefined),
  };
}

function closeServer(server: Server | undefined): Promise<void> {
  if (!server?.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export { GATEWAY_ERRORS, SERVICE_ERRORS };
