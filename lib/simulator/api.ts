import "server-only";
import type { Service } from "../inventory/model";
import type { Dataset, OptionalFields, SimInstance } from "./dataset";
import { invalidParameter } from "./errors";
import type { ProjectFullLists } from "./listing";

/**
 * What every simulated operation shares: the parsed query, the request context, and the documented
 * validation rules of paging and time windows.
 */

export type QueryPairs = [string, string][];

/** Decodes a raw query string as the gateway reads it (form style: a raw `+` is a space); undefined when malformed. */
export function parseFormQuery(raw: string): QueryPairs | undefined {
  const pairs: QueryPairs = [];
  for (const part of raw.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const decode = (value: string) => decodeURIComponent(value.replace(/\+/g, " "));
    try {
      pairs.push(eq < 0 ? [decode(part), ""] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))]);
    } catch {
      return undefined;
    }
  }
  return pairs;
}

/** Query parameters by name (the first value wins; an empty value counts as absent). */
export class Query {
  private readonly values = new Map<string, string>();

  constructor(pairs: QueryPairs) {
    for (const [key, value] of pairs) if (!this.values.has(key) && value !== "") this.values.set(key, value);
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }
}

export interface RouteContext {
  service: Service;
  dataset: Dataset;
  /** TaurusDB's project-wide full-backup lists, sorted once a day. */
  projectFulls: ProjectFullLists;
  projectId: string;
  /** Path parameters other than project_id. */
  params: Record<string, string>;
  query: Query;
  /** The simulator clock at the time of the request, ms. */
  nowMs: number;
  /** The instant the lists show: the clock's, or the start's when the cloud stands still. */
  atMs: number;
  /** Backup IDs whose records are served malformed. */
  malformed: ReadonlySet<string>;
}

export interface SimResponse {
  status: number;
  /** Absent: no body (DCS 204). */
  body?: unknown;
}

export interface Route {
  operation: string;
  /** Path template, e.g. `/v3/{project_id}/instances/{instance_id}/backups`. */
  path: string;
  handle(context: RouteContext): SimResponse;
}

export function integerParam(
  context: RouteContext,
  name: string,
  rule: { min: number; max?: number; fallback: number; allowed?: readonly number[] },
): number {
  const raw = context.query.get(name);
  if (raw === undefined) return rule.fallback;
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  const range = rule.allowed
    ? `one of ${rule.allowed.join(", ")}`
    : rule.max === undefined
      ? `an integer >= ${rule.min}`
      : `an integer from ${rule.min} to ${rule.max}`;
  const ok = rule.allowed
    ? rule.allowed.includes(value)
    : value >= rule.min && (rule.max === undefined || value <= rule.max);
  if (!ok) throw invalidParameter(context.service, `${name} must be ${range}`);
  return value;
}

export function enumParam<T extends string>(context: RouteContext, name: string, values: readonly T[]): T | undefined {
  const raw = context.query.get(name);
  if (raw === undefined) return undefined;
  if (!(values as readonly string[]).includes(raw))
    throw invalidParameter(context.service, `${name} must be one of ${values.join(", ")}`);
  return raw as T;
}

export interface TimeRule {
  parse(value: string): number | undefined;
  format: string;
  /** begin_time and end_time only together. */
  together: boolean;
  /** Both must be earlier than now (TaurusDB project-wide full backups). */
  notFuture?: boolean;
}

/** The begin_time/end_time window of a request; bounds are inclusive, ms. */
export function timeWindow(context: RouteContext, rule: TimeRule): { from: number; to: number } | undefined {
  const begin = context.query.get("begin_time");
  const end = context.query.get("end_time");
  if (begin === undefined && end === undefined) return undefined;
  if (rule.together && (begin === undefined || end === undefined))
    throw invalidParameter(context.service, "begin_time and end_time must be given together");
  const read = (name: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const ms = rule.parse(value);
    if (ms === undefined) throw invalidParameter(context.service, `${name} must be in the format ${rule.format}`);
    if (rule.notFuture && ms > context.nowMs)
      throw invalidParameter(context.service, `${name} must be earlier than the current time`);
    return ms;
  };
  const from = read("begin_time", begin, Number.NEGATIVE_INFINITY);
  const to = read("end_time", end, Number.POSITIVE_INFINITY);
  if (rule.together ? to <= from : to < from)
    throw invalidParameter(context.service, "end_time must be later than begin_time");
  return { from, to };
}

/** A record with those of its optional `keys` it has as `form` says: sent, sent as JSON null, or left out. */
export function withOptionalFields<T extends Record<string, unknown>>(
  form: OptionalFields,
  record: T,
  keys: readonly string[],
): Record<string, unknown> {
  if (form === "present") return record;
  const result: Record<string, unknown> = { ...record };
  for (const key of keys) {
    if (!Object.hasOwn(result, key)) continue;
    if (form === "null") result[key] = null;
    else delete result[key];
  }
  return result;
}

/** Serves a record of the malformed-IDs fault: an unreadable size and no status. */
export function servedRecord<T extends Record<string, unknown>>(
  context: RouteContext,
  id: string,
  record: T,
): Record<string, unknown> {
  if (!context.malformed.has(id)) return record;
  const { status: _status, ...rest } = record;
  return { ...rest, size: "abc" };
}

/** The instance of this service and project with this ID. */
export function ownInstance<T extends SimInstance>(
  context: RouteContext,
  service: T["service"],
  instanceId: string | undefined,
): T | undefined {
  const instance = context.dataset.instanceById.get(instanceId ?? "");
  if (instance?.service !== service || instance.project.projectId !== context.projectId) return undefined;
  return instance as T;
}
