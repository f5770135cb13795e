import "server-only";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { type QueryPairs, signRequest } from "../cloud/signer";
import type { Service } from "../inventory/model";

/**
 * Signed GET requests to the simulator over node:http, for tests and benchmarks that must not depend on the
 * product's client. `prepare` returns the request so that tests can tamper with it before sending.
 */

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed JSON body; undefined when empty. */
  json: unknown;
}

export interface SignedGetOptions {
  projectId: string;
  ak: string;
  sk: string;
  /** Signing time; default now. */
  date?: Date;
}

export interface PreparedRequest {
  url: string;
  headers: Record<string, string>;
}

export function prepareGet(
  endpoint: string,
  path: string,
  query: QueryPairs,
  options: SignedGetOptions,
): PreparedRequest {
  return signRequest({
    method: "GET",
    origin: endpoint,
    path,
    query,
    headers: { "X-Project-Id": options.projectId },
    ak: options.ak,
    sk: options.sk,
    date: options.date ?? new Date(),
  });
}

/** Sends a GET with exactly these headers (node:http adds none that are signed). */
export function send(prepared: PreparedRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(prepared.url, { method: "GET", headers: prepared.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: text ? JSON.parse(text) : undefined });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

export interface SimulatorTarget {
  endpoints: Record<Service, string>;
  credentials: { ak: string; sk: string };
  now(): Date;
}

/** A correctly signed GET to a service of the simulator, dated by the simulator clock unless `date` is given. */
export function signedGet(
  simulator: SimulatorTarget,
  service: Service,
  projectId: string,
  path: string,
  query: QueryPairs = [],
  date?: Date,
): Promise<RawResponse> {
  return send(
    prepareGet(simulator.endpoints[service], path, query, {
      projectId,
      ...simulator.credentials,
      date: date ?? simulator.now(),
    }),
  );
}
