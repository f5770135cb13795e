import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { ProjectRef } from "../config";
import { SERVICES, type Service } from "../inventory/model";
import { parseFormQuery, Query, type Route, type SimResponse } from "./api";
import { DAY_MS, type Dataset, generateDataset, OPERATIONS } from "./dataset";
import { DCS_ROUTES } from "./dcs";
import { ApiError, errorBody, GATEWAY_ERRORS, gatewayError, SERVICE_ERRORS } from "./errors";
import { FaultState, type Faults } from "./faults";
import { Gateway } from "./gateway";
import { hash32, Rng, seedNumber } from "./random";
import { ProjectFullLists } from "./listing";
import { RDS_ROUTES } from "./rds";
import { resolveScale, type ScaleName } from "./scale";
import { TAURUSDB_ROUTES } from "./taurusdb";
import { type BackupCounts, countBackups, type Truth, truthOf } from "./truth";

/**
 * The simulated cloud: one loopback HTTP server per service (TaurusDB, RDS, DCS) serving every project of the
 * dataset, behind a simulated API gateway with injectable faults.
 *
 * It moves with its clock: every call lists what the cloud holds at that instant. Log backups appear every 5
 * minutes as each ends, the daily full backups start at each instance's backup window and run, then complete (a
 * few fail), manual ones come now and then, and backups older than the retention leave the lists. Nothing is
 * stored per backup (lib/simulator/listing.ts), so an account of millions costs what a small one does. With
 * `still`, the lists stay as they were at the start while the clock goes on for signatures.
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

export type { RawStatus } from "./backups";
export type { OptionalFields } from "./dataset";
export type { Faults } from "./faults";
export { DEFAULT_SCALE, SCALE_NAMES, SCALES, type ScaleName } from "./scale";
export type { Truth, TruthBackup, TruthInstance } from "./truth";

export interface SimulatorOptions {
  /**
   * Seed of the account; the same seed and start give the same lists at every instant after it. Default
   * "backup-inventory".
   */
  seed?: string | number;
  /** The size of the account (lib/simulator/scale.ts); `instances` and `days` replace its figures. Default real. */
  scale?: ScaleName;
  /** Number of instances over all services and projects. */
  instances?: number;
  /** Retention of the backups, days. */
  days?: number;
  /**
   * The simulator clock: what the lists show at each call, and what signature dates are checked against. A Date
   * stands still. Default the wall clock.
   */
  now?: Date | (() => Date);
  /** The lists stay as they were at the start (nothing new, nothing expires); the clock still runs for signatures. */
  still?: boolean;
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

export interface SimulatorStats extends BackupCounts {
  /** ISO instants: the lists hold backups started in [windowStart, at]. */
  windowStart: string;
  at: string;
}

export interface Simulator {
  /** Base URL per service, e.g. http://127.0.0.1:41234 (every region and project). */
  endpoints: Record<Service, string>;
  credentials: { ak: string; sk: string };
  projects: ProjectRef[];
  /** The simulator clock. */
  now(): Date;
  /** The instant the lists show now: the clock's, or the start's when the cloud stands still. */
  listedAt(): Date;
  /** How many instances and backups the lists hold at an instant (default: now), counted without listing them. */
  stats(at?: Date): SimulatorStats;
  /**
   * Every instance and backup the lists hold at an instant (default: now), as a faithful reader of the APIs can know
   * them. One object per backup: for small accounts.
   */
  truth(at?: Date): Truth;
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
  const { instances, days } = resolveScale(options.scale, options);
  const anchor = new Date(nowMs());
  const dataset: Dataset = generateDataset({ seed, instances, days, anchor, projects: options.projects });
  const projectFulls = new ProjectFullLists(dataset);
  const atMs = () => (options.still ? dataset.anchorMs : nowMs());
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
        projectFulls,
        projectId,
        params: matched.params,
        query: new Query(pairs),
        nowMs: nowMs(),
        atMs: atMs(),
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

  return {
    endpoints,
    credentials,
    projects: dataset.projects.map(({ region, projectId }) => ({ region, projectId })),
    now: () => new Date(nowMs()),
    listedAt: () => new Date(atMs()),
    stats: (at) => {
      const ms = at?.getTime() ?? atMs();
      return {
        ...countBackups(dataset, ms),
        windowStart: new Date(ms - dataset.days * DAY_MS).toISOString(),
        at: new Date(ms).toISOString(),
      };
    },
    truth: (at) => truthOf(dataset, at?.getTime() ?? atMs()),
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
